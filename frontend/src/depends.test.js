import { expect, test } from 'vitest'
import { evaluateDependsOn } from './depends'

test('the expressions the app uses', () => {
  expect(evaluateDependsOn("eval:doc.report_type=='Ad hoc'", { report_type: 'Ad hoc' })).toBe(true)
  expect(evaluateDependsOn("eval:doc.report_type=='Ad hoc'", { report_type: 'Monthly' })).toBe(false)
  expect(evaluateDependsOn('eval:!doc.all_reporting_units', { all_reporting_units: 0 })).toBe(true)
})

test('a fieldname is true when the field has a value; nothing means always', () => {
  expect(evaluateDependsOn('unit', { unit: 'X' })).toBe(true)
  expect(evaluateDependsOn('unit', {})).toBe(false)
  expect(evaluateDependsOn('', {})).toBe(true)
})

test('a broken expression hides the field instead of breaking the form', () => {
  expect(evaluateDependsOn('eval:doc.missing.deeper', {})).toBe(false)
})
