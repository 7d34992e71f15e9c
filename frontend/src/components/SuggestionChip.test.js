import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import SuggestionChip from './SuggestionChip.vue'

const SUGGEST = 'dlxh_app.dlxh_reporting.ai.api.suggest'
const TEXT = '<p>Bà con bức xúc vì kẹt xe giờ cao điểm trên đường 30 Tháng 4.</p>'
const TOPIC = 'Giao thông, trật tự, an toàn xã hội'
const answer = {
  suggestions: {
    topic: { value: TOPIC, label: TOPIC, confidence: 0.874 },
    trend: { value: 'Negative', label: 'Tiêu cực', confidence: 0.66 },
  },
  model_version: 3,
}

function serve(message) {
  const calls = []
  vi.stubGlobal('fetch', async (url, options = {}) => {
    calls.push({ method: url.replace('/api/method/', ''), body: JSON.parse(options.body || 'null') })
    return { ok: true, status: 200, json: async () => ({ message }) }
  })
  return calls
}

beforeEach(() => vi.useFakeTimers())
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

async function typed(props, message = answer) {
  const calls = serve(message)
  const wrapper = mount(SuggestionChip, { props })
  await vi.advanceTimersByTimeAsync(700)
  await flushPromises()
  return { wrapper, calls }
}

test('asks with the plain text once typing pauses, and shows topic and trend with their confidence', async () => {
  const { wrapper, calls } = await typed({ text: TEXT })
  expect(calls).toEqual([{ method: SUGGEST, body: { text: 'Bà con bức xúc vì kẹt xe giờ cao điểm trên đường 30 Tháng 4.' } }])
  expect(wrapper.get('[data-testid=suggested-topic]').text()).toContain(`${TOPIC}`)
  expect(wrapper.get('[data-testid=suggested-topic]').text()).toContain('87%')
  expect(wrapper.get('[data-testid=suggested-trend]').text()).toContain('Tiêu cực (66%)')
  expect(wrapper.emitted('suggested')[0][0]).toMatchObject({ model_version: 3, topic: { value: TOPIC } })
  // Shown, not applied: nothing is set until the officer says so.
  expect(wrapper.emitted('apply')).toBeUndefined()
  await wrapper.get('[data-testid=apply-suggestion]').trigger('click')
  expect(wrapper.emitted('apply')[0][0]).toEqual({ topic: TOPIC, trend: 'Negative' })
})

test('nothing for short text, nor when the fields already hold the suggestion, nor once dismissed', async () => {
  const short = await typed({ text: 'kẹt xe' })
  expect(short.calls).toEqual([])
  expect(short.wrapper.find('[data-testid=suggestion]').exists()).toBe(false)
  const same = await typed({ text: TEXT, topic: TOPIC, trend: 'Negative' })
  expect(same.wrapper.find('[data-testid=suggestion]').exists()).toBe(false)
  const dismissed = await typed({ text: TEXT })
  await dismissed.wrapper.get('[data-testid=dismiss-suggestion]').trigger('click')
  expect(dismissed.wrapper.find('[data-testid=suggestion]').exists()).toBe(false)
})

test('no suggestion when the site has no model or the call fails', async () => {
  const none = await typed({ text: TEXT }, { suggestions: {}, model_version: null })
  expect(none.wrapper.find('[data-testid=suggestion]').exists()).toBe(false)
  vi.stubGlobal('fetch', async () => ({ ok: false, status: 500, json: async () => ({}) }))
  const wrapper = mount(SuggestionChip, { props: { text: TEXT } })
  await vi.advanceTimersByTimeAsync(700)
  await flushPromises()
  expect(wrapper.find('[data-testid=suggestion]').exists()).toBe(false)
})
