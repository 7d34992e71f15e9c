// A survey's analysis in the web app, as the city's officer opens it from the demo's survey after the
// merger of communes: weighted results with margins of error and their charts, cross-tabs by a chosen
// demographic, the before/after comparison with the survey before it, and the SPSS export.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { inSteps, login } from './browser.js'
import { CITY_OFFICER } from './demo.js'

const AFTER = 'Khảo sát mức độ hài lòng của người dân sau sắp xếp'

test("the city's officer analyses the survey after the merger and compares it with the one before", () =>
  inSteps('analysis-before-after', async ({ session, step }) => {
    const page = await session()
    await step('log in and open the survey from its form', async () => {
      await login(page, CITY_OFFICER)
      await page.goto('/dlxh/opinion-survey?q=' + encodeURIComponent(AFTER))
      await page.locator('[data-testid=list-row]', { hasText: AFTER }).first().click()
      await page.locator('[data-testid=analysis]').click()
      await page.locator('[data-testid=analysis-summary]').waitFor()
    })
    await step('weighted results with margins of error and charts', async () => {
      const summary = await page.locator('[data-testid=analysis-summary]').textContent()
      assert.match(summary, /Số người trả lời/)
      assert.doesNotMatch(summary, /Số người trả lời\s*0\b/)
      await page.locator('[data-testid=computed-at]').waitFor()
      await page.locator('section svg').first().waitFor()
      assert.ok((await page.locator('section svg').count()) > 3)
      assert.match(await page.locator('table').first().textContent(), /±/)
    })
    await step('cross-tabulations by the second demographic', async () => {
      const options = await page.locator('[data-testid=breakdown] option').allTextContents()
      assert.ok(options.length >= 2, options.join(', '))
      await page.selectOption('[data-testid=breakdown]', { index: 1 })
      await page.getByText('Khi bình phương').first().waitFor()
    })
    await step('the comparison with the survey before issuance', async () => {
      await page.getByRole('button', { name: 'So sánh trước và sau' }).click()
      await page.locator('[data-testid=comparison] svg').first().waitFor()
    })
    await step('the result report prints in the Party format', async () => {
      const href = await page.locator('[data-testid=result-report]').getAttribute('href')
      const response = await page.request.get(href)
      assert.equal(response.status(), 200)
      assert.match(await response.text(), /BÁO CÁO[\s\S]*<svg/)
    })
    await step('the SPSS file downloads', async () => {
      const href = await page.getByRole('link', { name: 'Dữ liệu (SPSS)' }).getAttribute('href')
      const response = await page.request.get(href)
      assert.equal(response.status(), 200)
      assert.ok((await response.body()).length > 1000)
    })
  }))
