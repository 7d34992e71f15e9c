// The collaborator network in the web app: the ward officer sees exactly the collaborators the REST API
// gives them and registers a new one through the generic form (a bad birth year gets the server's
// Vietnamese message beside the field); a sibling ward's officer sees none of them and is refused one
// opened by its address; the city officer reads the coverage gaps through the API.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { field, inSteps, login, vietnamToday } from './browser.js'
import { CITY_OFFICER, SIBLING_OFFICER, UNIT_OFFICER } from './demo.js'

const DOCTYPE = 'DLXH Collaborator'
const SLUG = 'dlxh-collaborator'
const NINH_KIEU_WARD = 'Đảng ủy phường Ninh Kiều'
const CITY = 'Ban Tuyên giáo Thành ủy Cần Thơ'

// Sorted by name, which no two records share, so that both sides list the same first page.
async function restList(page, filters = {}) {
  const response = await page.request.get(`/api/resource/${encodeURIComponent(DOCTYPE)}`, {
    params: { fields: JSON.stringify(['name']), filters: JSON.stringify(filters), order_by: 'name desc', limit_page_length: '20' },
  })
  assert.equal(response.status(), 200)
  const names = (await response.json()).data.map((row) => row.name)
  const count = await page.request.get('/api/method/frappe.client.get_count', {
    params: { doctype: DOCTYPE, filters: JSON.stringify(filters) },
  })
  return { names, count: (await count.json()).message }
}

async function shownList(page) {
  await page.goto(`/dlxh/${SLUG}?sort=name`)
  await page.locator('[data-testid=list-count]').waitFor()
  const names = await page.locator('[data-testid=list-row] td:first-child a').evaluateAll((links) =>
    links.map((a) => decodeURIComponent(a.getAttribute('href').split('/').pop())),
  )
  const count = (await page.locator('[data-testid=list-count]').textContent()).replace(/\D/g, '')
  return { names, count: Number(count) }
}

test('the ward officer sees their collaborators as the API does and registers a new one', () =>
  inSteps('collaborators-ward', async ({ session, step }) => {
    const page = await session()
    const today = vietnamToday()
    let before
    await step('log in and open the list from the menu', async () => {
      await login(page, UNIT_OFFICER)
      await page.locator(`nav a[href="/dlxh/${SLUG}"]`).click()
      await page.locator('[data-testid=list-count]').waitFor()
    })
    await step('the list is what the API gives', async () => {
      before = await restList(page)
      assert.ok(before.count >= 40, `only ${before.count} collaborators`)
      assert.deepEqual(await shownList(page), before)
      const others = await restList(page, [['managing_unit', '!=', NINH_KIEU_WARD]])
      assert.equal(others.count, 0)
    })
    await step('a birth year of a child gets the message beside the field', async () => {
      await page.goto(`/dlxh/${SLUG}/new`)
      await field(page, 'full_name').locator('input').fill('Trần Thị Kiểm Thử')
      await field(page, 'gender').locator('select').selectOption('Female')
      await field(page, 'birth_year').locator('input').fill(String(today.year - 12))
      await field(page, 'social_stratum').locator('select').selectOption('Workers')
      await field(page, 'sector').locator('select').selectOption({ index: 1 })
      const start = `${String(today.day).padStart(2, '0')}/${String(today.month).padStart(2, '0')}/${today.year}`
      await field(page, 'term_start').locator('input').fill(start)
      await field(page, 'term_start').locator('input').blur()
      assert.equal(await field(page, 'managing_unit').locator('input').inputValue(), NINH_KIEU_WARD)
      await page.click('[data-testid=save]')
      const message = field(page, 'birth_year').locator('[data-testid=field-error]')
      await message.waitFor()
      assert.match(await message.textContent(), /cộng tác viên là người đã thành niên/)
      assert.equal(new URL(page.url()).pathname, `/dlxh/${SLUG}/new`)
    })
    await step('corrected, it is saved', async () => {
      await field(page, 'birth_year').locator('input').fill(String(today.year - 40))
      await field(page, 'birth_year').locator('input').blur()
      await page.click('[data-testid=save]')
      await page.waitForURL(new RegExp(`/dlxh/${SLUG}/(?!new)[^/]+$`))
      const name = decodeURIComponent(new URL(page.url()).pathname.split('/').pop())
      const saved = await page.request.get(`/api/resource/${encodeURIComponent(DOCTYPE)}/${encodeURIComponent(name)}`)
      assert.equal(saved.status(), 200)
      const doc = (await saved.json()).data
      assert.deepEqual(
        [doc.full_name, doc.birth_year, doc.managing_unit, doc.residential_area, doc.status],
        ['Trần Thị Kiểm Thử', today.year - 40, NINH_KIEU_WARD, NINH_KIEU_WARD, 'Active'],
      )
      const after = await restList(page)
      assert.equal(after.count, before.count + 1)
      assert.deepEqual(await shownList(page), after)
    })
  }))

test("a sibling ward's officer sees none of the Ninh Kiều ward's collaborators", () =>
  inSteps('collaborators-sibling', async ({ session, step }) => {
    const owner = await session()
    const other = await session()
    let collaboratorPath
    await step("a Ninh Kiều ward's collaborator", async () => {
      await login(owner, UNIT_OFFICER)
      await owner.goto(`/dlxh/${SLUG}`)
      collaboratorPath = await owner.locator('[data-testid=list-row] td:first-child a').first().getAttribute('href')
      assert.ok(collaboratorPath)
    })
    await step("the sibling's list is the API's, and none of it is Ninh Kiều's", async () => {
      await login(other, SIBLING_OFFICER)
      const expected = await restList(other)
      assert.ok(expected.count > 0, 'the Cái Khế ward has collaborators of its own')
      assert.deepEqual(await shownList(other), expected)
      assert.equal((await restList(other, [['managing_unit', '=', NINH_KIEU_WARD]])).count, 0)
      assert.ok(!expected.names.includes(decodeURIComponent(collaboratorPath.split('/').pop())))
    })
    await step('opened by its address, it is refused', async () => {
      await other.goto(collaboratorPath)
      const message = await other.locator('[data-testid=load-error]').textContent()
      assert.match(message, /thuộc đơn vị khác/)
      assert.ok(!message.includes(decodeURIComponent(collaboratorPath.split('/').pop())))
    })
  }))

test("the city officer reads the network's gaps", () =>
  inSteps('collaborators-coverage', async ({ session, step }) => {
    const page = await session()
    await step('log in', () => login(page, CITY_OFFICER))
    await step('the coverage of the city', async () => {
      const response = await page.request.get('/api/method/dlxh_app.dlxh_collaborators.api.get_coverage', {
        params: { unit: CITY },
      })
      assert.equal(response.status(), 200)
      const rows = Object.fromEntries((await response.json()).message.map((row) => [row.unit, row]))
      const city = rows[CITY]
      assert.ok(city.actual > 300)
      assert.deepEqual(city.areas_without, ['Đảng ủy phường Long Tuyền'])
      assert.deepEqual(new Set(city.missing_strata), new Set(['Religious followers', 'Ethnic minorities']))
      assert.ok(rows['Đảng ủy phường Thới An Đông'].too_small)
      assert.ok(rows['Đảng ủy phường Cái Khế'].unbalanced)
      assert.ok(rows[NINH_KIEU_WARD].gaps.some((gap) => gap.value === "Women's Union" && gap.actual === 0))
    })
  }))
