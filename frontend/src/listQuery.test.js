import { expect, test } from 'vitest'
import { PAGE_LENGTH, listArgs, rowsOf } from './listQuery'
import { reportMeta } from './testMeta'

test("the list's query: chosen filters, free text over name and title, sort and page", () => {
  const meta = { ...reportMeta(), title_field: '', search_fields: 'unit' }
  const args = listArgs('Opinion Report', meta, {
    filters: { unit: 'Quận ủy Ninh Kiều', workflow_state: '', nonexistent: 'x' },
    text: 'Ninh',
    sortField: 'period_month',
    sortOrder: 'asc',
    page: 2,
    columns: ['unit'],
  })
  expect(args.filters).toEqual([['Opinion Report', 'unit', '=', 'Quận ủy Ninh Kiều']])
  expect(args.or_filters).toEqual([
    ['Opinion Report', 'name', 'like', '%Ninh%'],
    ['Opinion Report', 'unit', 'like', '%Ninh%'],
  ])
  expect(args.order_by).toBe('`tabOpinion Report`.`period_month` asc')
  expect(args.start).toBe(2 * PAGE_LENGTH)
  expect(args.fields).toContain('`tabOpinion Report`.`workflow_state`')
})

test("reportview's compressed answer becomes rows", () => {
  expect(rowsOf({ keys: ['name', 'unit'], values: [['R1', 'U1']] })).toEqual([{ name: 'R1', unit: 'U1' }])
  expect(rowsOf({})).toEqual([])
})
