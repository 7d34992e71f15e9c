import { mount } from '@vue/test-utils'
import { expect, test } from 'vitest'
import { boot } from '../boot'
import FieldInput from './FieldInput.vue'
import LinkInput from './LinkInput.vue'

const dateField = { fieldname: 'entry_date', label: 'Entry Date', fieldtype: 'Date' }

test('a date is typed dd/mm/yyyy and kept as Frappe stores it', async () => {
  const wrapper = mount(FieldInput, { props: { field: dateField, modelValue: '2026-12-02' } })
  const input = wrapper.get('input')
  expect(input.element.value).toBe('02/12/2026')
  await input.setValue('15/01/2027')
  await input.trigger('blur')
  expect(wrapper.emitted('update:modelValue').at(-1)).toEqual(['2027-01-15'])
})

test('an impossible date gets its message beside the field and is not sent', async () => {
  const wrapper = mount(FieldInput, { props: { field: dateField, modelValue: null } })
  await wrapper.get('input').setValue('31/02/2026')
  await wrapper.get('input').trigger('blur')
  expect(wrapper.emitted('update:modelValue')).toBeUndefined()
  expect(wrapper.get('[data-testid=field-error]').text()).toContain('dd/mm/yyyy')
})

test('numbers in the site format', async () => {
  const field = { fieldname: 'amount', label: 'Amount', fieldtype: 'Float' }
  const wrapper = mount(FieldInput, { props: { field, modelValue: 1234.5 } })
  expect(wrapper.get('input').element.value).toBe('1.234,50')
  await wrapper.get('input').setValue('2.000,25')
  await wrapper.get('input').trigger('blur')
  expect(wrapper.emitted('update:modelValue').at(-1)).toEqual([2000.25])
})

test('read-only values are translated and rich text is sanitised', () => {
  boot.translations = { Returned: 'Trả lại' }
  const state = mount(FieldInput, {
    props: { field: { fieldname: 'workflow_state', label: 'State', fieldtype: 'Link', options: 'Workflow State' }, modelValue: 'Returned', readOnly: true },
  })
  expect(state.text()).toContain('Trả lại')
  const rich = mount(FieldInput, {
    props: { field: { fieldname: 'content', label: 'Content', fieldtype: 'Text Editor' }, modelValue: '<p>ok</p><img src=x onerror="alert(1)"><script>alert(2)</script>', readOnly: true },
  })
  expect(rich.html()).toContain('<p>ok</p>')
  expect(rich.html()).not.toContain('onerror')
  expect(rich.html()).not.toContain('<script')
})

test('the server error is shown beside the field', () => {
  const wrapper = mount(FieldInput, { props: { field: { fieldname: 'unit', label: 'Unit', fieldtype: 'Data' }, modelValue: 'X', error: 'Unit: not a reporting unit' } })
  expect(wrapper.get('[data-testid=field-error]').text()).toBe('Unit: not a reporting unit')
})

test("a Link field searches with its DocType's link filters, computed from the document", () => {
  const field = {
    fieldname: 'parent_plan',
    label: 'Parent Plan',
    fieldtype: 'Link',
    options: 'DLXH Plan',
    link_filters: '[["DLXH Plan","plan_year","=","eval:doc.plan_year"],["DLXH Plan","docstatus","=",1]]',
  }
  const wrapper = mount(FieldInput, { props: { field, modelValue: null, doctype: 'DLXH Plan', doc: { plan_year: 2026 } } })
  expect(wrapper.getComponent(LinkInput).props('filters')).toEqual({ plan_year: ['=', 2026], docstatus: ['=', 1] })
})
