// The compliance statuses (dlxh_app/dlxh_reporting/rules/compliance.py) as the heat map colours them.
export const STATUS_COLORS = {
  'On Time': '#16a34a',
  Late: '#f59e0b',
  Returned: '#8b5cf6',
  Missing: '#dc2626',
  'Not Yet Due': '#e5e7eb',
  'Not Applicable': '#ffffff',
}

/** Late by more days, darker. */
export function cellColor(cell) {
  if (cell.status === 'Late') return cell.days_late > 5 ? '#c2410c' : cell.days_late > 2 ? '#f97316' : '#fbbf24'
  return STATUS_COLORS[cell.status] || '#ffffff'
}

export const STATUSES = Object.keys(STATUS_COLORS)
