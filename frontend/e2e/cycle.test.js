// The monthly reporting cycle in the browser, as the README's demo walkthrough: the collaborator records
// an opinion; the ward's officer drafts this month's report, pulls the recorded opinions and fills an item; the leader approves and sends; the city returns it with a
// reason; the officer sees the reason, fixes and sends again; the leader approves; the city accepts.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { act, field, inSteps, login, stateBadge, vietnamToday } from './browser.js'
import { CITY_OFFICER, COLLABORATOR, UNIT_LEADER, UNIT_OFFICER } from './demo.js'

const today = vietnamToday()

test("this month's report from draft to accepted", () =>
  inSteps('cycle', async ({ session, step }) => {
    const officer = await session()
    let reportUrl

    await step('the collaborator records an opinion of this month', async () => {
      const collaborator = await session()
      await login(collaborator, COLLABORATOR)
      await collaborator.goto('/dlxh/opinion-entry/new')
      await field(collaborator, 'topic').locator('input').click()
      await collaborator.locator('[role=option]').first().click()
      await field(collaborator, 'trend').locator('select').selectOption('Concerned')
      await collaborator.locator('[data-fieldname=content] .ProseMirror').fill('Người dân lo lắng về giá điện tháng này.')
      await collaborator.click('[data-testid=save]')
      await collaborator.waitForURL(/\/dlxh\/opinion-entry\/(?!new)[^/]+$/)
    })

    await step('the ward officer logs in', async () => {
      await login(officer, UNIT_OFFICER)
      assert.match(await officer.locator('[data-testid=current-user]').textContent(), /phường Ninh Kiều/)
    })

    await step("officer drafts this month's report", async () => {
      await officer.goto('/dlxh/opinion-report/new')
      await field(officer, 'period_month').locator('input').fill(String(today.month))
      await field(officer, 'period_year').locator('input').fill(String(today.year))
      await field(officer, 'period_year').locator('input').blur()
      await officer.click('[data-testid=save]')
      await officer.waitForURL(/\/dlxh\/opinion-report\/(?!new)[^/]+$/)
      reportUrl = new URL(officer.url()).pathname
      assert.equal(await stateBadge(officer).textContent(), 'Dự thảo')
    })

    await step('officer pulls the recorded opinions and fills an item', async () => {
      await officer.getByRole('button', { name: 'Lấy ý kiến đã ghi nhận' }).click()
      await officer.getByText(/Đã thêm [1-9]\d* ý kiến/).waitFor()
      const row = field(officer, 'items').locator('[data-testid=table-row]').first()
      await row.locator('[data-fieldname=proposal] textarea').fill('Đề nghị công khai lộ trình điều chỉnh giá điện.')
      await officer.locator('[data-fieldname=situation_summary] .ProseMirror').fill('Tình hình tư tưởng ổn định.')
      await officer.click('[data-testid=save]')
      await officer.getByText('Đã lưu').waitFor()
      await officer.reload()
      assert.equal(await field(officer, 'items').locator('[data-fieldname=proposal] textarea').first().inputValue(), 'Đề nghị công khai lộ trình điều chỉnh giá điện.')
    })

    await step('officer attaches the meeting minutes', async () => {
      await officer.locator('[data-testid=attach-input]').setInputFiles({ name: 'bien-ban-hop.txt', mimeType: 'text/plain', buffer: Buffer.from('Biên bản họp giao ban dư luận xã hội.') })
      await officer.locator('[data-testid=attachments] a', { hasText: 'bien-ban-hop.txt' }).waitFor()
    })

    await step('officer sends it to the leader, and then has no action left', async () => {
      await act(officer, 'Trình lãnh đạo đơn vị')
      await officer.getByText('Trạng thái mới: Chờ lãnh đạo đơn vị duyệt').waitFor()
      assert.equal(await stateBadge(officer).textContent(), 'Chờ lãnh đạo đơn vị duyệt')
      assert.equal(await officer.locator('[data-testid=workflow-bar] button').count(), 0)
    })

    const leader = await session()
    await step('leader approves and sends it to the city', async () => {
      await login(leader, UNIT_LEADER)
      await leader.goto('/dlxh/opinion-report?filters=' + encodeURIComponent(JSON.stringify({ workflow_state: 'Pending Leader Approval' })))
      await leader.locator(`[data-testid=list-row] a[href="${reportUrl}"]`).click()
      await act(leader, 'Duyệt và gửi Ban')
      await leader.getByText('Trạng thái mới: Đã gửi Ban').waitFor()
    })

    const city = await session()
    await step('the city returns it with a reason', async () => {
      await login(city, CITY_OFFICER)
      await city.goto(reportUrl)
      await act(city, 'Trả lại', 'Thiếu đề xuất cụ thể cho chủ đề giá điện.')
      await city.getByText('Trạng thái mới: Đã trả lại').waitFor()
    })

    await step('officer sees the reason, fixes the item and sends it again', async () => {
      await officer.goto(reportUrl)
      assert.match(await officer.locator('[data-testid=return-reason]').textContent(), /Thiếu đề xuất cụ thể/)
      await field(officer, 'items').locator('[data-fieldname=proposal] textarea').first().fill('Đề nghị Sở Công Thương đối thoại với Nhân dân về giá điện.')
      await officer.click('[data-testid=save]')
      await officer.getByText('Đã lưu').waitFor()
      await act(officer, 'Trình lãnh đạo đơn vị')
      await officer.getByText('Trạng thái mới: Chờ lãnh đạo đơn vị duyệt').waitFor()
    })

    await step('leader approves and sends it again', async () => {
      await leader.goto(reportUrl)
      await act(leader, 'Duyệt và gửi Ban')
      await leader.getByText('Trạng thái mới: Đã gửi Ban').waitFor()
    })

    await step('the city accepts it', async () => {
      await city.goto(reportUrl)
      await act(city, 'Tiếp nhận')
      await city.getByText('Trạng thái mới: Đã tiếp nhận').waitFor()
      assert.equal(await stateBadge(city).textContent(), 'Đã tiếp nhận')
      assert.equal(await city.locator('[data-testid=save]').count(), 0)
      assert.ok(await city.locator('[data-testid=timeline-item]', { hasText: 'Đã trả lại' }).count())
    })
  }))
