/**
 * 双报到 to 积分 as people live it, through the pages (issue 12): the community records a new unit
 * and its 共驻共建 registration at 北街社区 and confirms it → a new in-service party member registers on
 * the phone naming that unit → the community confirms in the 在职党员 ledger → the member pledges 6
 * households (包保) → the community publishes an activity for now, the member signs up, checks in with
 * the venue code, the organiser checks them out and records the hours → the member claims a wish and
 * fulfils it with a photo → 我的积分 on the phone shows the points for both, and the community's
 * 统计 · 党建引领 figures moved by exactly this work (unit, member, 6 households, 1 activity, 1 人次,
 * 2 hours, 1 wish, those points). Recording the member in the registry and linking their account are
 * API calls: no page does either yet.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import { check, choose, consoleLogin, launch, makePhoto, open, PASSWORD, saveFailures, settle, type Tracked } from './support/browser'

const base = inject('baseURL')
const BEIJIE = '520423002013'
const UNIT = '镇宁自治县图书馆'
const MEMBER = '陆文博'
const USERNAME = 'bj_dy_lwb'
const NEW_PASSWORD = 'Wenbo#2026lu'
const ACTIVITY = '图书馆党员进社区：楼道读书角整理'
let browser: Browser
let photo: string
const state: { wishId?: string; wishTitle?: string; checkInCode?: string; activityId?: string; points?: number } = {}

beforeAll(async () => {
  browser = await launch()
  const t = await open(browser, base, 'phone')
  await t.page.goto('/h5/login')
  photo = await makePhoto(t.page, 'wish.jpg', '心愿送达')
  await t.context.close()
})
afterAll(async () => {
  await browser?.close()
})
afterEach((ctx) => saveFailures(browser, ctx.task))

/**
 * A JSON call with the page's session (and its CSRF token), for the two steps that have no page yet:
 * recording a party member in the registry and linking an account to them.
 */
async function api<T>(t: Tracked, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const csrf = (await t.context.cookies()).find((c) => c.name === 'yw_csrf')?.value
  const r = await t.page.request.fetch(`/api/v1${path}`, { method, ...(body !== undefined ? { data: body } : {}), headers: csrf ? { 'x-csrf-token': csrf } : {} })
  expect(r.status(), `${method} ${path}: ${await r.text()}`).toBeLessThan(300)
  return (await r.json()) as T
}

