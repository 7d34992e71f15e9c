import { expect, test } from 'vitest'
import { evaluateDependsOn, linkFilters } from './depends'

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

test('link filters computed from the document, as the desk computes them', () => {
  const field = {
    fieldname: 'paired_survey',
    link_filters: JSON.stringify([
      ['Opinion Survey', 'docstatus', '<', 2],
      ['Opinion Survey', 'timing', '=', "eval:doc.timing == 'Before Issuance' ? 'After Implementation' : 'Before Issuance'"],
      ['Opinion Survey', 'name', '!=', 'eval:doc.name'],
    ]),
  }
  expect(linkFilters(field, { name: 'KS-2026-001', timing: 'Before Issuance' })).toEqual({
    docstatus: ['<', 2],
    timing: ['=', 'After Implementation'],
    name: ['!=', 'KS-2026-001'],
  })
  // A new document has no name yet: the filter still goes, with no value, as the desk sends it.
  expect(linkFilters(field, { timing: 'After Implementation' }).name).toEqual(['!=', null])
})

test('a child row reads its parent; a field without link filters has none', () => {
  const field = { fieldname: 'unit', link_filters: '[["DLXH Unit","parent_dlxh_unit","=","eval:parent.issuing_unit"]]' }
  expect(linkFilters(field, {}, { issuing_unit: 'City' })).toEqual({ parent_dlxh_unit: ['=', 'City'] })
  expect(linkFilters({ fieldname: 'unit' }, {})).toBeNull()
  expect(linkFilters({ fieldname: 'unit', link_filters: 'not json' }, {})).toBeNull()
})
