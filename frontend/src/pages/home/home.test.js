import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, expect, test, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { boot } from '../../boot'
import CollaboratorHome from './CollaboratorHome.vue'
import { inZone, secondsUntil, timeLeft } from './countdown'
import { entryDoc, loadDraft, missingFields, saveDraft } from './entryDraft'
import HeatMap from './HeatMap.vue'
import { homeParts } from './homeKinds'
import UnitHome from './UnitHome.vue'

const Blank = { template: '<div />' }

function makeRouter() {
  return createRouter({
    history: createMemoryHistory('/dlxh'),
    routes: [
      { path: '/', name: 'home', component: Blank },
      { path: '/:slug', name: 'list', component: Blank },
      { path: '/:slug/new', name: 'new', component: Blank },
      { path: '/:slug/:name', name: 'form', component: Blank },
    ],
  })
}

function serve(routes) {
  const calls = []
  vi.stubGlobal('fetch', async (url, options = {}) => {
    const method = url.replace('/api/method/', '').split('?')[0]
    calls.push({ method, body: options.body ? JSON.parse(options.body) : null })
    const answer = routes[method]
    if (answer instanceof Error) throw answer
    return { ok: true, status: 200, json: async () => ({ message: typeof answer === 'function' ? answer() : answer ?? null }) }
  })
  return calls
}

afterEach(() => {
  vi.unstubAllGlobals()
  localStorage.clear()
})

test('each role gets its part of the home, the day’s work first', () => {
  expect(homeParts(['DLXH Unit Officer'])).toEqual(['unit'])
  expect(homeParts(['DLXH Unit Leader'])).toEqual(['approvals', 'unit'])
  expect(homeParts(['DLXH City Officer'])).toEqual(['approvals', 'city'])
  expect(homeParts(['DLXH Manager'])).toEqual(['approvals', 'manager'])
  expect(homeParts(['DLXH Collaborator'])).toEqual(['collaborator'])
  // A collaborator who is also an officer works as an officer.
  expect(homeParts(['DLXH Collaborator', 'DLXH Unit Officer'])).toEqual(['unit'])
  expect(homeParts(['DLXH Enumerator'])).toEqual(['enumerator'])
})

test('deadlines in Vietnam time, counted down in days and hours', () => {
  expect(inZone('2025-05-15T00:00:00+07:00')).toBe('15/05/2025 00:00')
  // A server in UTC writes the same instant another way.
  expect(inZone('2025-05-14T17:00:00+00:00')).toBe('15/05/2025 00:00')
  expect(timeLeft((4 * 24 + 15) * 3600)).toBe('4 days 15 hours left')
  expect(timeLeft(3 * 3600 + 50)).toBe('3 hours left')
  expect(timeLeft(-2 * 86400)).toBe('2 days overdue')
  expect(secondsUntil('2025-05-15T00:00:00+07:00', Date.parse('2025-05-14T16:00:00Z'))).toBe(3600)
})

test('the collaborator’s draft is kept in the browser and becomes an Opinion Entry', () => {
  const draft = { ...loadDraft('c@x', '2025-05-10'), topic: 'Giá điện', content: 'Dòng một\nGiá <cao>', trend: 'Concerned' }
  saveDraft('c@x', draft)
  expect(loadDraft('c@x', '2025-05-11')).toEqual(draft)
  expect(loadDraft('other@x', '2025-05-11').content).toBe('')
  expect(entryDoc(draft)).toEqual({
    doctype: 'Opinion Entry',
    topic: 'Giá điện',
    content: '<p>Dòng một</p><p>Giá &lt;cao&gt;</p>',
    entry_date: '2025-05-10',
    source: 'Collaborator',
    trend: 'Concerned',
  })
  expect(missingFields({ topic: '', content: ' ' })).toEqual(['topic', 'content'])
})

const heat = {
  periods: [{ period: '2025-04', label: '04/2025' }, { period: '2025-05', label: '05/2025' }],
  units: [
    { unit: 'Quận ủy A', cells: [{ period: '2025-04', status: 'On Time', days_late: 0, report: 'BCDL-1' }, { period: '2025-05', status: 'Late', days_late: 3, report: 'BCDL-2' }] },
    { unit: 'Quận ủy B', cells: [{ period: '2025-04', status: 'Missing', days_late: 0, report: null }, { period: '2025-05', status: 'Not Yet Due', days_late: 0, report: null }] },
  ],
}

