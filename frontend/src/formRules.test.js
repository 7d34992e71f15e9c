import { describe, expect, test } from 'vitest'
import { isReadOnly, isRequired, isVisible, missingValues, permittedLevels, placeMessages, workflowAllowsEdit } from './formRules'
import { formLayout } from './meta'
import { reportMeta } from './testMeta'

describe('a form from the meta', () => {
  test('sections and columns as the desk lays them out', () => {
    const [tab] = formLayout(reportMeta().fields)
    expect(tab.sections.map((s) => s.label)).toEqual(['', 'Summary'])
    expect(tab.sections[1].columns.map((c) => c.map((f) => f.fieldname))).toEqual([['period_month'], ['items', 'workflow_state']])
  })
  test('depends_on and mandatory_depends_on follow the document', () => {
    const field = reportMeta().field('report_request')
    expect(isVisible(field, { report_type: 'Monthly' })).toBe(false)
    expect(isVisible(field, { report_type: 'Ad hoc' })).toBe(true)
    expect(isRequired(field, { report_type: 'Ad hoc' })).toBe(true)
  })
  test('required fields left empty are named', () => {
    const errors = missingValues(reportMeta(), { report_type: 'Ad hoc', unit: 'X' })
    expect(Object.keys(errors).sort()).toEqual(['period_month', 'report_request'])
  })
  test('read-only after submit, and where the workflow state gives the user no edit right', () => {
    const meta = reportMeta()
    expect(isReadOnly(meta.field('unit'), { docstatus: 1 }, true)).toBe(true)
    expect(isReadOnly(meta.field('unit'), { docstatus: 0 }, true)).toBe(false)
    expect(workflowAllowsEdit(meta, { workflow_state: 'Draft' }, ['DLXH Unit Leader'])).toBe(true)
    expect(workflowAllowsEdit(meta, { workflow_state: 'Sent to City' }, ['DLXH Unit Leader'])).toBe(false)
  })
})

test("fields at a permission level are read and written only by the roles it names", () => {
  const meta = {
    permissions: [
      { role: 'DLXH Unit Officer', permlevel: 0, read: 1, write: 1 },
      { role: 'DLXH Unit Officer', permlevel: 1, read: 1, write: 1 },
      { role: 'DLXH Collaborator', permlevel: 1, read: 1, write: 0 },
      { role: 'DLXH Collaborator', permlevel: 2, read: 1, write: 0 },
    ],
  }
  const collaborator = permittedLevels(meta, ['DLXH Collaborator'])
  expect([...collaborator.read].sort()).toEqual([0, 1, 2])
  expect([...collaborator.write]).toEqual([0])
  expect([...permittedLevels(meta, ['DLXH Unit Officer']).write].sort()).toEqual([0, 1])
})

describe("the server's messages beside their fields", () => {
  test('the app titles its errors "Invalid <label>"', () => {
    const { byField, general } = placeMessages(reportMeta(), [{ title: 'Invalid Month', message: 'Month: 13 is not a month.' }])
    expect(byField).toEqual({ period_month: 'Month: 13 is not a month.' })
    expect(general).toEqual([])
  })
  test("a child row's field is shown on its table", () => {
    const { byField } = placeMessages(reportMeta(), [{ title: 'Invalid Topic', message: 'Topic: row 2 has none.' }])
    expect(byField).toEqual({ items: 'Topic: row 2 has none.' })
  })
  test('messages that name no field stay general', () => {
    const { byField, general } = placeMessages(reportMeta(), [{ title: 'Error', message: 'Something else' }])
    expect(byField).toEqual({})
    expect(general).toEqual(['Something else'])
  })
})
