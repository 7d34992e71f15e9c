// A plan's print preview (Frappe's print view in the Party format) and its PDF, from the web app.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { inSteps, login } from './browser.js'
import { CITY_MANAGER } from './demo.js'

test("the city plan's print preview and PDF", () =>
  inSteps('print-plan', async ({ session, step }) => {
    const page = await session()
    await step('log in and open the issued city plan', async () => {
      await login(page, CITY_MANAGER)
      await page.goto('/dlxh/dlxh-plan?q=' + encodeURIComponent('01-KH/BTGTU'))
      await page.locator('[data-testid=list-row]', { hasText: '01-KH/BTGTU' }).first().click()
      await page.getByRole('button', { name: 'In' }).click()
    })
    await step('the preview shows the Party-format document', async () => {
      const frame = page.frameLocator('[data-testid=print-frame]')
      await frame.getByText('ĐẢNG CỘNG SẢN VIỆT NAM').waitFor()
      await frame.getByText('KẾ HOẠCH', { exact: true }).first().waitFor()
    })
    await step('the PDF downloads', async () => {
      const href = await page.locator('[data-testid=pdf-link]').getAttribute('href')
      const response = await page.request.get(href)
      assert.equal(response.status(), 200)
      assert.match(response.headers()['content-type'], /application\/pdf/)
      assert.equal((await response.body()).subarray(0, 5).toString(), '%PDF-')
    })
  }))
