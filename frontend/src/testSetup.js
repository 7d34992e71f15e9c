// Components use `__` from the app's global properties (main.js), as they do in the browser.
import { config } from '@vue/test-utils'
import { __ } from './translate'

config.global.mocks = { ...config.global.mocks, __ }

// jsdom does no layout and has no ResizeObserver, which frappe-ui's dialog (headlessui) observes.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
}
