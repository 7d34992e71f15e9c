// Each role's home shows what the server's home methods give that user (dlxh_app/dlxh_reporting/home.py):
// the ward officer's report card and its one-call start, the leader's approval queue, the city's heat map
// (a late unit's cell opens that report), the manager's year, the collaborator's entry on a phone, and a
// sibling ward's officer, who sees nothing of the walkthrough ward.
import assert from 'node:assert/strict'
import path from 'node:path'
import { test } from 'node:test'
import { inSteps, login } from './browser.js'
import { CITY_MANAGER, CITY_OFFICER, COLLABORATOR, ENUMERATOR, SIBLING_OFFICER, UNIT_LEADER, UNIT_OFFICER } from './demo.js'

const HOME = 'dlxh_app.dlxh_reporting.home'

// `DLXH_SCREENSHOTS=1 make e2e ARGS=frontend/e2e/homes.test.js` keeps each home's picture for the README.
async function picture(page, name) {
  if (!process.env.DLXH_SCREENSHOTS) return
  await page.waitForLoadState('networkidle')
  // The page scrolls inside <main>: make the window as tall as its content so that all of it is taken.
  const { width } = page.viewportSize()
  const height = await page.evaluate(() => document.querySelector('main').scrollHeight + 48)
  await page.setViewportSize({ width, height: Math.max(height, 600) })
  await page.screenshot({ path: path.resolve(import.meta.dirname, `../../docs/home-${name}.png`), fullPage: true })
}

// The session's CSRF token, which POST requests carry as the web app's do.
async function csrf(page) {
  const response = await page.request.get('/api/method/dlxh_app.webapp.get_boot')
  return { 'X-Frappe-CSRF-Token': (await response.json()).message.csrf_token }
}

async function api(page, method) {
  const response = await page.request.get(`/api/method/${HOME}.${method}`)
  assert.equal(response.status(), 200, `${method}: ${response.status()}`)
  return (await response.json()).message
}

test("the ward officer's home: this month's report, started in one call", () =>
  inSteps('home-unit-officer', async ({ session, step }) => {
    const page = await session()
    await step('log in', () => login(page, UNIT_OFFICER))
    const data = await step('the home asks the server', () => api(page, 'get_unit_home'))
    await step('the card shows the state and the deadline', async () => {
      await page.locator('[data-testid=report-card]').waitFor()
      const state = await page.locator('[data-testid=report-state]').textContent()
      assert.equal(state.trim(), data.report.state === 'Not Started' ? 'Chưa lập' : state.trim())
      assert.match(await page.locator('[data-testid=report-deadline]').textContent(), /giờ Việt Nam/)
      assert.equal(await page.locator('[data-testid=requests] li').count(), data.requests.length)
    })
    await step("the unit's collaborator network and the surveys' quotas, as their own methods give them", async () => {
      const coverage = await page.request.get('/api/method/dlxh_app.dlxh_collaborators.api.get_coverage', { params: { unit: data.unit } })
      const own = coverage.status() === 200 ? (await coverage.json()).message.find((row) => row.unit === data.unit) : null
      if (own) {
        const count = await page.locator('[data-testid=coverage-count]').textContent()
        assert.match(count, new RegExp(`^${own.actual} cộng tác viên, cần tối thiểu ${own.target.min_collaborators}$`))
      } else assert.equal(await page.locator('[data-testid=coverage]').count(), 0)
      for (const survey of data.surveys) {
        const response = await page.request.get('/api/method/dlxh_app.dlxh_surveys.api.get_quota_progress', { params: { survey: survey.name } })
        const progress = (await response.json()).message
        if (!progress?.strata.length) continue
        const shown = await page.locator(`[data-testid=quota-progress][data-survey="${survey.name}"] [data-testid=quota-total]`).textContent()
        assert.match(shown, new RegExp(`^${progress.total.achieved}/${progress.total.target} phiếu`))
      }
      await picture(page, 'unit-officer')
    })
    await step('one call starts the report with the unused opinions, or opens it', async () => {
      if (data.report.name) {
        assert.equal(await page.locator('[data-testid=open-report]').getAttribute('href'), `/dlxh/opinion-report/${data.report.name}`)
        return
      }
      await page.click('[data-testid=start-report]')
      await page.waitForURL(/\/dlxh\/opinion-report\/(?!new)[^/]+$/)
      const name = decodeURIComponent(new URL(page.url()).pathname.split('/').pop())
      const report = await page.request.get(`/api/resource/Opinion Report/${encodeURIComponent(name)}`)
      const doc = (await report.json()).data
      assert.equal(doc.unit, data.unit)
      assert.equal(doc.items.length, data.report.unused_entries)
    })
  }))