test('the heat map draws a cell per unit and month, and a cell with a report opens it', async () => {
  const router = makeRouter()
  router.push('/')
  await router.isReady()
  const wrapper = mount(HeatMap, { props: heat, global: { plugins: [router] } })
  const cells = wrapper.findAll('[data-testid=heat-cell]')
  expect(cells.map((c) => c.attributes('data-status'))).toEqual(['On Time', 'Late', 'Missing', 'Not Yet Due'])
  expect(cells[1].find('title').text()).toBe('Quận ủy A · 05/2025: Late (3 days)')
  await cells[2].trigger('click')
  await flushPromises()
  expect(router.currentRoute.value.path).toBe('/')
  await cells[1].trigger('click')
  await flushPromises()
  expect(router.currentRoute.value.path).toBe('/opinion-report/BCDL-2')

  await wrapper.get('[data-testid=heat-map-toggle]').trigger('click')
  const rows = wrapper.findAll('[data-testid=heat-map-table] tbody tr')
  expect(rows[0].findAll('td').map((td) => td.text())).toEqual(['On Time', 'Late (3 days)'])
  expect(rows[0].find('a').attributes('href')).toBe('/dlxh/opinion-report/BCDL-1')
})

const unitHome = (report) => ({
  unit: 'Đảng ủy phường X',
  period: { period: '2025-05', label: '05/2025' },
  report: {
    is_reporting_unit: true,
    name: null,
    state: 'Not Started',
    return_reason: '',
    is_late: false,
    days_late: 0,
    unused_entries: 2,
    can_create: true,
    deadline: '2025-05-15T00:00:00+07:00',
    time_zone: 'Asia/Ho_Chi_Minh',
    seconds_left: (4 * 24 + 15) * 3600,
    ...report,
  },
  requests: [],
  activities: [],
  surveys: [],
})

test('the unit officer’s card: state, deadline, and one call starts the report', async () => {
  const router = makeRouter()
  router.push('/')
  await router.isReady()
  const calls = serve({
    'dlxh_app.dlxh_reporting.home.get_unit_home': unitHome(),
    'dlxh_app.dlxh_reporting.home.start_monthly_report': { name: 'BCDL-9', created: true, added: 2 },
  })
  const wrapper = mount(UnitHome, { global: { plugins: [router] } })
  await flushPromises()
  expect(wrapper.get('[data-testid=report-state]').text()).toBe('Not started yet')
  expect(wrapper.get('[data-testid=report-deadline]').text()).toContain('15/05/2025 00:00')
  expect(wrapper.get('[data-testid=countdown]').text()).toContain('4 days 15 hours left')
  await wrapper.get('[data-testid=start-report]').trigger('click')
  await flushPromises()
  expect(calls.map((c) => c.method)).toContain('dlxh_app.dlxh_reporting.home.start_monthly_report')
  expect(router.currentRoute.value.path).toBe('/opinion-report/BCDL-9')
})

test('a returned report shows the reason and no start button once its opinions are in', async () => {
  serve({
    'dlxh_app.dlxh_reporting.home.get_unit_home': unitHome({ name: 'BCDL-9', state: 'Returned', return_reason: 'Thiếu số liệu', unused_entries: 0 }),
  })
  const wrapper = mount(UnitHome, { global: { plugins: [makeRouter()] } })
  await flushPromises()
  expect(wrapper.get('[data-testid=return-reason]').text()).toContain('Thiếu số liệu')
  expect(wrapper.find('[data-testid=start-report]').exists()).toBe(false)
  expect(wrapper.get('[data-testid=open-report]').attributes('href')).toBe('/dlxh/opinion-report/BCDL-9')
})

test('an opinion that fails to send is kept and sent again', async () => {
  boot.user = 'c@x'
  vi.useFakeTimers()
  const home = { today: '2025-05-10', topics: [{ topic: 'Giá điện', recent: true }, { topic: 'Việc làm', recent: false }], areas: [], entries: [] }
  let inserted = 0
  const calls = serve({
    'dlxh_app.dlxh_reporting.home.get_collaborator_home': home,
    'frappe.client.insert': new TypeError('offline'),
  })
  const wrapper = mount(CollaboratorHome, { global: { plugins: [makeRouter()] } })
  await flushPromises()
  expect(wrapper.findAll('optgroup').map((g) => g.findAll('option').map((o) => o.text()))).toEqual([['Giá điện'], ['Việc làm']])
  await wrapper.get('select[name=topic]').setValue('Giá điện')
  await wrapper.get('textarea[name=content]').setValue('Người dân lo giá điện tăng')
  await wrapper.get('[data-trend=Concerned]').trigger('click')
  await wrapper.get('form').trigger('submit')
  await flushPromises()
  expect(wrapper.get('[data-testid=entry-error]').text()).toContain('no connection')
  expect(JSON.parse(localStorage.getItem('dlxh-entry-draft:c@x')).content).toBe('Người dân lo giá điện tăng')

  serve({
    'dlxh_app.dlxh_reporting.home.get_collaborator_home': home,
    'frappe.client.insert': () => ({ name: `YK-${++inserted}` }),
  })
  await vi.advanceTimersByTimeAsync(15000)
  await flushPromises()
  expect(inserted).toBe(1)
  expect(wrapper.get('[data-testid=entry-saved]').text()).toContain('YK-1')
  // The form is empty again, the place kept for the next opinion.
  expect(JSON.parse(localStorage.getItem('dlxh-entry-draft:c@x')).content).toBe('')
  expect(wrapper.get('textarea[name=content]').element.value).toBe('')
  expect(calls.length).toBeGreaterThan(0)
  vi.useRealTimers()
  wrapper.unmount()
})

