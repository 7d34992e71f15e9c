// Each demo role sees in the web app exactly what the REST API lets that user see: the same DocTypes,
// the same count and the same first page of every list it opens; a document of another unit is refused
// with the app's own sentence; the login form says a wrong password plainly.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { inSteps, login } from './browser.js'
import { PASSWORD, ROLE_USERS, SIBLING_OFFICER, UNIT_OFFICER } from './demo.js'

const LISTS = ['Opinion Report', 'DLXH Plan', 'Opinion Entry']
const slugOf = (doctype) => doctype.toLowerCase().replace(/ /g, '-')

// Sorted by name, which no two records share, so that both sides list the same first page.
async function restList(page, doctype) {
  const response = await page.request.get(`/api/resource/${encodeURIComponent(doctype)}`, {
    params: { fields: JSON.stringify(['name']), order_by: 'name desc', limit_page_length: '20' },
  })
  if (response.status() !== 200) return null
  const names = (await response.json()).data.map((row) => row.name)
  const count = await page.request.get('/api/method/frappe.client.get_count', { params: { doctype } })
  return { names, count: (await count.json()).message }
}

for (const user of ROLE_USERS) {
  test(`${user} sees what the API lets them see`, () =>
    inSteps(`access-${user}`, async ({ session, step }) => {
      const page = await session()
      await step('log in', () => login(page, user))
      for (const doctype of LISTS) {
        await step(`list of ${doctype}`, async () => {
          const expected = await restList(page, doctype)
          const navLink = page.locator(`nav a[href="/dlxh/${slugOf(doctype)}"]`)
          if (!expected) {
            assert.equal(await navLink.count(), 0, `${doctype} is offered but the API refuses it`)
            await page.goto(`/dlxh/${slugOf(doctype)}`)
            await page.getByText('thuộc đơn vị khác').waitFor()
            return
          }
          await navLink.click()
          await page.locator('[data-testid=list-count]').waitFor()
          await page.goto(`/dlxh/${slugOf(doctype)}?sort=name`)
          await page.locator('[data-testid=list-count]').waitFor()
          const shown = await page.locator('[data-testid=list-row] td:first-child a').evaluateAll((links) =>
            links.map((a) => decodeURIComponent(a.getAttribute('href').split('/').pop())),
          )
          assert.deepEqual(shown, expected.names)
          const count = await page.locator('[data-testid=list-count]').textContent()
          assert.equal(count.replace(/\D/g, ''), String(expected.count))
        })
      }
    }))
}

test('a report of another unit is refused without naming it, and a wrong password is told plainly', () =>
  inSteps('access-refused', async ({ session, step }) => {
    const owner = await session()
    const other = await session()
    let reportPath
    await step("the ward officer's own report", async () => {
      await login(owner, UNIT_OFFICER)
      await owner.goto('/dlxh/opinion-report')
      reportPath = await owner.locator('[data-testid=list-row] td:first-child a').first().getAttribute('href')
      assert.ok(reportPath)
    })
    await step('an officer of a sibling unit opens it', async () => {
      await login(other, SIBLING_OFFICER)
      await other.goto(reportPath)
      const message = await other.locator('[data-testid=load-error]').textContent()
      assert.match(message, /thuộc đơn vị khác/)
      assert.ok(!message.includes(decodeURIComponent(reportPath.split('/').pop())))
    })
    await step('a wrong password', async () => {
      const guest = await session()
      await guest.goto('/login')
      assert.match(new URL(guest.url()).pathname, /^\/dlxh\/login/)
      await guest.fill('input[name=email]', UNIT_OFFICER)
      await guest.fill('input[name=password]', `${PASSWORD}-wrong`)
      await guest.click('button[type=submit]')
      assert.equal(await guest.locator('[data-testid=login-error]').textContent(), 'Sai email hoặc mật khẩu.')
    })
  }))
