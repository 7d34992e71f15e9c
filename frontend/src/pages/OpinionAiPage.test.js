import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, expect, test, vi } from 'vitest'
import OpinionAiPage from './OpinionAiPage.vue'

const API = 'dlxh_app.dlxh_reporting.ai.api'
const routes = {
  [`${API}.model_status`]: {
    model: {
      version: 2,
      trained_on: '2026-12-02 09:00:00',
      label_counts: { topic: { A: 30, B: 20 }, trend: { Positive: 50 } },
      metrics: {
        topic: { held_out: 10, macro_f1: 0.91, accuracy: 0.93, majority_baseline: { macro_f1: 0.1, accuracy: 0.3 } },
      },
      min_confidence: 0.35,
      min_macro_f1: 0.5,
    },
    new_labels: 7,
    feedback: { accepted: 4, corrected: 1 },
  },
  [`${API}.emerging_issues`]: [
    {
      kind: 'phrase',
      key: 'ứng dụng',
      related: ['tiền ảo'],
      unit: null,
      week: '2026-11-30',
      count: 14,
      mean: 0,
      sd: 0,
      threshold: 3,
      examples: [{ name: 'YK-2026-00001', unit: 'Phường A', entry_date: '2026-12-01', content: 'Lừa đảo tiền ảo' }],
    },
  ],
  [`${API}.similar_opinions`]: {
    entries: 10,
    stories: 8,
    groups: [{ units: ['Phường A', 'Phường B'], entries: [{ content: 'Kẹt xe' }, { content: 'Kẹt xe' }] }],
  },
}

afterEach(() => vi.unstubAllGlobals())

test("shows the model's held-out figures, this week's emerging issues and the similar opinions", async () => {
  const asked = []
  vi.stubGlobal('fetch', async (url) => {
    const method = url.replace('/api/method/', '').split('?')[0]
    asked.push(url)
    return { ok: true, status: 200, json: async () => ({ message: routes[method] }) }
  })
  const wrapper = mount(OpinionAiPage, { global: { stubs: { RouterLink: { template: '<a><slot /></a>' } } } })
  await flushPromises()
  expect(wrapper.get('[data-testid=ai-metrics-topic]').text()).toContain('50')
  expect(wrapper.get('[data-testid=ai-model]').text()).toContain('2')
  const issue = wrapper.get('[data-testid=ai-issue]').text()
  expect(issue).toContain('ứng dụng')
  expect(issue).toContain('tiền ảo')
  expect(issue).toContain('Lừa đảo tiền ảo')
  expect(wrapper.get('[data-testid=ai-similar-group]').text()).toContain('Phường A, Phường B')
  expect(asked.some((url) => url.includes('similar_opinions?from_date='))).toBe(true)
})

test('a refusal is shown, not thrown', async () => {
  vi.stubGlobal('fetch', async () => ({ ok: false, status: 403, json: async () => ({ exc_type: 'PermissionError' }) }))
  const wrapper = mount(OpinionAiPage, { global: { stubs: { RouterLink: true } } })
  await flushPromises()
  expect(wrapper.find('[data-testid=ai-error]').exists()).toBe(true)
})
