import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, expect, test, vi } from 'vitest'
import { boot } from '../boot'
import SurveyCollection from './SurveyCollection.vue'

const inField = { doctype: 'Opinion Survey', name: 'KS-1', docstatus: 1, workflow_state: 'In Field', public_slug: 'abc123' }
const staff = { read: 1, create: 1 }

// The server's answers by method; a function answer gets the call and may refuse.
function serve(routes) {
  const calls = []
  vi.stubGlobal('fetch', async (url, options = {}) => {
    const method = url.replace('/api/method/', '').split('?')[0]
    const body = options.body instanceof FormData ? Object.fromEntries(options.body) : options.body ? JSON.parse(options.body) : null
    calls.push({ method, body })
    const answer = routes[method]
    if (typeof answer === 'function') return answer(body)
    return { ok: true, status: 200, json: async () => ({ message: answer ?? null }) }
  })
  return calls
}

afterEach(() => {
  vi.unstubAllGlobals()
  boot.roles = []
})

async function chooseFile(wrapper, name = 'phieu.csv') {
  const input = wrapper.get('input[type=file]')
  Object.defineProperty(input.element, 'files', { value: [new File(['q1\n1\n'], name, { type: 'text/csv' })] })
  await input.trigger('change')
}

test("the survey's staff see the collection actions and links while it is in the field", () => {
  const wrapper = mount(SurveyCollection, { props: { doc: inField, permissions: staff } })
  expect(wrapper.get('[data-testid=public-page]').attributes('href')).toBe('/khao-sat/abc123')
  expect(wrapper.get('[data-testid=paper-entry]').attributes('href')).toBe('/khao-sat/abc123/nhap-phieu')
  expect(wrapper.find('[data-testid=import-form]').exists()).toBe(true)
  expect(wrapper.get('[data-testid=export-invitations]').attributes('href')).toBe(
    '/api/method/dlxh_app.dlxh_surveys.invitations.export_invitations?survey=KS-1',
  )
})

test('nothing before or after the field, nor for who only reads the survey', () => {
  for (const [doc, permissions] of [
    [{ ...inField, docstatus: 0, workflow_state: 'Draft' }, staff],
    [{ ...inField, workflow_state: 'Collection Closed' }, staff],
    [inField, { read: 1 }],
    [inField, {}],
  ]) {
    const wrapper = mount(SurveyCollection, { props: { doc, permissions } })
    expect(wrapper.find('[data-testid=survey-collection]').exists()).toBe(false)
  }
})

test('an enumerator who may read the survey gets the paper entry link only', () => {
  boot.roles = ['DLXH Enumerator']
  const wrapper = mount(SurveyCollection, { props: { doc: inField, permissions: { read: 1 } } })
  expect(wrapper.find('[data-testid=paper-entry]').exists()).toBe(true)
  expect(wrapper.find('[data-testid=public-page]').exists()).toBe(false)
  expect(wrapper.find('[data-testid=import-form]').exists()).toBe(false)
})

test('import uploads the file to the survey, then imports the valid rows only and links the rejected ones', async () => {
  const calls = serve({
    upload_file: { file_url: '/private/files/phieu.csv' },
    'dlxh_app.dlxh_surveys.response_import.import_responses': {
      imported: 3,
      rejected: 1,
      errors: [{ row: 4, messages: ['<b>Tuổi</b>: không phải là số.'] }],
      rejected_file: '/private/files/KS-1-phieu-bi-tu-choi.csv',
    },
  })
  const wrapper = mount(SurveyCollection, { props: { doc: inField, permissions: staff } })
  await chooseFile(wrapper)
  await wrapper.findAll('input[name=valid_only]')[1].setValue()
  await wrapper.get('[data-testid=import-form]').trigger('submit')
  await flushPromises()
  expect(calls[0].body).toMatchObject({ doctype: 'Opinion Survey', docname: 'KS-1', is_private: '1' })
  expect(calls[1].body).toEqual({ survey: 'KS-1', file_url: '/private/files/phieu.csv', valid_only: 1 })
  expect(wrapper.get('[data-testid=import-outcome]').text()).toContain('3')
  expect(wrapper.get('[data-testid=rejected-file]').attributes('href')).toBe('/private/files/KS-1-phieu-bi-tu-choi.csv')
  expect(wrapper.findAll('[data-testid=import-problems] li').map((li) => li.text())).toEqual(['Row 4: Tuổi: không phải là số.'])
  expect(wrapper.emitted('changed')).toHaveLength(1)
})

test("an all-or-nothing import the server refuses shows each row's problem on its own line", async () => {
  const refusal = 'Nothing was imported: 2 of 5 rows have problems.<br>Row 2: <b>Giới tính</b>: bắt buộc.<br>Row 5: <b>Tuổi</b>: không phải là số.'
  const calls = serve({
    upload_file: { file_url: '/private/files/phieu.xlsx' },
    'dlxh_app.dlxh_surveys.response_import.import_responses': () => ({
      ok: false,
      status: 417,
      json: async () => ({ exc_type: 'ResponsesRefused', _server_messages: JSON.stringify([JSON.stringify({ message: refusal })]) }),
    }),
  })
  const wrapper = mount(SurveyCollection, { props: { doc: inField, permissions: staff } })
  await chooseFile(wrapper, 'phieu.xlsx')
  await wrapper.get('[data-testid=import-form]').trigger('submit')
  await flushPromises()
  expect(calls[1].body.valid_only).toBe(0)
  expect(wrapper.find('[data-testid=import-outcome]').exists()).toBe(false)
  expect(wrapper.findAll('[data-testid=import-problems] li').map((li) => li.text())).toEqual([
    'Nothing was imported: 2 of 5 rows have problems.',
    'Row 2: Giới tính: bắt buộc.',
    'Row 5: Tuổi: không phải là số.',
  ])
})

test('generating invitation codes sends the count and shows how many are unused', async () => {
  const calls = serve({ 'dlxh_app.dlxh_surveys.invitations.generate_invitations': 120 })
  const wrapper = mount(SurveyCollection, { props: { doc: inField, permissions: staff } })
  await wrapper.get('input[name=count]').setValue(20)
  await wrapper.get('[data-testid=invitations]').trigger('submit')
  await flushPromises()
  expect(calls[0].body).toEqual({ survey: 'KS-1', count: 20 })
  expect(wrapper.get('[data-testid=invitations]').text()).toContain('120 invitation codes unused.')
})