test("the leader's approval queue is the server's, oldest first, and approves in place", () =>
  inSteps('home-leader', async ({ session, step }) => {
    const officer = await session()
    const page = await session()
    let sent = null
    await step("the officer sends this month's report to the leader, if it is still a draft", async () => {
      await login(officer, UNIT_OFFICER)
      const started = await officer.request.post(`/api/method/${HOME}.start_monthly_report`, { headers: await csrf(officer) })
      assert.equal(started.status(), 200)
      const report = (await started.json()).message
      if (report.state !== 'Draft') return
      const response = await officer.request.post('/api/method/frappe.model.workflow.apply_workflow', {
        headers: await csrf(officer),
        data: { doc: JSON.stringify({ doctype: 'Opinion Report', name: report.name }), action: 'Send to Leader' },
      })
      assert.equal(response.status(), 200, await response.text())
      sent = report.name
    })
    await step('log in', () => login(page, UNIT_LEADER))
    const queue = await step('the queue from the server', () => api(page, 'get_approval_queue'))
    await step('the same rows, in the same order', async () => {
      await page.locator('[data-testid=approval-queue] h2 span').waitFor()
      const shown = await page.locator('[data-testid=approval-row]').evaluateAll((rows) => rows.map((row) => row.dataset.name))
      assert.deepEqual(shown, queue.map((row) => row.name))
      if (sent) assert.ok(shown.includes(sent))
      await picture(page, 'unit-leader')
    })
    if (!sent) return
    await step('approve and send it from the home', async () => {
      const row = page.locator(`[data-testid=approval-row][data-name="${sent}"]`)
      await row.getByRole('button', { name: 'Duyệt và gửi Ban' }).click()
      await page.click('[data-testid=confirm-action]')
      await row.waitFor({ state: 'detached' })
      const report = await page.request.get(`/api/resource/Opinion Report/${encodeURIComponent(sent)}`)
      assert.equal((await report.json()).data.workflow_state, 'Sent to City')
    })
  }))

test("the city's heat map: a late unit's cell opens that report", () =>
  inSteps('home-city', async ({ session, step }) => {
    const page = await session()
    await step('log in', () => login(page, CITY_OFFICER))
    const data = await step('the city home from the server', () => api(page, 'get_city_home'))
    await step('a cell for every unit and month', async () => {
      await page.locator('[data-testid=heat-map]').waitFor()
      assert.equal(await page.locator('[data-testid=heat-cell]').count(), data.heat_map.units.length * data.heat_map.periods.length)
      await picture(page, 'city-officer')
    })
    await step("a late cell opens that unit's report", async () => {
      const late = data.heat_map.units.flatMap((row) => row.cells.map((cell) => ({ ...cell, unit: row.unit }))).find((cell) => cell.status === 'Late' && cell.report)
      assert.ok(late, 'the demo has late reports')
      await page.locator(`[data-testid=heat-cell][data-unit="${late.unit}"][data-period="${late.period}"]`).click()
      await page.waitForURL(`**/dlxh/opinion-report/${encodeURIComponent(late.report)}`)
    })
  }))

