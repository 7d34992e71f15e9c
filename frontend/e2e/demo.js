// The demo site's users (README, "Demo": the table of users who take this month's report through the
// whole cycle; dlxh_app/setup/demo.py), whom the browser tests log in as.
export const PASSWORD = 'dlxh-demo-2025'

export const COLLABORATOR = 'collaborator@dlxh.local'
export const UNIT_OFFICER = 'officer.phuongninhkieu@dlxh.local'
export const UNIT_LEADER = 'leader.phuongninhkieu@dlxh.local'
export const CITY_OFFICER = 'officer@dlxh.local'
export const CITY_MANAGER = 'manager@dlxh.local'
export const ENUMERATOR = 'enumerator@dlxh.local'
// The officer of a sibling ward (README: a leader and an officer of every reporting unit), who must not
// see the walkthrough ward's documents.
export const SIBLING_OFFICER = 'officer.phuongcaikhe@dlxh.local'

// Every user of the README's table, and the sibling ward's officer.
export const ROLE_USERS = [COLLABORATOR, UNIT_OFFICER, UNIT_LEADER, CITY_OFFICER, CITY_MANAGER, ENUMERATOR, SIBLING_OFFICER]
