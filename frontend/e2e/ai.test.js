// The opinion AI on the demo site: an officer typing an opinion sees a topic and trend suggested with
// their confidence, applied only when asked, and the answer is kept; the city officer's page shows the
// model's figures, this week's emerging issues and the similar opinions.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { field, inSteps, login } from './browser.js'
import { CITY_OFFICER, UNIT_OFFICER } from './demo.js'

const TRAFFIC = 'Giao thông, trật tự, an toàn xã hội'

test('an officer typing an opinion gets a suggestion, applied only on request and kept as an answer', () =>
  inSteps('ai-suggestion', async ({ session, step }) => {
    const page = await session()
    await step('log in and type an opinion', async () => {
      await login(page, UNIT_OFFICER)
      await page.goto('/dlxh/opinion-entry/new')
      await page
        .locator('[data-fieldname=content] .ProseMirror')
        .fill('Bà con bức xúc vì kẹt xe giờ cao điểm trên đường 30 Tháng 4 kéo dài, đề nghị phân luồng.')
    })
    await step('the suggestion is shown with its confidence, the fields left as they were', async () => {
      const topic = page.locator('[data-testid=suggested-topic]')
      await topic.waitFor()
      assert.match(await topic.textContent(), new RegExp(`${TRAFFIC}.*\\(\\d+%\\)`))
      assert.match(await page.locator('[data-testid=suggested-trend]').textContent(), /Tiêu cực/)
      assert.equal(await field(page, 'topic').locator('input').inputValue(), '')
    })
    await step('applied on request, then saved: the answer is recorded as accepted', async () => {
      await page.click('[data-testid=apply-suggestion]')
      assert.equal(await field(page, 'topic').locator('input').inputValue(), TRAFFIC)
      const answer = page.waitForResponse('**/dlxh_app.dlxh_reporting.ai.api.record_feedback')
      await page.click('[data-testid=save]')
      const response = await answer
      assert.equal(response.status(), 200)
      assert.equal((await response.json()).message, 'Accepted')
      await page.waitForURL(/\/dlxh\/opinion-entry\/YK-/)
    })
  }))

test("the city officer's page shows the model's figures, emerging issues and similar opinions", () =>
  inSteps('ai-city', async ({ session, step }) => {
    const page = await session()
    await step('log in and open the analysis from the home page', async () => {
      await login(page, CITY_OFFICER)
      await page.goto('/dlxh/')
      await page.click('[data-testid=opinion-ai-link]')
      await page.waitForURL(/\/dlxh\/opinion-ai$/)
    })
    await step('the figures, the issues with their examples, the groups', async () => {
      await page.locator('[data-testid=ai-metrics-topic]').waitFor()
      assert.ok((await page.locator('[data-testid=ai-issue]').count()) > 0)
      assert.match(await page.locator('[data-testid=ai-emerging]').textContent(), /tiền ảo/)
      assert.ok((await page.locator('[data-testid=ai-similar-group]').count()) > 0)
    })
  }))
