// A survey's public page as a citizen meets it on a phone: the demo's resolution survey, in the field and
// open online. With JavaScript on, skip logic hides and shows questions as they are answered and the
// answers are received; with it off, the plain form is checked by the server, which names each question
// left unanswered.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { inSteps, login } from './browser.js'
import { CITY_OFFICER } from './demo.js'

const PHONE = { width: 390, height: 844 }

async function publicPath(page) {
  const response = await page.request.get('/api/resource/Opinion Survey', {
    params: {
      fields: JSON.stringify(['name', 'public_slug']),
      filters: JSON.stringify([['workflow_state', '=', 'In Field'], ['online_enabled', '=', 1]]),
    },
  })
  assert.equal(response.status(), 200)
  const [survey] = (await response.json()).data
  assert.ok(survey?.public_slug, 'the demo has a survey open online')
  return `/khao-sat/${survey.public_slug}`
}

const choose = (page, code, value) => page.check(`input[name="${code}"][value="${value}"]`)

test('a citizen answers the resolution survey on a phone, skip logic as they answer', () =>
  inSteps('survey-public-page', async ({ session, step }) => {
    const officer = await session()
    const path = await step('the officer finds the public link', async () => {
      await login(officer, CITY_OFFICER)
      return publicPath(officer)
    })
    const page = await session(PHONE)
    await step('the page opens without login', async () => {
      await page.goto(path)
      await page.getByRole('heading', { name: /Nghị quyết/ }).waitFor()
    })
    await step('skip logic follows the answers', async () => {
      const channels = page.locator('#q-kenh_biet')
      const studied = page.locator('#q-da_hoc_tap')
      await choose(page, 'muc_do_biet', 'hieu_ro')
      await channels.waitFor({ state: 'visible' })
      await choose(page, 'muc_do_biet', 'chua_biet')
      await channels.waitFor({ state: 'hidden' })
      await choose(page, 'doi_tuong', 'dang_vien')
      await studied.waitFor({ state: 'visible' })
      await choose(page, 'doi_tuong', 'nhan_dan')
      await studied.waitFor({ state: 'hidden' })
    })
    await step('the answers are sent and thanked', async () => {
      for (const [code, value] of [
        ['khu_vuc', 'ninh_kieu'],
        ['gioi_tinh', 'nu'],
        ['nhom_tuoi', 'tu_30_44'],
        ['nghe_nghiep', 'kinh_doanh'],
        ['dan_toc', 'kinh'],
        ['ton_giao', 'khong'],
        ['can_tuyen_truyen_them', 'co'],
      ]) {
        await choose(page, code, value)
      }
      await page.getByRole('button', { name: 'Gửi phiếu' }).click()
      await page.waitForURL(/\/cam-on$/)
      await page.getByText('Xin cảm ơn').waitFor()
    })
  }))

test('without JavaScript the server checks the form and names what is missing', () =>
  inSteps('survey-public-page-no-js', async ({ session, step }) => {
    const officer = await session()
    const path = await step('the officer finds the public link', async () => {
      await login(officer, CITY_OFFICER)
      return publicPath(officer)
    })
    const page = await session({ ...PHONE, javaScriptEnabled: false })
    await step('every question is shown and sending it empty is refused by question', async () => {
      await page.goto(path)
      assert.ok(await page.locator('#q-kenh_biet').isVisible())
      await choose(page, 'muc_do_biet', 'chua_biet')
      await page.getByRole('button', { name: 'Gửi phiếu' }).click()
      await page.locator('#ks-problems').waitFor()
      assert.match(await page.locator('#q-gioi_tinh .ks-error').textContent(), /Cần trả lời câu hỏi «Giới tính»/)
      assert.ok(await page.locator('input[name="muc_do_biet"][value="chua_biet"]').isChecked())
    })
  }))
