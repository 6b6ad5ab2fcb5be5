/**
 * Every page, as the people who use it see it: the console at 1440×900, the phone pages at 375×667
 * (and 长辈版). Each is saved to e2e/screenshots/ and checked: no console error or failed request
 * while it boots, no serious or critical axe violation.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { check, consoleLogin, launch, open, phoneStaffLogin, settle, type Tracked } from './support/browser'

const base = inject('baseURL')
let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser?.close()
})

async function visit(t: Tracked, path: string, name: string, ready?: string | RegExp) {
  await t.page.goto(path)
  if (ready) await t.page.getByText(ready).first().waitFor()
  await settle(t.page)
  await check(t, name)
}

/** Any appeal id the account can see (the newest in its list). */
async function someAppealId(t: Tracked, query = ''): Promise<string> {
  const r = await t.page.request.get(`/api/v1/appeals?limit=1${query}`)
  const body = (await r.json()) as { items: { id: string }[] }
  expect(body.items.length).toBeGreaterThan(0)
  return body.items[0]!.id
}

describe('console pages at 1440×900', () => {
  it('before logging in: login and the public board', async () => {
    const t = await open(browser, base, 'console')
    await visit(t, '/login', 'console-login', '基层治理工作台')
    await visit(t, '/public', 'console-public-board', '公开晒单')
    await t.context.close()
  })

  it('a community worker’s pages', async () => {
    const t = await open(browser, base, 'console')
    await consoleLogin(t, 'bj_sq')
    await visit(t, '/workbench', 'console-workbench-community', '待我处理')
    await visit(t, '/appeals?status=in_progress&status=assigned', 'console-appeals-filtered', '诉求列表')
    const id = await someAppealId(t, '&status=verified')
    await visit(t, `/appeals/${id}`, 'console-appeal-detail-verified', '办理时间线')
    await t.page.getByRole('button', { name: '答复群众', exact: true }).click()
    await t.page.getByRole('dialog').waitFor()
    await check(t, 'console-action-reply')
    await t.page.keyboard.press('Escape')
    await visit(t, '/grids/520423002013', 'console-grids-map', '网格地图')
    await visit(t, '/grids/520423002013001', 'console-grid-card', '十联户与联户长')
    await visit(t, '/grids/520423002013001/poster', 'console-grid-poster', '扫码反映')
    await visit(t, '/stats', 'console-stats-community', '排队抓尾')
    await visit(t, '/supervisions', 'console-supervisions', '督办单')
    await visit(t, '/notifications', 'console-notifications', '通知')
    await visit(t, '/admin/calendar', 'console-calendar', '工作日历')
    await visit(t, '/password', 'console-change-password', '修改密码')
    await t.context.close()
  })

  it('a street official’s ranking, and the administrators’ pages', async () => {
    const street = await open(browser, base, 'console')
    await consoleLogin(street, 'hc_jd')
    await visit(street, '/stats', 'console-stats-street', '排队抓尾')
    await visit(street, '/workbench', 'console-workbench-street')
    await street.context.close()
    for (const [user, path, name, ready] of [
      ['secadmin', '/admin/users', 'console-admin-users', '账号管理'],
      ['auditadmin', '/admin/audit', 'console-admin-audit', '审计日志'],
      ['sysadmin', '/admin/calendar', 'console-admin-calendar', '调整某日'],
    ] as const) {
      const t = await open(browser, base, 'console')
      await consoleLogin(t, user)
      await visit(t, path, name, ready)
      await t.context.close()
    }
  })
})

