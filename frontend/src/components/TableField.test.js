import { flushPromises, mount } from '@vue/test-utils'
import { expect, test, vi } from 'vitest'
import { reportMeta } from '../testMeta'
import TableField from './TableField.vue'

const meta = reportMeta()
const props = (rows) => ({ field: meta.field('items'), childMeta: meta.children['Opinion Report Item'], modelValue: rows })
const lastRows = (wrapper) => wrapper.emitted('update:modelValue').at(-1)[0]

test('rows are added, reordered and removed, idx kept in order', async () => {
  const rows = [
    { name: 'a', topic: 'T1', idx: 1 },
    { name: 'b', topic: 'T2', idx: 2 },
  ]
  const wrapper = mount(TableField, { props: props(rows) })
  expect(wrapper.findAll('[data-testid=table-row]')).toHaveLength(2)

  await wrapper.get('button[aria-label="Move down"]').trigger('click')
  expect(lastRows(wrapper).map((r) => [r.name, r.idx])).toEqual([['b', 1], ['a', 2]])

  await wrapper.setProps({ modelValue: lastRows(wrapper) })
  await wrapper.findAll('button[aria-label="Delete row"]')[0].trigger('click')
  expect(lastRows(wrapper).map((r) => [r.name, r.idx])).toEqual([['a', 1]])

  await wrapper.setProps({ modelValue: lastRows(wrapper) })
  await wrapper.get('button.mt-2').trigger('click')
  const added = lastRows(wrapper)
  expect(added).toHaveLength(2)
  expect(added[1]).toMatchObject({ doctype: 'Opinion Report Item', parentfield: 'items', idx: 2 })
})

test('a row cell is edited inline', async () => {
  const wrapper = mount(TableField, { props: props([{ name: 'a', topic: 'T1', proposal: '', idx: 1 }]) })
  await wrapper.get('textarea').setValue('More meetings')
  expect(lastRows(wrapper)[0].proposal).toBe('More meetings')
})

test('read-only after submit: no buttons', () => {
  const wrapper = mount(TableField, { props: { ...props([{ name: 'a', topic: 'T1', idx: 1 }]), readOnly: true } })
  expect(wrapper.find('button').exists()).toBe(false)
})

test("a report item's editor suggests its topic and trend, applied only on request", async () => {
  vi.useFakeTimers()
  const topic = 'Giao thông, trật tự, an toàn xã hội'
  vi.stubGlobal('fetch', async () => ({
    ok: true,
    status: 200,
    json: async () => ({ message: { suggestions: { topic: { value: topic, label: topic, confidence: 0.9 } }, model_version: 1 } }),
  }))
  try {
    const row = { name: 'a', topic: 'T1', content: 'Bà con phản ánh kẹt xe giờ cao điểm trên đường 30 Tháng 4', idx: 1 }
    const wrapper = mount(TableField, { props: props([row]) })
    await wrapper.get('button[aria-label="Edit row"]').trigger('click')
    await vi.advanceTimersByTimeAsync(700)
    await flushPromises()
    expect(wrapper.emitted('update:modelValue')).toBeUndefined()
    await wrapper.get('[data-testid=apply-suggestion]').trigger('click')
    expect(lastRows(wrapper)[0].topic).toBe(topic)
  } finally {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  }
})
