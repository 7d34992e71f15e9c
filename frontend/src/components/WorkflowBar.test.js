import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, expect, test, vi } from 'vitest'
import { reportMeta } from '../testMeta'
import WorkflowBar from './WorkflowBar.vue'

const meta = { ...reportMeta(), field: (name) => (name === 'return_reason' ? { fieldname: name } : null) }
const doc = { doctype: 'Opinion Report', name: 'BCDL-1', workflow_state: 'Sent to City', modified: 'x' }

function serve(routes) {
  const calls = []
  vi.stubGlobal('fetch', async (url, options = {}) => {
    const method = url.replace('/api/method/', '').split('?')[0]
    calls.push({ method, body: options.body ? JSON.parse(options.body) : null })
    return { ok: true, status: 200, json: async () => ({ message: routes[method] ?? null }) }
  })
  return calls
}

afterEach(() => vi.unstubAllGlobals())

test("a button for each action the server offers this user, none for the rest", async () => {
  serve({ 'frappe.model.workflow.get_transitions': [{ action: 'Accept', next_state: 'Accepted' }, { action: 'Return', next_state: 'Returned' }] })
  const wrapper = mount(WorkflowBar, { props: { doc, meta }, attachTo: document.body })
  await flushPromises()
  expect(wrapper.findAll('button').map((b) => b.text())).toEqual(['Accept', 'Return'])
  wrapper.unmount()
})

test('no actions while the form has unsaved changes', async () => {
  serve({ 'frappe.model.workflow.get_transitions': [{ action: 'Accept', next_state: 'Accepted' }] })
  const wrapper = mount(WorkflowBar, { props: { doc, meta, dirty: true } })
  await flushPromises()
  expect(wrapper.get('button').attributes('disabled')).toBeDefined()
  wrapper.unmount()
})

test('Return asks for the reason and returns through the document method', async () => {
  const calls = serve({ 'frappe.model.workflow.get_transitions': [{ action: 'Return', next_state: 'Returned' }] })
  const wrapper = mount(WorkflowBar, { props: { doc, meta }, attachTo: document.body })
  await flushPromises()
  await wrapper.get('button').trigger('click')
  await flushPromises()
  const reason = document.body.querySelector('textarea[name=return_reason]')
  reason.value = 'Thiếu số liệu'
  reason.dispatchEvent(new Event('input'))
  await flushPromises()
  document.body.querySelector('[data-testid=confirm-action]').click()
  await flushPromises()
  const returned = calls.find((c) => c.method === 'run_doc_method')
  expect(returned.body).toMatchObject({ dt: 'Opinion Report', dn: 'BCDL-1', method: 'return_for_revision' })
  expect(JSON.parse(returned.body.args)).toEqual({ reason: 'Thiếu số liệu' })
  expect(wrapper.emitted('applied')).toHaveLength(1)
  wrapper.unmount()
})
