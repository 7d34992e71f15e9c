// What happens to what a person types: a wrong value gets the server's message beside its field, a
// network error keeps the form as it was, an expired session returns to the login form and back with
// the typed text; on a phone-sized screen the list and the form fit.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { field, inSteps, login, vietnamToday } from './browser.js'
import { UNIT_OFFICER } from './demo.js'

test("a wrong field gets the server's message beside it", () =>
  inSteps('forms-wrong-field', async ({ session, step }) => {
    const page = await session()
    await step('log in', () => login(page, UNIT_OFFICER))
    await step('a report for a month before the ward existed', async () => {
      await page.goto('/dlxh/opinion-report/new')
      await field(page, 'period_month').locator('input').fill('1')
      await field(page, 'period_year').locator('input').fill('2024')
      await page.click('[data-testid=save]')
      const message = field(page, 'unit').locator('[data-testid=field-error]')
      await message.waitFor()
      assert.match(await message.textContent(), /không tồn tại/)
      assert.equal(new URL(page.url()).pathname, '/dlxh/opinion-report/new')
    })
    await step('a date that does not exist is refused in the field', async () => {
      await field(page, 'document_date').locator('input').fill('31/02/2026')
      await field(page, 'document_date').locator('input').blur()
      assert.match(await field(page, 'document_date').locator('[data-testid=field-error]').textContent(), /dd\/mm\/yyyy/)
    })
  }))

test('a network error keeps what was typed; an expired session comes back to it', () =>
  inSteps('forms-keep-typed', async ({ session, step }) => {
    const page = await session()
    const today = vietnamToday()
    const summary = 'Ý kiến về lịch cắt điện trong tuần.'
    await step('log in and open a new opinion entry', async () => {
      await login(page, UNIT_OFFICER)
      await page.goto('/dlxh/opinion-entry/new')
      await field(page, 'area').locator('input').fill(summary)
    })
    await step('the network fails while saving', async () => {
      // The topic comes from the link search (any topic the server offers), the content from the editor.
      await field(page, 'topic').locator('input').click()
      await page.locator('[role=option]').first().click()
      await page.locator('[data-fieldname=content] .ProseMirror').fill('Người dân hỏi lịch cắt điện.')
      await page.route('**/api/method/frappe.client.insert', (route) => route.abort())
      await page.click('[data-testid=save]')
      await page.getByText('Không kết nối được máy chủ').waitFor()
      assert.equal(await field(page, 'area').locator('input').inputValue(), summary)
      await page.unroute('**/api/method/frappe.client.insert')
    })
    await step('the session ends; saving leads to the login form and back', async () => {
      await page.context().clearCookies()
      await page.click('[data-testid=save]')
      await page.waitForURL(/\/dlxh\/login\?redirect=/)
      await page.fill('input[name=email]', UNIT_OFFICER)
      await page.fill('input[name=password]', 'dlxh-demo-2025')
      await page.click('button[type=submit]')
      await page.waitForURL(/\/dlxh\/opinion-entry\/new$/)
      assert.equal(await field(page, 'area').locator('input').inputValue(), summary)
      await page.click('[data-testid=save]')
      await page.waitForURL(/\/dlxh\/opinion-entry\/(?!new)[^/]+$/)
      assert.match(await field(page, 'entry_date').locator('input').inputValue(), new RegExp(`${String(today.day).padStart(2, '0')}/${String(today.month).padStart(2, '0')}/${today.year}`))
    })
  }))

test('usable at 360 px', () =>
  inSteps('forms-narrow', async ({ session, step }) => {
    const page = await session({ width: 360, height: 740 })
    await step('log in', () => login(page, UNIT_OFFICER))
    for (const path of ['/dlxh/opinion-report', '/dlxh/opinion-report/new']) {
      await step(`nothing wider than the screen on ${path}`, async () => {
        await page.goto(path)
        await page.locator('main h1').first().waitFor()
        const width = await page.evaluate(() => document.documentElement.scrollWidth)
        assert.ok(width <= 360, `page is ${width}px wide`)
      })
    }
  }))

test('a collaborator cannot set the fields only officers may (a permission level of their own)', () =>
  inSteps('forms-permission-level', async ({ session, step }) => {
    const page = await session()
    await step('log in as the collaborator', () => login(page, 'collaborator@dlxh.local'))
    await step('the verification of a new opinion entry is shown, not editable', async () => {
      await page.goto('/dlxh/opinion-entry/new')
      await field(page, 'verification_status').waitFor()
      assert.equal(await field(page, 'verification_status').locator('select').count(), 0)
      assert.equal(await field(page, 'area').locator('input').count(), 1)
    })
  }))
