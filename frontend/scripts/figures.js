// Speed and size of the web app, printed (run by `make figures` against a demo site with 500 more
// reports, as the city officer, who sees them all): the initial bundle gzipped, the first load of /dlxh to usable in a fresh browser, and the
// time to turn a page of the report list. Figures to read, not thresholds to pass; the targets
// (issue 11) are printed beside them.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { BASE_URL, launch, login } from '../e2e/browser.js'
import { CITY_MANAGER, CITY_OFFICER, COLLABORATOR, UNIT_LEADER, UNIT_OFFICER } from '../e2e/demo.js'

const BUILD = path.resolve(import.meta.dirname, '../../dlxh_app/public/frontend')
const RUNS = 5
const PAGES = 10

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`

function initialBundle() {
  // What the page loads before the app starts: the entry script, what it preloads, the stylesheet.
  const html = readFileSync(path.join(BUILD, 'index.html'), 'utf8')
  const files = [...html.matchAll(/(?:src|href)="\/assets\/dlxh_app\/frontend\/([^"]+\.(?:js|css))"/g)].map((m) => m[1])
  const sizes = files.map((file) => {
    const content = readFileSync(path.join(BUILD, file))
    return { file, raw: content.length, gzip: gzipSync(content, { level: 9 }).length }
  })
  return { sizes, js: sizes.filter((s) => s.file.endsWith('.js')).reduce((sum, s) => sum + s.gzip, 0) }
}

async function timeToUsable(browser, { user, path: url, ready }) {
  const times = []
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ baseURL: BASE_URL })
    const page = await context.newPage()
    if (user) {
      await login(page, user)
      await context.clearCookies({ name: 'preferred_language' })
      await page.close()
    }
    const fresh = await context.newPage()
    const started = Date.now()
    await fresh.goto(url, { waitUntil: 'commit' })
    await fresh.locator(ready).first().waitFor()
    times.push(Date.now() - started)
    await context.close()
  }
  return times
}

async function pageTurns(browser, user) {
  const context = await browser.newContext({ baseURL: BASE_URL })
  const page = await context.newPage()
  await login(page, user)
  await page.goto('/dlxh/opinion-report')
  const range = page.locator('[data-testid=list-range]')
  await range.waitFor()
  const total = Number((await page.locator('[data-testid=list-count]').textContent()).replace(/\D/g, ''))
  const times = []
  for (let turn = 0; turn < PAGES; turn++) {
    const before = await range.textContent()
    const started = Date.now()
    await page.getByRole('button', { name: 'Trang sau' }).click()
    await page.waitForFunction((text) => document.querySelector('[data-testid=list-range]').textContent !== text, before)
    await page.locator('[data-testid=list-row]').first().waitFor()
    times.push(Date.now() - started)
  }
  await context.close()
  return { total, times }
}

// Each role's home (issue 15) and the element that shows its day's work.
const HOMES = [
  [UNIT_OFFICER, '[data-testid=report-state]'],
  [UNIT_LEADER, '[data-testid=approval-queue] h2 span'],
  [CITY_OFFICER, '[data-testid=heat-cell]'],
  [CITY_MANAGER, '[data-testid=figure-on-time]'],
  [COLLABORATOR, '[data-testid=my-entries]'],
]

// The city's home with its heat map's data replaced by `units` made-up units × `months` months; the time
// from the response's end (Resource Timing) to the last cell drawn.
async function heatMapRender(browser, units, months) {
  const context = await browser.newContext({ baseURL: BASE_URL })
  const page = await context.newPage()
  await login(page, CITY_OFFICER)
  const statuses = ['On Time', 'Late', 'Returned', 'Missing', 'Not Yet Due', 'Not Applicable']
  await page.route('**/dlxh_app.dlxh_reporting.home.get_city_home*', async (route) => {
    const response = await route.fetch()
    const body = await response.json()
    const periods = body.message.heat_map.periods.slice(-months)
    body.message.heat_map = {
      periods,
      units: Array.from({ length: units }, (_, i) => ({
        unit: `Đơn vị thử ${i + 1}`,
        cells: periods.map((p, j) => ({ period: p.period, status: statuses[(i + j) % 6], days_late: (i + j) % 9, report: (i + j) % 6 < 3 ? `BCDL-${i}-${j}` : null })),
      })),
    }
    await route.fulfill({ response, json: body })
  })
  const times = []
  for (let run = 0; run < RUNS; run++) {
    await page.goto('/dlxh/')
    await page.waitForFunction((count) => document.querySelectorAll('[data-testid=heat-cell]').length === count, units * months, { polling: 'raf' })
    times.push(
      await page.evaluate(() => {
        const entry = performance.getEntriesByType('resource').find((e) => e.name.includes('get_city_home'))
        return Math.round(performance.now() - entry.responseEnd)
      }),
    )
  }
  await context.close()
  return { cells: units * months, times }
}

const bundle = initialBundle()
console.log('Initial bundle (loaded before the app starts), gzipped:')
for (const { file, raw, gzip } of bundle.sizes) console.log(`  ${file.padEnd(40)} ${kb(raw).padStart(10)} → ${kb(gzip)}`)
console.log(`  JavaScript: ${kb(bundle.js)} (target ≤ 400 kB)`)

const browser = await launch()
try {
  const user = CITY_OFFICER
  const guest = await timeToUsable(browser, { path: '/dlxh', ready: 'input[name=email]' })
  console.log(`First load of /dlxh to the login form: median ${median(guest)} ms of ${RUNS} (target < 1500 ms)`)
  const home = await timeToUsable(browser, { user, path: '/dlxh/opinion-report', ready: '[data-testid=list-row]' })
  console.log(`First load of /dlxh/opinion-report to its first rows, logged in: median ${median(home)} ms (target < 1500 ms)`)
  const { total, times } = await pageTurns(browser, user)
  console.log(`Report list of ${total} reports: ${PAGES} page turns, median ${median(times)} ms, slowest ${Math.max(...times)} ms (target < 300 ms)`)
  for (const [who, ready] of HOMES) {
    const times = await timeToUsable(browser, { user: who, path: '/dlxh', ready })
    console.log(`Home of ${who} to its first card: median ${median(times)} ms of ${RUNS} (target < 1000 ms)`)
  }
  const heat = await heatMapRender(browser, 100, 12)
  console.log(`Heat map of 100 units × 12 months, from its data's arrival to ${heat.cells} cells drawn: median ${median(heat.times)} ms of ${RUNS} (target < 300 ms)`)
} finally {
  await browser.close()
}
