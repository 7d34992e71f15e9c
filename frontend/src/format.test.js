import { describe, expect, test } from 'vitest'
import { formatDate, formatDatetime, formatNumber, formatValue, parseDate, parseDatetime, parseNumber } from './format'

describe('dates as the site shows them', () => {
  test('dd/mm/yyyy both ways', () => {
    expect(formatDate('2026-12-02')).toBe('02/12/2026')
    expect(parseDate('2/12/2026')).toBe('2026-12-02')
    expect(formatDate('2026-12-02', 'mm-dd-yyyy')).toBe('12-02-2026')
  })
  test('impossible dates are refused', () => {
    expect(parseDate('31/02/2026')).toBeNull()
    expect(parseDate('12/2026')).toBeNull()
    expect(parseDate('01/13/2026')).toBeNull()
  })
  test('datetimes keep hours and minutes', () => {
    expect(formatDatetime('2025-06-15 00:00:00')).toBe('15/06/2025 00:00')
    expect(parseDatetime('15/06/2025 9:05')).toBe('2025-06-15 09:05:00')
    expect(parseDatetime('15/06/2025 25:00')).toBeNull()
  })
  test('values that are not stored dates are shown as they are', () => {
    expect(formatDate('02/12/2026 09:37:24')).toBe('02/12/2026 09:37:24')
  })
})

describe('numbers in the Vietnamese format', () => {
  test('groups with dots, decimals with a comma', () => {
    expect(formatNumber(1234567.891, 2)).toBe('1.234.567,89')
    expect(formatNumber(-1500)).toBe('-1.500')
    expect(formatNumber(1234.5, 2, '#,###.##')).toBe('1,234.50')
  })
  test('parsed back, and nonsense is NaN', () => {
    expect(parseNumber('1.234,5')).toBe(1234.5)
    expect(parseNumber('')).toBeNull()
    expect(parseNumber('12a')).toBeNaN()
  })
  test('by field type', () => {
    expect(formatValue(12.5, { fieldtype: 'Percent' })).toBe('12,5%')
    expect(formatValue(3, { fieldtype: 'Int' })).toBe('3')
    expect(formatValue(1, { fieldtype: 'Check' })).toBe('✓')
    expect(formatValue(2025, { fieldtype: 'Int', fieldname: 'period_year' })).toBe('2025')
    expect(formatValue(2025, { fieldtype: 'Int', fieldname: 'days_late' })).toBe('2.025')
  })
})
