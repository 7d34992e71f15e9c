// Values as the site shows them (System Settings: date format, number format): dd/mm/yyyy dates and
// 1.234,56 numbers in Vietnam. Frappe stores dates as yyyy-mm-dd and datetimes as yyyy-mm-dd hh:mm:ss.
import { boot } from './boot'
import { __ } from './translate'

function dateParts(format) {
  const order = format.toLowerCase().split(/[^dmy]+/)
  const separator = format.match(/[^dmy]/i)?.[0] || '-'
  return { order, separator }
}

/** Today's date (yyyy-mm-dd) in a time zone: the site's, not the browser's. */
export const todayIn = (timeZone) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date())

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/

export function formatDate(value, format = boot.date_format) {
  if (!value) return ''
  // Anything but a stored date (a version's already formatted value, say) is shown as it is.
  if (!ISO_DATE.test(value)) return String(value)
  const [year, month, day] = String(value).slice(0, 10).split('-')
  const parts = { dd: day, mm: month, yyyy: year }
  const { order, separator } = dateParts(format)
  return order.map((part) => parts[part]).join(separator)
}

export function parseDate(text, format = boot.date_format) {
  const pieces = String(text || '').trim().split(/[^0-9]+/)
  const { order } = dateParts(format)
  if (pieces.length !== 3) return null
  const parts = Object.fromEntries(order.map((part, i) => [part, pieces[i]]))
  const [day, month, year] = [Number(parts.dd), Number(parts.mm), Number(parts.yyyy)]
  const date = new Date(Date.UTC(year, month - 1, day))
  if (year < 1000 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

export function formatDatetime(value, format = boot.date_format) {
  if (!value) return ''
  if (!ISO_DATE.test(value)) return String(value)
  const [date, time = ''] = String(value).split(' ')
  return `${formatDate(date, format)} ${time.slice(0, 5)}`.trim()
}

export function parseDatetime(text, format = boot.date_format) {
  const [date, time = '00:00'] = String(text || '').trim().split(/\s+/)
  const day = parseDate(date, format)
  const match = time.match(/^(\d{1,2}):(\d{2})(?::(\d{2}))?$/)
  if (!day || !match || Number(match[1]) > 23 || Number(match[2]) > 59) return null
  return `${day} ${match[1].padStart(2, '0')}:${match[2]}:${match[3] || '00'}`
}

function numberSeparators(format) {
  // "#.###,##" → group ".", decimal ","; "#,###.##" → group ",", decimal "."
  const match = format.match(/#(.)###(?:(.)#+)?/)
  return { group: match?.[1] ?? ',', decimal: match?.[2] ?? (match?.[1] === '.' ? ',' : '.') }
}

export function formatNumber(value, precision = 0, format = boot.number_format) {
  if (value === null || value === undefined || value === '') return ''
  const { group, decimal } = numberSeparators(format)
  const [whole, fraction] = Math.abs(Number(value)).toFixed(precision).split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group)
  return (Number(value) < 0 ? '-' : '') + grouped + (fraction ? decimal + fraction : '')
}

export function parseNumber(text, format = boot.number_format) {
  const { group, decimal } = numberSeparators(format)
  const plain = String(text ?? '').trim().split(group).join('').replace(decimal, '.')
  if (plain === '') return null
  return /^-?\d+(\.\d+)?$/.test(plain) ? Number(plain) : NaN
}

const PRECISION = { Int: 0, Float: 2, Currency: 0, Percent: 1 }

// A year is a number nobody reads with a thousands separator ("2.025").
const isYear = (field) => field.fieldtype === 'Int' && /(^|_)year$/.test(field.fieldname)

export function formatValue(value, field) {
  if (isYear(field)) return value === null || value === undefined ? '' : String(value)
  switch (field.fieldtype) {
    case 'Date':
      return formatDate(value)
    case 'Datetime':
      return formatDatetime(value)
    case 'Int':
    case 'Float':
    case 'Currency':
    case 'Percent': {
      const precision = field.precision ? Number(field.precision) : PRECISION[field.fieldtype]
      const number = formatNumber(value, precision)
      return number && field.fieldtype === 'Percent' ? `${number}%` : number
    }
    case 'Check':
      return value ? '✓' : ''
    default:
      return value ?? ''
  }
}

/** A value as a person reads it: choices and workflow states in their language, the rest formatted. */
export function displayValue(value, field) {
  if (field.fieldtype === 'Select' || field.options === 'Workflow State') return value ? __(value) : ''
  return formatValue(value, field)
}
