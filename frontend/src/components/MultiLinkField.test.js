import { mount } from '@vue/test-utils'
import { expect, test } from 'vitest'
import LinkInput from './LinkInput.vue'
import MultiLinkField from './MultiLinkField.vue'

const field = { fieldname: 'topics', label: 'Topics', fieldtype: 'Table MultiSelect', options: 'DLXH Plan Topic' }
const childMeta = {
  name: 'DLXH Plan Topic',
  fields: [{ fieldname: 'topic', label: 'Topic', fieldtype: 'Link', options: 'Opinion Topic' }],
}
const lastRows = (wrapper) => wrapper.emitted('update:modelValue').at(-1)[0]

test('values are picked through the link search and removed, each once, idx in order', async () => {
  const rows = [{ name: 'r1', topic: 'Kinh tế', idx: 1 }]
  const wrapper = mount(MultiLinkField, { props: { field, childMeta, modelValue: rows } })
  expect(wrapper.findAll('[data-testid=multi-link-value]').map((v) => v.text())).toEqual([expect.stringContaining('Kinh tế')])

  wrapper.getComponent(LinkInput).vm.$emit('update:modelValue', 'Văn hóa')
  expect(lastRows(wrapper)).toEqual([
    rows[0],
    expect.objectContaining({ doctype: 'DLXH Plan Topic', parentfield: 'topics', topic: 'Văn hóa', idx: 2 }),
  ])

  const before = wrapper.emitted('update:modelValue').length
  wrapper.getComponent(LinkInput).vm.$emit('update:modelValue', 'Kinh tế')
  expect(wrapper.emitted('update:modelValue')).toHaveLength(before)

  await wrapper.setProps({ modelValue: lastRows(wrapper) })
  await wrapper.get('button[aria-label="Remove Kinh tế"]').trigger('click')
  expect(lastRows(wrapper).map((r) => [r.topic, r.idx])).toEqual([['Văn hóa', 1]])
})

test('read-only shows the values without controls', () => {
  const wrapper = mount(MultiLinkField, { props: { field, childMeta, modelValue: [{ topic: 'Kinh tế' }], readOnly: true } })
  expect(wrapper.text()).toContain('Kinh tế')
  expect(wrapper.find('button').exists()).toBe(false)
  expect(wrapper.findComponent(LinkInput).exists()).toBe(false)
})
