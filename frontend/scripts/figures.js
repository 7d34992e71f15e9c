// Speed and size of the web app, printed (run by `make figures` against a demo site with 500 more
// reports, as the city officer, who sees them all): the initial bundle gzipped, the first load of /dlxh to usable in a fresh browser, and the
// time to turn a page of the report list. Figures to read, not thresholds to pass; the targets
// (issue 11) are printed beside them.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { BASE_URL, launch, login } from '../e2e/browser.js'
import { CITY_OFFICER } from '../e2e/demo.js'

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
} finally {
  await browser.close()
}