/** An antd modal (not the drawer behind it) and its OK button. */
async function modalOk(page: Page, name: RegExp) {
  const modal = page.locator('.ant-modal').filter({ has: page.getByRole('button', { name }) })
  // a click while the modal still zooms in can be lost: wait for the opening animation to end
  await expect.poll(() => modal.getAttribute('class')).not.toMatch(/ant-zoom/)
  await modal.getByRole('button', { name }).click()
  await modal.waitFor({ state: 'hidden' })
  await settle(page)
}

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
const tomorrow = () => {
  const d = new Date(`${today()}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

/** 统计 · 党建引领 for 北街 today, as the community reads it: the 合计 row of the table, by column header. */
async function partyFigures(t: Tracked): Promise<Record<string, number>> {
  await t.page.goto(`/stats?tab=party&place=${BEIJIE}&from=${today()}&to=${tomorrow()}`)
  const table = t.page.getByTestId('party-figures').locator('.ant-table')
  const total = table.locator('tbody tr').filter({ hasText: '北街社区（合计）' })
  await total.waitFor()
  await settle(t.page)
  const headers = await table.locator('thead th').allTextContents()
  const cells = await total.locator('td').allTextContents()
  const out: Record<string, number> = {}
  headers.forEach((h, i) => {
    if (i > 0) out[h.trim()] = Number(cells[i]!.replace(/,/g, ''))
  })
  return out
}

/** Wall-clock "YYYY-MM-DD HH:mm" in 北京时间 of an instant. */
function beijing(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')
}

describe('双报到 to 积分: a unit, a member, pledges, an activity, a wish, points, figures', () => {
  let community: Tracked
  let member: Tracked
  let before: Record<string, number>

  beforeAll(async () => {
    ;[community, member] = await Promise.all([open(browser, base, 'console'), open(browser, base, 'phone')])
  })
  afterAll(async () => {
    for (const t of [community, member]) await t?.context.close()
  })

  it('the community records a new unit, registers it at 北街 and confirms the pairing', async () => {
    const { page } = community
    await consoleLogin(community, 'bj_sq')
    before = await partyFigures(community)
    expect(before['报到单位党组织']).toBeGreaterThan(0)
    await page.goto('/party/units')
    await page.getByText('镇宁自治县人民医院').first().waitFor()
    await page.getByRole('button', { name: /登记单位/ }).click()
    await page.getByLabel('单位名称', { exact: true }).fill(UNIT)
    await page.getByLabel('类别', { exact: true }).click()
    await page.locator('.ant-select-item-option', { hasText: '事业单位' }).click()
    await page.getByLabel('单位党组织', { exact: true }).fill(`${UNIT}党支部`)
    await page.getByLabel('联系人', { exact: true }).fill('王馆长')
    await page.getByLabel('联系电话', { exact: true }).fill('0851-36225678')
    await check(community, 'party-flow-1-unit-record')
    await modalOk(page, /登\s*记/)

    await page.getByRole('button', { name: /单位报到/ }).click()
    await page.getByLabel('单位', { exact: true }).fill('图书馆')
    await page.locator('.ant-select-item-option', { hasText: UNIT }).click()
    const resources = page.getByLabel('可提供资源', { exact: true })
    for (const r of ['周末开放阅览室', '图书流动借阅点']) {
      await resources.fill(r)
      await resources.press('Enter')
    }
    await page.getByLabel('年度共建计划', { exact: true }).fill('每月一次送书进社区，寒暑假开设青少年阅读课堂。')
    await check(community, 'party-flow-2-unit-register')
    await modalOk(page, /提\s*交/)

    await page.locator('.ant-segmented-item', { hasText: '待确认' }).click()
    await page.getByRole('cell', { name: UNIT }).click()
    const drawer = page.locator('.ant-drawer')
    await drawer.getByText('周末开放阅览室').waitFor()
    await drawer.getByRole('button', { name: '确认报到' }).click()
    await modalOk(page, /确认报到/)
    await drawer.getByText('已报到').first().waitFor()
    await check(community, 'party-flow-3-unit-confirmed')
    await page.keyboard.press('Escape')
  })

  it('a new in-service member (recorded in the registry, given an account) sets a password and registers on the phone naming that unit', async () => {
    // no page records a party member or links an account to one yet: the community and the security
    // administrator do it through the API the pages use
    const pm = await api<{ id: string }>(community, 'POST', '/registry/party-members', { communityCode: BEIJIE, name: MEMBER, kind: 'inService', workUnit: UNIT })
    const admin = await open(browser, base, 'console')
    await consoleLogin(admin, 'secadmin')
    await api(admin, 'POST', '/users', { username: USERNAME, password: PASSWORD, displayName: MEMBER, role: 'partyMember', scope: BEIJIE, partyMemberId: pm.id })
    await admin.context.close()

    const { page } = member
    await page.goto('/h5/login?staff=1')
    await page.locator('#yw-username').fill(USERNAME)
    await page.locator('#yw-password').fill(PASSWORD)
    await page.getByRole('button', { name: /登\s*录/ }).last().click()
    await page.waitForURL(/\/password\?expired=1/)
    await page.getByLabel('原密码', { exact: true }).fill(PASSWORD)
    await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD)
    await page.getByLabel('再次输入新密码', { exact: true }).fill(NEW_PASSWORD)
    await member.allowing(/./, async () => {
      await page.getByRole('button', { name: '确认修改' }).click()
      await page.waitForURL((u) => !u.pathname.startsWith('/password'))
      await page.goto('/h5/')
      await settle(page)
    })

    await page.goto('/h5/party/registration')
    await page.getByText('还没有到社区报到').waitFor()
    await page.getByRole('button', { name: '到社区报到' }).click()
    await page.getByText('工作单位（须已到社区报到）').waitFor()
    await choose(page, '工作单位', UNIT)
    await page.getByText('志愿服务员', { exact: true }).click()
    await page.getByLabel('特长（可不填）').fill('图书整理、阅读推广')
    await page.getByLabel('联系电话（可不填，加密保存）').fill('13985017777')
    await check(member, 'party-flow-4-member-register')
    await page.getByRole('button', { name: '提交报到' }).click()
    await page.waitForURL(/\/h5\/party\/registration\/[0-9]+$/)
    await page.getByText('待确认').first().waitFor()
    await check(member, 'party-flow-5-member-submitted')
  })

  it('the community confirms the member in the 在职党员 ledger', async () => {
    const { page } = community
    await page.goto('/party/members')
    await page.locator('.ant-segmented-item', { hasText: '待确认' }).click()
    await page.getByRole('cell', { name: MEMBER }).click()
    const drawer = page.locator('.ant-drawer')
    await drawer.getByText(`${UNIT}党支部`).waitFor()
    await check(community, 'party-flow-6-member-drawer')
    await drawer.getByRole('button', { name: '确认报到' }).click()
    await modalOk(page, /确认报到/)
    await drawer.getByText('已报到').first().waitFor()
    await page.keyboard.press('Escape')

    await member.page.goto('/h5/party/registration')
    await member.page.getByText('已报到').first().waitFor()
  })

  it('the member pledges 6 households of one building', async () => {
    const { page } = member
    await page.goto('/h5/')
    await page.getByRole('button', { name: '我的包保户' }).click()
    await page.getByText('还没有包保户').waitFor()
    await page.getByRole('button', { name: '认领包保户' }).click()
    await page.getByText('选一栋楼').waitFor()
    // the first building with at least six households nobody pledges
    const cards = page.locator('button.yw-card')
    await cards.first().waitFor()
    let picked = false
    for (const card of await cards.all()) {
      const free = Number(/([0-9]+) 户无人包保/.exec((await card.textContent()) ?? '')?.[1] ?? 0)
      if (free >= 6) {
        await card.click()
        picked = true
        break
      }
    }
    expect(picked).toBe(true)
    const free = page.getByRole('button', { name: /可认领/ })
    await free.first().waitFor()
    for (let i = 0; i < 6; i++) await free.nth(i).click()
    await page.getByText('已选 6 户').waitFor()
    await check(member, 'party-flow-7-pledge-choose')
    await page.getByRole('button', { name: '认领 6 户' }).click()
    await page.waitForURL(/\/h5\/pledges$/)
    await page.getByText('已包保 6 户').waitFor()
    expect(await page.getByRole('button', { name: /^记录走访/ }).count()).toBe(6)
    await check(member, 'party-flow-8-pledges-mine')
  })

  it('the community publishes an activity for now; the member signs up and checks in with the venue code', async () => {
    const c = community.page
    await c.goto('/volunteers')
    await c.getByRole('button', { name: /发布活动/ }).click()
    await c.getByLabel('活动名称', { exact: true }).fill(ACTIVITY)
    await c.getByLabel('地点', { exact: true }).fill('北街社区党群服务中心二楼')
    // starts at the next quarter hour (check-in opens an hour before), lasts two hours
    const start = Math.ceil(Date.now() / 900_000) * 900_000
    const range = c.locator('.ant-modal .ant-picker-range input')
    await range.nth(0).click()
    await range.nth(0).fill(beijing(start))
    await range.nth(0).press('Enter')
    await range.nth(1).fill(beijing(start + 2 * 3600_000))
    await range.nth(1).press('Enter')
    await c.getByLabel('名额', { exact: true }).fill('5')
    await c.getByLabel('活动内容', { exact: true }).fill('整理楼道读书角，登记居民借阅需求。')
    await check(community, 'party-flow-9-activity-publish')
    await modalOk(c, /发\s*布/)
    await c.waitForURL(/\/volunteers\/activities\/[0-9]+$/)
    state.activityId = /activities\/([0-9]+)/.exec(c.url())![1]
    await c.getByText('现场签到码').waitFor()
    state.checkInCode = (await c.locator('[aria-label^="签到码 "]').textContent())!.trim()
    expect(state.checkInCode).toMatch(/^[0-9]{6}$/)

    const { page } = member
    await page.goto('/h5/')
    await page.getByRole('button', { name: '志愿活动' }).click()
    const card = page.getByRole('article', { name: ACTIVITY })
    await card.getByRole('button', { name: '报名', exact: true }).click()
    await card.getByText('已报名').waitFor()
    await check(member, 'party-flow-10-activity-signed-up')
    await page.getByRole('button', { name: '现场签到 / 签退' }).click()
    await page.locator('#attend-code').fill(state.checkInCode)
    await page.getByRole('button', { name: /^签\s*到$/ }).click()
    await page.getByText('签到成功').waitFor()
    await check(member, 'party-flow-11-checked-in')
  })

  it('the organiser checks the member out in the console and records the hours served', async () => {
    const { page } = community
    await page.goto(`/volunteers/activities/${state.activityId}`)
    const row = page.getByRole('row').filter({ hasText: MEMBER })
    await row.getByText('已签到').waitFor()
    await row.getByRole('button', { name: /^签\s*退$/ }).click()
    await row.getByText('已签退').waitFor()
    // checked out minutes after checking in: the organiser records the two hours actually served
    await row.getByRole('button', { name: '更正时长' }).click()
    const modal = page.locator('.ant-modal')
    await modal.getByRole('spinbutton').fill('2')
    await modal.getByRole('textbox').fill('活动提前开始，实际服务 2 小时')
    await check(community, 'party-flow-12-correct-hours')
    await modalOk(page, /确\s*定|OK/)
    await row.getByText('2 小时').waitFor()
    await page.getByRole('button', { name: '结束活动' }).click()
    await page.getByText('已结束').first().waitFor()
    await check(community, 'party-flow-13-activity-done')

    await member.page.goto('/h5/volunteers?tab=mine')
    await member.page.getByRole('article', { name: ACTIVITY }).getByText('服务 2 小时').waitFor()
  })

  it('the member claims a wish and fulfils it with a photo', async () => {
    const { page } = member
    await page.goto('/h5/')
    await page.getByRole('button', { name: '认领微心愿' }).click()
    const cards = page.locator('.yw-section button')
    await cards.first().waitFor()
    // the last one waiting (other flows look at the first)
    const card = cards.last()
    state.wishTitle = (await card.locator('strong').textContent())!.trim()
    await card.click()
    await page.waitForURL(/\/h5\/wishes\/[0-9]+$/)
    state.wishId = /wishes\/([0-9]+)/.exec(page.url())![1]
    await page.getByRole('button', { name: '认领这个心愿' }).click()
    await page.getByText('完成心愿：拍照留念（至少一张）').waitFor()
    await page.getByText(MEMBER).first().waitFor()
    await page.locator('input[type=file]').setInputFiles(photo)
    await page.locator('.adm-image-uploader-cell-image').first().waitFor()
    await expect.poll(() => page.locator('.adm-image-uploader-cell-loading').count(), { timeout: 20_000 }).toBe(0)
    await page.getByRole('textbox', { name: '完成说明' }).fill('已送到老人家中，并教会使用')
    await check(member, 'party-flow-14-wish-fulfil')
    await page.getByRole('button', { name: '确认完成心愿' }).click()
    await page.getByText('已实现').first().waitFor()
    await check(member, 'party-flow-15-wish-fulfilled')
  })

  it('the member sees the points for the hours and the wish in 我的积分 on the phone', async () => {
    const { page } = member
    await page.goto('/h5/me')
    await page.getByText('我的积分', { exact: true }).click()
    await page.getByText('积分明细').waitFor()
    await settle(page)
    // the check-out (with the hours the organiser recorded) and the fulfilled wish, each credited once
    const entry = async (reason: string) => {
      const item = page.locator('.adm-list-item').filter({ hasText: reason })
      expect(await item.count(), reason).toBe(1)
      const points = Number((await item.locator('strong').textContent())!.replace('+', ''))
      expect(points, reason).toBeGreaterThan(0)
      return points
    }
    const forHours = await entry(`参加“${ACTIVITY}”志愿服务 2 小时`)
    const forWish = await entry(`完成微心愿：${state.wishTitle}`)
    expect(await page.locator('.adm-list-item').count()).toBe(2)
    state.points = forHours + forWish
    await expect.poll(async () => Number(await page.locator('.yw-hero h1').textContent())).toBe(state.points)
    await page.getByText(`累计获得 ${state.points} · 已兑换 0`).waitFor()
    await check(member, 'party-flow-16-points')
  })

  it('the community’s 统计 · 党建引领 figures moved by exactly this work', async () => {
    const after = await partyFigures(community)
    await check(community, 'party-flow-17-figures')
    const moved = (k: string) => after[k]! - before[k]!
    expect(moved('报到单位党组织'), '报到单位党组织').toBe(1)
    expect(moved('报到在职党员'), '报到在职党员').toBe(1)
    expect(moved('已包保住户'), '已包保住户').toBe(6)
    expect(moved('包保党员'), '包保党员').toBe(1)
    expect(moved('包保达标党员（5–8户）'), '包保达标').toBe(1)
    expect(moved('实现微心愿'), '实现微心愿').toBe(1)
    expect(moved('志愿活动'), '志愿活动').toBe(1)
    expect(moved('服务人次'), '服务人次').toBe(1)
    expect(moved('服务时长'), '服务时长').toBe(2)
    expect(moved('记入积分'), '记入积分').toBe(state.points)
    for (const k of ['住户总数', '收集需求', '完成需求', '认领项目', '验收完成项目', '发布微心愿']) expect(moved(k), k).toBe(0)
  })
})
