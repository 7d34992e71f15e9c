// The demo site's users (README, "Demo"; dlxh_app/setup/demo.py), whom the browser tests log in as.
export const PASSWORD = 'dlxh-demo-2025'

export const CITY_MANAGER = 'manager@dlxh.local'
export const CITY_OFFICER = 'officer@dlxh.local'
// A ward that exists today (since 1/7/2025), so it owes this month's report.
export const UNIT_OFFICER = 'officer.phuongninhkieu@dlxh.local'
export const UNIT_LEADER = 'leader.phuongninhkieu@dlxh.local'
// An officer of a sibling unit, who must not see the ward's documents.
export const SIBLING_OFFICER = 'officer.binhthuy@dlxh.local'

// One user per demo role (the README's table).
export const ROLE_USERS = [
  CITY_MANAGER,
  CITY_OFFICER,
  'leader.ninhkieu@dlxh.local',
  'officer.ninhkieu@dlxh.local',
  SIBLING_OFFICER,
  'collaborator@dlxh.local',
  'enumerator@dlxh.local',
]