test("the manager's year at a glance", () =>
  inSteps('home-manager', async ({ session, step }) => {
    const page = await session()
    await step('log in', () => login(page, CITY_MANAGER))
    const data = await step('the year from the server', () => api(page, 'get_manager_home'))
    await step('the figures are the server’s', async () => {
      const onTime = await page.locator('[data-testid=figure-on-time]').textContent()
      if (data.reports.percent !== null) assert.match(onTime, new RegExp(`${data.reports.percent} %`))
      const surveys = await page.locator('[data-testid=figure-surveys]').textContent()
      assert.match(surveys, new RegExp(`${data.surveys.done} / ${data.surveys.planned}`))
      const coverage = (await (await page.request.get('/api/method/dlxh_app.dlxh_collaborators.api.get_coverage')).json()).message
      const shown = await page.locator('[data-testid=figure-coverage]').textContent()
      assert.match(shown, new RegExp(`${coverage.filter((row) => !row.has_gaps).length} / ${coverage.length}`))
      await picture(page, 'manager')
    })
  }))

test('the collaborator records an opinion on a phone', () =>
  inSteps('home-collaborator', async ({ session, step }) => {
    const page = await session({ width: 390, height: 844 })
    await step('log in', () => login(page, COLLABORATOR))
    const text = `Bà con hỏi về lịch cắt điện ${Date.now()}`
    await step('write and send', async () => {
      await page.locator('[data-testid=entry-form] select[name=topic] option:not([value=""])').first().waitFor({ state: 'attached' })
      const topic = await page.locator('select[name=topic] option:not([value=""])').first().getAttribute('value')
      await page.selectOption('select[name=topic]', topic)
      await page.fill('textarea[name=content]', text)
      await page.click('[data-trend=Concerned]')
      await page.click('[data-level=High]')
      await page.click('[data-testid=send-entry]')
      await page.locator('[data-testid=entry-saved]').waitFor()
    })
    await step('it is first among my entries, as the server lists them', async () => {
      const data = await api(page, 'get_collaborator_home')
      assert.match(data.entries[0].content, /lịch cắt điện/)
      await page.locator(`[data-testid=my-entry][data-name="${data.entries[0].name}"]`).waitFor()
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      assert.ok(width <= 390, `the page is ${width} px wide`)
      await picture(page, 'collaborator')
    })
  }))

test("a sibling ward's officer sees nothing of the walkthrough ward", () =>
  inSteps('home-sibling', async ({ session, step }) => {
    const page = await session()
    await step('log in', () => login(page, SIBLING_OFFICER))
    await step('their own unit only', async () => {
      const data = await api(page, 'get_unit_home')
      assert.doesNotMatch(JSON.stringify(data), /phường Ninh Kiều/)
      await page.locator('[data-testid=report-card]').waitFor()
      assert.doesNotMatch(await page.locator('main').textContent(), /phường Ninh Kiều/)
      const other = await page.request.get(`/api/method/${HOME}.get_unit_home?unit=${encodeURIComponent('Đảng ủy phường Ninh Kiều')}`)
      assert.equal(other.status(), 403)
    })
  }))

test("the enumerator's home: the surveys in the field, what they entered today, the quotas", () =>
  inSteps('home-enumerator', async ({ session, step }) => {
    const page = await session()
    await step('log in', () => login(page, ENUMERATOR))
    const data = await step('the home from the server', () => api(page, 'get_enumerator_home'))
    await step('the same surveys and counts', async () => {
      assert.ok(data.surveys.length, 'the demo has a survey in the field')
      await page.locator('[data-testid=enumerator-survey]').first().waitFor()
      const shown = await page.locator('[data-testid=enumerator-survey]').evaluateAll((rows) => rows.map((row) => row.dataset.survey))
      assert.deepEqual(shown, data.surveys.map((survey) => survey.name))
      const first = data.surveys[0]
      assert.match(await page.locator('[data-testid=entered-today]').first().textContent(), new RegExp(`${first.entered_today}`))
      if (first.paper_entry) {
        await page.locator('[data-testid=paper-entry]').first().click()
        await page.waitForURL(`**${first.paper_entry}`)
        await page.locator('form').first().waitFor()
        await page.goBack()
        await page.locator('[data-testid=enumerator-survey]').first().waitFor()
      }
      await picture(page, 'enumerator')
    })
  }))
