// Debian's Chromium driven by playwright-core (no browser is downloaded), against the server given in
// DLXH_BASE_URL (`make e2e` starts one on a fresh demo site). Each test runs in steps; a test that fails
// leaves a screenshot of every step it took in frontend/test-results/<test>/.
import { mkdir, rm } from 'node:fs/promises'
import path from 'node:path'
import { chromium } from 'playwright-core'
import { PASSWORD } from './demo.js'

export const BASE_URL = process.env.DLXH_BASE_URL || 'http://127.0.0.1:8000'
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const RESULTS = path.resolve(import.meta.dirname, '../test-results')
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS })
}

/** Run `scenario({ session, step })` and keep its step screenshots only if it fails. */
export async function inSteps(name, scenario) {
  const folder = path.join(RESULTS, name.replace(/[^\w-]+/g, '-'))
  await rm(folder, { recursive: true, force: true })
  await mkdir(folder, { recursive: true })
  const browser = await launch()
  const pages = []
  let count = 0
  const shoot = async (label) => {
    for (const [i, page] of pages.entries()) {
      if (!page.isClosed()) await page.screenshot({ path: path.join(folder, `${String(++count).padStart(2, '0')}-${label}-${i}.png`), fullPage: true }).catch(() => {})
    }
  }
  const session = async ({ width = 1280, height = 900, javaScriptEnabled = true } = {}) => {
    const context = await browser.newContext({ viewport: { width, height }, baseURL: BASE_URL, javaScriptEnabled })
    context.setDefaultTimeout(20000)
    const page = await context.newPage()
    pages.push(page)
    return page
  }
  const step = async (label, action) => {
    try {
      const result = await action()
      await shoot(label.replace(/[^\w-]+/g, '-'))
      return result
    } catch (error) {
      await shoot(`FAILED-${label.replace(/[^\w-]+/g, '-')}`)
      error.message = `step "${label}": ${error.message}`
      throw error
    }
  }
  try {
    await scenario({ session, step })
    await rm(folder, { recursive: true, force: true })
  } finally {
    await browser.close()
  }
}

export async function login(page, email, password = PASSWORD) {
  await page.goto('/dlxh/login')
  await page.fill('input[name=email]', email)
  await page.fill('input[name=password]', password)
  await page.click('button[type=submit]')
  await page.waitForURL((url) => !url.pathname.endsWith('/login'))
}

/** Today in the Department's time zone (the server judges periods there). */
export function vietnamToday() {
  const [day, month, year] = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()).split('/')
  return { day: Number(day), month: Number(month), year: Number(year), iso: `${year}-${month}-${day}` }
}

export const field = (page, fieldname) => page.locator(`[data-fieldname="${fieldname}"]`).first()
export const stateBadge = (page) => page.locator('[data-testid=state-badge]').first()

/** Click a workflow action and confirm it (with a reason for Return). */
export async function act(page, action, reason = '') {
  await page.locator('[data-testid=workflow-bar] button', { hasText: action }).click()
  if (reason) await page.fill('textarea[name=return_reason]', reason)
  await page.click('[data-testid=confirm-action]')
}