describe('phone pages at 375×667', () => {
  it('before logging in: login, sign-up, the QR report, the public board', async () => {
    const t = await open(browser, base, 'phone')
    await visit(t, '/h5/login', 'phone-login', '居民登录')
    await t.page.getByText('工作人员').click()
    await check(t, 'phone-login-staff')
    await visit(t, '/h5/signup', 'phone-signup', '居民注册')
    await visit(t, '/h5/qr/520423002013005', 'phone-qr-card', '北街社区第五网格')
    await visit(t, '/public', 'phone-public-board', '公开晒单')
    await t.context.close()
  })

  it('a resident, in ordinary and 长辈版 sizes', async () => {
    const t = await open(browser, base, 'phone')
    const { page } = t
    await page.goto('/h5/signup')
    await page.getByLabel('手机号', { exact: true }).fill('13700003333')
    await page.getByRole('button', { name: '获取验证码' }).click()
    await page.getByLabel('验证码', { exact: true }).fill((await page.getByTestId('demo-code').textContent())!.trim())
    await page.getByLabel('姓名', { exact: true }).fill('钱多多')
    await page.getByRole('button', { name: /^街道（乡镇）：/ }).click()
    const pick = async (label: string, option: string) => {
      if (label !== '街道（乡镇）') await page.getByRole('button', { name: new RegExp(`^${label}：`) }).click()
      const popup = page.locator('.adm-picker').filter({ has: page.locator('.adm-picker-header-title', { hasText: label }) })
      await popup.locator('.adm-picker-view-column-item', { hasText: new RegExp(`^${option}$`) }).dispatchEvent('click')
      await page.waitForTimeout(450)
      await popup.getByText('确定').click()
      await page.waitForTimeout(300)
    }
    await pick('街道（乡镇）', '环翠街道')
    await pick('社区（村）', '北街社区')
    await pick('小区楼栋', '翡翠丽都2栋')
    await pick('单元', '2单元')
    await page.getByLabel('房号', { exact: true }).fill('601')
    await page.getByRole('button', { name: '注册并登录' }).click()
    await page.getByRole('button', { name: '我要反映' }).waitFor()
    await page.waitForTimeout(2500) // the toast goes
    await check(t, 'phone-resident-home-new')
    await visit(t, '/h5/report', 'phone-report-where', '问题在哪里？')
    await visit(t, '/h5/appeals', 'phone-my-appeals')
    await visit(t, '/h5/inbox', 'phone-inbox')
    await visit(t, '/h5/me', 'phone-me', '长辈版')
    await page.getByRole('switch', { name: '长辈版' }).click()
    await check(t, 'phone-me-elder')
    await visit(t, '/h5/', 'phone-resident-home-elder', '我要反映')
    const fontSize = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))
    expect(fontSize).toBeGreaterThanOrEqual(20)
    await visit(t, '/h5/report', 'phone-report-where-elder', '问题在哪里？')
    await t.context.close()
  })

  it('a grid worker', async () => {
    const t = await open(browser, base, 'phone')
    await phoneStaffLogin(t, 'bj_wgy1')
    await visit(t, '/h5/', 'phone-grid-home-2', '网格工作台')
    const fontSize = await t.page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))
    expect(fontSize).toBeGreaterThanOrEqual(17)
    // tap targets ≥ 44 px (the skip link is off-screen until focused)
    const small = await t.page.evaluate(() =>
      [...document.querySelectorAll('button, a, [role=button]')]
        .filter((e) => !e.classList.contains('yw-skip'))
        .map((e) => ({ text: (e.textContent ?? '').trim().slice(0, 20), r: e.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && r.height > 0 && (r.height < 44 || r.width < 44))
        .map(({ text, r }) => `${text} ${Math.round(r.width)}×${Math.round(r.height)}`),
    )
    expect(small).toEqual([])
    for (const kind of ['inbox', 'verify', 'soon', 'overdue', 'followup']) await visit(t, `/h5/todo/${kind}`, `phone-todo-${kind}`)
    await visit(t, '/h5/grid/patrol', 'phone-patrol-empty', '发现了什么问题')
    await visit(t, '/h5/grid/households', 'phone-households')
    await visit(t, '/h5/report', 'phone-report-for-others', '替谁反映？')
    const id = await someAppealId(t)
    await visit(t, `/h5/appeals/${id}`, 'phone-appeal-detail-worker', '办理过程')
    await t.context.close()
  })

  it('property, party member, 联户长, department and community accounts', async () => {
    for (const [user, name, ready] of [
      ['lc_wy', 'phone-home-property', '待领单'],
      ['bj_dy', 'phone-home-party-member', '党员接单'],
      ['bj_lhz', 'phone-home-household-leader', '代群众反映'],
      ['zn_zfj', 'phone-home-department', '待领单'],
      ['bj_sq', 'phone-home-community', '待我处理'],
    ] as const) {
      const t = await open(browser, base, 'phone')
      await phoneStaffLogin(t, user)
      await visit(t, '/h5/', name, ready)
      await t.context.close()
    }
  })
})

describe('volunteers (志愿服务)', () => {
  it('volunteers: the community’s activities, teams, hours and an activity with its check-in code; a member signs up and checks in on the phone', async () => {
    const t = await open(browser, base, 'console')
    await consoleLogin(t, 'bj_sq')
    await visit(t, '/volunteers', 'console-volunteers-activities', '近期活动')
    await visit(t, '/volunteers?tab=teams', 'console-volunteers-teams', '北街社区党员先锋队')
    await visit(t, '/volunteers?tab=hours', 'console-volunteers-hours', '按队伍')
    const r = await t.page.request.get('/api/v1/volunteers/activities?view=all&limit=100')
    const items = ((await r.json()) as { items: { id: string; status: string; title: string }[] }).items
    const past = items.find((a) => a.status === 'finished')!
    const coming = items.find((a) => a.status === 'published')!
    await visit(t, `/volunteers/activities/${past.id}`, 'console-volunteers-activity-finished', '报名名单')
    await visit(t, `/volunteers/activities/${coming.id}`, 'console-volunteers-activity-upcoming', '现场签到码')
    await t.context.close()

    const p = await open(browser, base, 'phone')
    await phoneStaffLogin(p, 'bj_dy')
    await visit(p, '/h5/volunteers', 'phone-volunteers-upcoming', '报名活动')
    await visit(p, '/h5/volunteers?tab=mine', 'phone-volunteers-mine', '我的活动')
    await visit(p, '/h5/volunteers/attend', 'phone-volunteers-attend', '输入活动现场的 6 位签到码')
    const mine = await p.page.request.get('/api/v1/volunteers/activities?view=upcoming&limit=50')
    const led = ((await mine.json()) as { items: { id: string; isOrganiser: boolean }[] }).items.find((a) => a.isOrganiser)!
    await visit(p, `/h5/volunteers/activities/${led.id}`, 'phone-volunteers-organiser', '现场签到码')
    await p.context.close()
  })
})
