// What a survey's staff do in the web app while it is in the field (the demo's resolution survey): the
// links to the public page and the paper entry, invitation codes made and exported, an import the server
// refuses row by row and one of the valid rows only; an enumerator gets the paper entry link only.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { inSteps, login } from './browser.js'
import { CITY_OFFICER, ENUMERATOR } from './demo.js'

async function surveyInField(page) {
  const response = await page.request.get('/api/resource/Opinion Survey', {
    params: {
      fields: JSON.stringify(['name', 'public_slug']),
      filters: JSON.stringify([['workflow_state', '=', 'In Field'], ['online_enabled', '=', 1]]),
    },
  })
  assert.equal(response.status(), 200)
  const [survey] = (await response.json()).data
  assert.ok(survey?.public_slug, 'the demo has a survey in the field')
  return survey
}

test("the survey's staff import responses and make invitation codes from its form", () =>
  inSteps('survey-collection', async ({ session, step }) => {
    const page = await session()
    const survey = await step('the city officer opens the survey in the field', async () => {
      await login(page, CITY_OFFICER)
      const found = await surveyInField(page)
      await page.goto(`/dlxh/opinion-survey/${encodeURIComponent(found.name)}`)
      await page.locator('[data-testid=survey-collection]').waitFor()
      return found
    })
    await step('the public page and the paper entry are linked', async () => {
      assert.equal(await page.getByRole('link', { name: 'Trang khảo sát công khai' }).getAttribute('href'), `/khao-sat/${survey.public_slug}`)
      assert.equal(await page.getByRole('link', { name: 'Nhập phiếu giấy' }).getAttribute('href'), `/khao-sat/${survey.public_slug}/nhap-phieu`)
    })
    await step('invitation codes are made and exported', async () => {
      await page.fill('input[name=count]', '3')
      await page.getByRole('button', { name: 'Tạo mã mời' }).click()
      await page.getByText(/Còn \d+ mã mời chưa dùng/).waitFor()
      const download = page.waitForEvent('download')
      await page.getByRole('link', { name: 'Xuất mã mời' }).click()
      const file = await (await download).createReadStream()
      let text = ''
      for await (const chunk of file) text += chunk
      assert.ok(text.includes(`/khao-sat/${survey.public_slug}?`), 'the export has the codes with their links')
    })
    await step('an import with a wrong answer is refused row by row', async () => {
      const csv = 'khu_vuc,gioi_tinh\nninh_kieu,khong_phai_lua_chon\n'
      await page.locator('input[name=response_file]').setInputFiles({ name: 'phieu.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
      await page.getByRole('button', { name: 'Nhập từ tệp' }).click()
      const problems = page.locator('[data-testid=import-problems]')
      await problems.waitFor()
      assert.match(await problems.textContent(), /Dòng 2:/)
    })
    await step('the valid rows only: one imported, the wrong one returned as a file', async () => {
      const header = 'khu_vuc,gioi_tinh,nhom_tuoi,nghe_nghiep,dan_toc,ton_giao,muc_do_biet,doi_tuong,can_tuyen_truyen_them'
      const good = 'ninh_kieu,nu,tu_30_44,kinh_doanh,kinh,khong,chua_biet,nhan_dan,co'
      const csv = `${header}\n${good}\n${good.replace(',nu,', ',khong_phai_lua_chon,')}\n`
      await page.locator('input[name=response_file]').setInputFiles({ name: 'phieu-2.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
      await page.check('input[name=valid_only] >> nth=1')
      await page.getByRole('button', { name: 'Nhập từ tệp' }).click()
      await page.getByText('Đã nhập 1 phiếu, 1 dòng bị từ chối.').waitFor()
      assert.match(await page.locator('[data-testid=import-problems]').textContent(), /Dòng 3:/)
      const rejected = await page.locator('[data-testid=rejected-file]').getAttribute('href')
      const response = await page.request.get(rejected)
      assert.equal(response.status(), 200)
      assert.match(await response.text(), /khong_phai_lua_chon/)
    })
  }))

test('an enumerator gets the paper entry link only', () =>
  inSteps('survey-collection-enumerator', async ({ session, step }) => {
    const page = await session()
    await step('the enumerator opens the survey in the field', async () => {
      await login(page, ENUMERATOR)
      const survey = await surveyInField(page)
      await page.goto(`/dlxh/opinion-survey/${encodeURIComponent(survey.name)}`)
      await page.locator('[data-testid=survey-collection]').waitFor()
    })
    await step('no import nor invitation codes', async () => {
      assert.equal(await page.getByRole('link', { name: 'Nhập phiếu giấy' }).count(), 1)
      assert.equal(await page.locator('[data-testid=import-form]').count(), 0)
    })
  }))