test("the unit's collaborator network: its gaps, as get_coverage gives them", async () => {
  const { default: CoverageCard } = await import('./CoverageCard.vue')
  const calls = serve({
    'dlxh_app.dlxh_collaborators.api.get_coverage': [
      {
        unit: 'Phường X',
        actual: 3,
        target: { min_collaborators: 5 },
        gaps: [{ dimension: 'social_stratum', value: 'Workers', label: 'Công nhân', target: 2, actual: 0, shortfall: 2 }],
        areas_without: ['Khu vực 2'],
        missing_strata: [],
        too_small: true,
        unbalanced: false,
        dominant: null,
        has_gaps: true,
      },
      { unit: 'Phường X - tổ 1', actual: 1, target: { min_collaborators: 1 }, gaps: [], areas_without: [], missing_strata: [], has_gaps: false },
    ],
  })
  const wrapper = mount(CoverageCard, { props: { unit: 'Phường X' } })
  await flushPromises()
  expect(calls[0].method).toBe('dlxh_app.dlxh_collaborators.api.get_coverage')
  expect(wrapper.get('[data-testid=coverage-count]').text()).toBe('3 collaborators, at least 5 wanted')
  expect(wrapper.findAll('[data-testid=coverage-gaps] li').map((li) => li.text())).toEqual([
    'Too few collaborators.',
    'Công nhân: 0 of 2 wanted',
    'Communes and wards without a collaborator: Khu vực 2',
  ])
})

test('no coverage card for a user who may not read the collaborators', async () => {
  const { default: CoverageCard } = await import('./CoverageCard.vue')
  vi.stubGlobal('fetch', async () => ({ ok: false, status: 403, json: async () => ({ exc_type: 'PermissionError' }) }))
  const wrapper = mount(CoverageCard, { props: { unit: 'Phường X' } })
  await flushPromises()
  expect(wrapper.find('[data-testid=coverage]').exists()).toBe(false)
})

test("a survey's responses against its quotas", async () => {
  const { default: QuotaProgress } = await import('./QuotaProgress.vue')
  serve({
    'dlxh_app.dlxh_surveys.api.get_quota_progress': {
      survey: 'KS-2025-003',
      strata: [
        { stratum_key: 'a', label: 'Đảng viên', target: 100, achieved: 60, over_quota: 0, percent: 60 },
        { stratum_key: 'b', label: 'Đoàn viên', target: 100, achieved: 105, over_quota: 5, percent: 105 },
      ],
      total: { target: 200, achieved: 165, over_quota: 5, percent: 82.5 },
      responses: 170,
    },
  })
  const wrapper = mount(QuotaProgress, { props: { survey: 'KS-2025-003' } })
  await flushPromises()
  expect(wrapper.get('[data-testid=quota-total]').text()).toBe('165 of 200 responses (82,5 %)')
  expect(wrapper.findAll('tr').map((tr) => tr.text())).toEqual(['Đảng viên60 / 100', 'Đoàn viên105 / 1005 over quota'])
})

test("the enumerator's home: what they entered today against the forms a day, and the quotas", async () => {
  const { default: EnumeratorHome } = await import('./EnumeratorHome.vue')
  const calls = serve({
    'dlxh_app.dlxh_reporting.home.get_enumerator_home': {
      today: '2026-12-02',
      surveys: [
        {
          name: 'KS-2026-001',
          title: 'Khảo sát A',
          responsible_unit: 'Ban',
          forms_per_enumerator_day: 12,
          entered_today: 5,
          entered: 40,
          paper_entry: '/khao-sat/abc/nhap-phieu',
          quota: { strata: [{ stratum_key: 'a', label: 'A', target: 10, achieved: 4, over_quota: 0 }], total: { target: 10, achieved: 4, over_quota: 0, percent: 40 } },
        },
      ],
    },
  })
  const wrapper = mount(EnumeratorHome, { global: { plugins: [makeRouter()] } })
  await flushPromises()
  expect(wrapper.get('[data-testid=entered-today]').text()).toBe('Entered by you today: 5 of 12 forms a day · 40 in all')
  expect(wrapper.get('[data-testid=quota-total]').text()).toBe('4 of 10 responses (40 %)')
  expect(wrapper.get('[data-testid=paper-entry]').attributes('href')).toBe('/khao-sat/abc/nhap-phieu')
  // The quotas came with the home: not asked for again.
  expect(calls.map((c) => c.method)).toEqual(['dlxh_app.dlxh_reporting.home.get_enumerator_home'])
})
