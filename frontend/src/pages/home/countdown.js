// Deadlines as the Department reads them: in its time zone (DLXH Settings, Asia/Ho_Chi_Minh), whatever the
// browser's, and the time left counted in days and hours.
import { __ } from '../../translate'

/** "còn 4 ngày 15 giờ", "còn 3 giờ", or "quá hạn 2 ngày" for a deadline `seconds` away (negative: passed). */
export function timeLeft(seconds) {
  const passed = seconds < 0
  const total = Math.abs(Math.floor(seconds))
  const days = Math.floor(total / 86400)
  const hours = Math.floor((total % 86400) / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  let amount
  if (days) amount = hours ? __('{0} days {1} hours', [days, hours]) : __('{0} days', [days])
  else if (hours) amount = __('{0} hours', [hours])
  else amount = __('{0} minutes', [minutes])
  return passed ? __('{0} overdue', [amount]) : __('{0} left', [amount])
}

/** An ISO time with its offset, written dd/mm/yyyy hh:mm in `timeZone`. */
export function inZone(iso, timeZone = 'Asia/Ho_Chi_Minh') {
  if (!iso) return ''
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value]),
  )
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`
}

/** Seconds from `now` (ms) to an ISO time. */
export const secondsUntil = (iso, now = Date.now()) => Math.round((new Date(iso).getTime() - now) / 1000)
