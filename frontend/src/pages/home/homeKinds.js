// Which home a user gets, from their roles (the server decides what each part shows: dlxh_app/dlxh_reporting/home.py).
// A person with several roles gets each role's part, the day's work first.
const CITY = ['DLXH Manager', 'DLXH City Officer', 'System Manager']

export function homeParts(roles = []) {
  const has = (role) => roles.includes(role)
  const dlxh = roles.filter((role) => role.startsWith('DLXH '))
  const parts = []
  if (has('DLXH Manager') || has('DLXH City Officer') || has('DLXH Unit Leader')) parts.push('approvals')
  if (has('DLXH Unit Officer') || has('DLXH Unit Leader')) parts.push('unit')
  if (has('DLXH City Officer') || (has('System Manager') && !dlxh.length)) parts.push('city')
  if (has('DLXH Manager')) parts.push('manager')
  if (has('DLXH Enumerator')) parts.push('enumerator')
  // A collaborator who is also an officer works as an officer.
  if (dlxh.length && dlxh.every((role) => role === 'DLXH Collaborator')) parts.push('collaborator')
  return parts
}

export const isCityUser = (roles = []) => CITY.some((role) => roles.includes(role))
