// The session as the server describes it (dlxh_app/webapp.py): written into the page by Frappe, asked
// again after login or logout, when the session and its CSRF token change.
import { reactive } from 'vue'

export const boot = reactive({
  user: 'Guest',
  roles: [],
  doctypes: [],
  translations: {},
  language: 'vi',
  date_format: 'dd/mm/yyyy',
  number_format: '#.###,##',
  time_zone: 'Asia/Ho_Chi_Minh',
  csrf_token: '',
})

const BOOT_METHOD = '/api/method/dlxh_app.webapp.get_boot'

export function setBoot(data) {
  Object.assign(boot, { full_name: '', unit: null, roles: [], doctypes: [] }, data)
  window.csrf_token = boot.csrf_token
}

export async function reloadBoot() {
  const response = await fetch(BOOT_METHOD, { headers: { Accept: 'application/json' } })
  setBoot((await response.json()).message)
}

export async function loadBoot() {
  // Vite's dev server serves the page without Frappe's Jinja: ask the server then.
  if (window.dlxh_boot) setBoot(window.dlxh_boot)
  else await reloadBoot()
}

export const isLoggedIn = () => boot.user !== 'Guest'
