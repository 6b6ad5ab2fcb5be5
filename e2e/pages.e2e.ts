/**
 * Every page, as the people who use it see it: the console at 1440×900, the phone pages at 375×667
 * (and 长辈版). Each is saved to e2e/screenshots/ and checked: no console error or failed request
 * while it boots, no serious or critical axe violation.
 */
import type { Browser } from 'playwright-core'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { check, choose, consoleLogin, launch, open, phoneStaffLogin, settle, type Tracked } from './support/browser'

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

  it('the Excel import wizard (在职党员报到): template step, a row-level error report, a clean import', async () => {
    const t = await open(browser, base, 'console')
    await consoleLogin(t, 'bj_sq')
    await visit(t, '/imports/party-members', 'console-import-template', '下载模板')
    await t.page.getByRole('button', { name: '已有填好的表格，下一步' }).click()
    const sheet = async (rows: unknown[][]) => {
      const wb = new ExcelJS.Workbook()
      const ws = wb.addWorksheet('在职党员报到')
      ws.addRow(['姓名', '身份证号', '手机号', '工作单位', '所在党组织', '报到社区', '志愿岗位', '特长'])
      for (const r of rows) ws.addRow(r)
      return Buffer.from(await wb.xlsx.writeBuffer())
    }
    const good = ['罗明', '', '13985010001', '镇宁自治县税务局', '县税务局机关党支部', '北街社区', '志愿服务员', '会计']
    const mime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    await t.page.locator('input[type=file]').setInputFiles({ name: '报到有误.xlsx', mimeType: mime, buffer: await sheet([good, ['韦芳', '520423199001011235', '1398501', '镇宁自治县民政局', '', '北街社区', '网格员', ''], good]) })
    await t.page.getByText('逐行错误报告').waitFor()
    await settle(t.page)
    await check(t, 'console-import-report-errors')
    await t.page.getByRole('button', { name: '重新上传' }).click()
    await t.page.locator('input[type=file]').setInputFiles({ name: '报到.xlsx', mimeType: mime, buffer: await sheet([good, ['韦芳', '', '13985010002', '镇宁自治县民政局', '', '520423002013', '文明引导员', '']]) })
    await t.page.getByText('导入预览').waitFor()
    await settle(t.page)
    await check(t, 'console-import-report-clean')
    await t.page.getByRole('button', { name: '下一步' }).click()
    await t.page.getByRole('button', { name: '确认导入' }).click()
    await t.page.getByText('导入完成').waitFor()
    await settle(t.page)
    await check(t, 'console-import-result')
    await t.context.close()
  })

  it('the people import (人口台账导入): error report with masked values, mapping, fix and import', async () => {
    const t = await open(browser, base, 'console')
    await consoleLogin(t, 'bj_sq')
    await visit(t, '/population/people/import', 'console-people-import-template', '下载模板')
    await t.page.getByRole('button', { name: '已有填好的表格，下一步' }).click()
    const HEADERS = ['姓名', '证件号码', '性别', '民族', '联系电话', '小区', '楼栋', '单元', '室', '标签']
    const sheet = async (headers: string[], rows: unknown[][]) => {
      const wb = new ExcelJS.Workbook()
      const ws = wb.addWorksheet('人口台账')
      ws.addRow(headers)
      for (const r of rows) ws.addRow(r)
      return Buffer.from(await wb.xlsx.writeBuffer())
    }
    // valid GB 11643 numbers of people born 1999-09-09 (17th digit odd: a man), none of the demo's
    const man = '520423199909099111'.slice(0, 17)
    const check17 = (first17: string) => {
      const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
      return first17 + '10X98765432'[[...first17].reduce((s, d, i) => s + Number(d) * w[i]!, 0) % 11]!
    }
    const a = check17(man)
    const b = check17('52042319990909912')
    const wrong = a.slice(0, 17) + (a[17] === '1' ? '2' : '1')
    const mime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    const good = ['罗志强', a, '男', '布依族', '13985020001', '龙城印象', '1栋', '1单元', '101', '退役军人']
    await t.page.locator('input[type=file]').setInputFiles({
      name: '人口台账有误.xlsx',
      mimeType: mime,
      buffer: await sheet(HEADERS, [
        good,
        ['韦小红', wrong, '女', '汉族', '', '龙城印象', '1栋', '1单元', '102', ''],
        ['杨芳', b, '女', '汉族', '', '龙城印象', '1栋', '1单元', '102', ''],
        ['王磊', check17('52042319990909913'), '男', '汉族', '', '龙城印象', '99栋', '1单元', '101', ''],
        good,
      ]),
    })
    await t.page.getByText('逐行错误报告').waitFor()
    await settle(t.page)
    await check(t, 'console-people-import-errors')
    await t.page.getByRole('button', { name: '重新上传' }).click()
    // a community's own headers: mapped in the wizard
    const own = ['名字', '身份证', '性别', '民族', '电话', '小区', '楼栋', '单元', '房号']
    // the dry run answers 400 IMPORT_COLUMNS_MISMATCH (the browser logs the failed request): expected here
    await t.allowing(/status of 400 .*\/imports\/people\/dry-run/, async () => {
      await t.page.locator('input[type=file]').setInputFiles({
        name: '北街人口.xlsx',
        mimeType: mime,
        buffer: await sheet(own, [good.slice(0, 9), ['杨芳', b, '女', '汉族', '', '龙城印象', '1栋', '1单元', '102']]),
      })
      await t.page.getByText('表格缺少必填列').waitFor()
      await settle(t.page)
    })
    const option = (title: string) => t.page.locator('.ant-select-dropdown').last().getByTitle(title)
    await t.page.getByLabel('「名字」对应的字段').click()
    await option('姓名（必填）').click()
    await t.page.getByLabel('「身份证」对应的字段').click()
    await option('证件号码（必填）').click()
    await settle(t.page)
    await check(t, 'console-people-import-mapping')
    await t.page.getByRole('button', { name: '按此对应关系重新核对' }).click()
    await t.page.getByText('导入预览').waitFor()
    await t.page.getByRole('button', { name: '下一步' }).click()
    await t.page.getByRole('button', { name: '确认导入' }).click()
    await t.page.getByText('导入完成').waitFor()
    await settle(t.page)
    await check(t, 'console-people-import-result')
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

  it('points: the ledger, the honour boards and the county’s rules', async () => {
    const t = await open(browser, base, 'console')
    await consoleLogin(t, 'bj_sq')
    await visit(t, '/points', 'console-points-ledger', '积分余额')
    await t.page.getByRole('button', { name: '明细' }).first().click()
    await t.page.getByText('积分明细').first().waitFor()
    await settle(t.page)
    await check(t, 'console-points-history')
    await visit(t, '/points?tab=boards', 'console-points-boards', '确认发布')
    await visit(t, '/points?tab=rules', 'console-points-rules-community', '积分规则由县级设置')
    await t.context.close()
    const county = await open(browser, base, 'console')
    await consoleLogin(county, 'zn_xian')
    await visit(county, '/points?tab=rules', 'console-points-rules-county', '保存规则')
    await county.context.close()
  })
})

describe('special groups (特殊人群) pages', () => {
  it('特殊人群: the community’s care groups, and 综治中心 / 司法所 with the managed groups and the audited full read', async () => {
    const sq = await open(browser, base, 'console')
    await consoleLogin(sq, 'bj_sq')
    await visit(sq, '/special-groups', 'console-special-groups-community', '独居老人')
    await sq.page.getByRole('button', { name: '登记' }).click()
    await sq.page.getByRole('dialog').waitFor()
    await settle(sq.page)
    await check(sq, 'console-special-groups-create')
    await sq.context.close()

    const zz = await open(browser, base, 'console')
    await consoleLogin(zz, 'hc_zz')
    // 综治中心's home is its 特殊人群 page (no appeal workbench)
    await zz.page.waitForURL((u) => u.pathname === '/special-groups')
    await visit(zz, '/special-groups?category=managed', 'console-special-groups-zz', '服务管理对象')
    await zz.page.locator('.ant-table-row').first().click()
    await zz.page.getByRole('button', { name: /查看完整信息/ }).waitFor()
    await settle(zz.page)
    await check(zz, 'console-special-groups-drawer-masked')
    await zz.page.getByRole('button', { name: /查看完整信息/ }).click()
    await zz.page.getByRole('button', { name: /^查\s*看$/ }).click()
    await zz.page.getByText('正在显示完整信息').waitFor()
    await settle(zz.page)
    await check(zz, 'console-special-groups-drawer-full')
    await zz.context.close()

    const sfs = await open(browser, base, 'console')
    await consoleLogin(sfs, 'hc_sfs')
    await visit(sfs, '/special-groups', 'console-special-groups-sfs', '社区矫正对象')
    await sfs.context.close()
  })
})

describe('pledges (包保) pages', () => {
  /** The demo building of 北街 with the most pledged households. */
  async function pledgedBuilding(t: Tracked): Promise<string> {
    const r = await t.page.request.get('/api/v1/pledges/buildings?place=520423002013')
    const body = (await r.json()) as { items: { id: string; covered: number }[] }
    const best = [...body.items].sort((a, b) => b.covered - a.covered)[0]
    expect(best?.covered).toBeGreaterThan(0)
    return best!.id
  }

  it('pledges (包保): the community console and the member phone pages', async () => {
    const c = await open(browser, base, 'console')
    await consoleLogin(c, 'bj_sq')
    await visit(c, '/pledges', 'console-pledges-coverage', '在职党员')
    const id = await pledgedBuilding(c)
    await visit(c, `/pledges/buildings/${id}`, 'console-pledges-building', '本楼包保党员')
    await visit(c, `/pledges/buildings/${id}/notice`, 'console-pledges-notice', '包保党员')
    await c.context.close()

    const p = await open(browser, base, 'phone')
    await phoneStaffLogin(p, 'bj_dy')
    await visit(p, '/h5/pledges', 'phone-pledges-mine', '楼栋公示电话')
    const mine = (await (await p.page.request.get('/api/v1/pledges/mine')).json()) as { items: { id: string }[] }
    expect(mine.items.length).toBeGreaterThan(0)
    await visit(p, `/h5/pledges/${mine.items[0]!.id}/visit`, 'phone-pledges-visit', '走访情况')
    await visit(p, '/h5/pledges/choose', 'phone-pledges-choose', '选一栋楼')
    await p.context.close()
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
    await choose(page, '街道（乡镇）', '环翠街道')
    await choose(page, '社区（村）', '北街社区')
    await choose(page, '小区楼栋', '翡翠丽都2栋')
    await choose(page, '单元', '2单元')
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

  it('双报到: a party member’s 我的报到 and its form (phone)', async () => {
    const t = await open(browser, base, 'phone')
    await phoneStaffLogin(t, 'bj_dy')
    await visit(t, '/h5/party/registration', 'phone-party-my-registrations', '报到记录')
    await t.page.getByText('北街社区').first().click()
    await t.page.getByText('办理记录').waitFor()
    await settle(t.page)
    await check(t, 'phone-party-registration-detail')
    await visit(t, '/h5/party/registration/new', 'phone-party-register', '提交报到')
    await t.context.close()
    const unit = await open(browser, base, 'phone')
    await phoneStaffLogin(unit, 'bj_dw')
    await visit(unit, '/h5/', 'phone-home-unit', '在职党员报到情况')
    await unit.context.close()
  })
})

describe('双报到 console pages at 1440×900', () => {
  it('双报到: the community’s unit and member ledgers, and a unit’s own members', async () => {
    const t = await open(browser, base, 'console')
    await consoleLogin(t, 'bj_sq')
    await visit(t, '/party/units', 'console-party-units', '镇宁自治县人民医院')
    await t.page.getByText('镇宁自治县个体私营经济协会').first().click()
    await t.page.getByText('年度共建计划').waitFor()
    await settle(t.page)
    await check(t, 'console-party-unit-drawer')
    await t.page.keyboard.press('Escape')
    await t.page.getByText('单位名录').click()
    await t.page.getByText('结对社区').waitFor()
    await settle(t.page)
    await check(t, 'console-party-unit-directory')
    await visit(t, '/party/members', 'console-party-members', '在职党员报到')
    await t.context.close()
    const unit = await open(browser, base, 'console')
    await consoleLogin(unit, 'bj_dw')
    await visit(unit, '/party/my-members', 'console-party-my-members', '本单位在职党员')
    await unit.context.close()
  })
})

describe('points on the phone at 375×667', () => {
  it('points: a party member’s 我的积分 and the community’s published 红榜', async () => {
    const t = await open(browser, base, 'phone')
    await phoneStaffLogin(t, 'bj_dy')
    await visit(t, '/h5/points', 'phone-points-mine', '积分明细')
    await visit(t, '/h5/points/board', 'phone-points-board', '服务积分前十')
    await t.context.close()
  })
})

describe('three lists (三张清单) and micro-wishes (微心愿)', () => {
  it('three lists and micro-wishes: console lists and wishes, the phone wish wall and a member’s wishes', async () => {
    const c = await open(browser, base, 'console')
    await consoleLogin(c, 'bj_sq')
    await visit(c, '/lists?tab=needs', 'console-lists-needs', '独居老人吃饭难')
    await visit(c, '/lists?tab=resources', 'console-lists-resources', '社区助餐补贴')
    await visit(c, '/lists?tab=projects', 'console-lists-projects', '龙城印象雨污管网疏通')
    await c.page.getByText('龙城印象雨污管网疏通').first().click()
    await c.page.getByText('对应需求').waitFor()
    await settle(c.page)
    await check(c, 'console-lists-project-drawer')
    await visit(c, '/lists?tab=review', 'console-lists-review', '超期项目')
    await visit(c, '/wishes', 'console-wishes', '想要一台收音机听戏')
    await c.page.getByText('想要一台电暖器过冬').first().click()
    await c.page.getByText('答谢评价').first().waitFor()
    await settle(c.page)
    await check(c, 'console-wish-drawer')
    await c.context.close()

    const wall = await open(browser, base, 'phone')
    await visit(wall, '/h5/wish-wall?community=520423002013', 'phone-wish-wall', '心愿墙')
    await wall.context.close()

    const m = await open(browser, base, 'phone')
    await phoneStaffLogin(m, 'bj_dy')
    await visit(m, '/h5/wishes', 'phone-wishes-member', '认领心愿')
    const r = await m.page.request.get('/api/v1/wishes?limit=100&status=published')
    const open1 = ((await r.json()) as { items: { id: string }[] }).items[0]!
    await visit(m, `/h5/wishes/${open1.id}`, 'phone-wish-claim', '认领这个心愿')
    await m.context.close()
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

describe('party figures (党建引领) on the 统计 page', () => {
  it('party figures: a community’s 党建引领 tab by grid (累计), a street’s by community', async () => {
    const t = await open(browser, base, 'console')
    await consoleLogin(t, 'bj_sq')
    await visit(t, '/stats?tab=party&party=all', 'console-stats-party-community', '各网格分列')
    expect(await t.page.getByTestId('party-summary').textContent()).toContain('收集需求清单28条、完成14条')
    await t.context.close()
    const street = await open(browser, base, 'console')
    await consoleLogin(street, 'hc_jd')
    await visit(street, '/stats?tab=party', 'console-stats-party-street', '各社区分列')
    await street.context.close()
  })
})

describe('ledger statistics (台账统计) and 十联户 pages', () => {
  /** An API call as the page's session (with the CSRF token a change needs). */
  async function call<T>(t: Tracked, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const csrf = (await t.context.cookies()).find((c) => c.name === 'yw_csrf')?.value
    const r = await t.page.request.fetch(`/api/v1${path}`, { method, ...(body !== undefined ? { data: body } : {}), headers: csrf ? { 'x-csrf-token': csrf } : {} })
    expect(r.ok(), `${method} ${path}: ${await r.text()}`).toBe(true)
    return (await r.json()) as T
  }

  it('ledger statistics and 十联户: the six registers, the monthly tables, arranging a building, the printed list', async () => {
    const c = await open(browser, base, 'console')
    await consoleLogin(c, 'bj_sq')
    await visit(c, '/ledger-stats', 'console-ledger-stats', '人口信息台账')
    await visit(c, '/ledger-stats?tab=specialGroups', 'console-ledger-stats-special-groups', '关爱服务对象合计')
    // a new building of 北街's first grid, its twelve households not yet in a 十联户
    const b = await call<{ id: string }>(c, 'POST', '/registry/buildings', { gridCode: '520423002013001', name: '新建9栋' })
    for (let f = 1; f <= 6; f++) {
      for (const d of [1, 2]) await call(c, 'POST', '/registry/households', { buildingId: b.id, room: `${f}0${d}` })
    }
    await visit(c, '/household-groups', 'console-household-groups', '自动编组')
    await c.page.getByRole('row', { name: /新建9栋/ }).getByRole('button', { name: /自动编组/ }).click()
    await c.page.getByText('确认编组').waitFor()
    await check(c, 'console-household-groups-arrange')
    await c.page.getByRole('button', { name: /确认编组/ }).click()
    await c.page.getByText(/已建立 \d+ 个十联户/).waitFor()
    await visit(c, `/household-groups/print/${b.id}`, 'console-household-groups-print', '十联户名单')
    // a demo building, whose groups have leaders
    const demo = await call<{ items: { id: string; name: string; groups: number }[] }>(c, 'GET', '/household-groups/buildings')
    const grouped = demo.items.find((x) => x.groups > 0 && x.name !== '新建9栋')!
    await visit(c, `/household-groups/print/${grouped.id}`, 'console-household-groups-print-demo', '联户长电话公示')
    await c.context.close()

    const s = await open(browser, base, 'console')
    await consoleLogin(s, 'hc_jd')
    await visit(s, '/ledger-stats?tab=housing', 'console-ledger-stats-street', '北街社区')
    await s.context.close()
  })
})

describe('visits (走访) pages', () => {
  it('visits: the grid worker’s list and one-screen form on the phone; the console’s plan, campaigns and coverage', async () => {
    const p = await open(browser, base, 'phone')
    await phoneStaffLogin(p, 'bj_wgy1')
    await visit(p, '/h5/visits', 'phone-visits-overdue', '敲门行动')
    const due = (await (await p.page.request.get('/api/v1/visits/due')).json()) as {
      items: { subjectType: string; subjectId: string; subjectKind: string; state: string }[]
      campaigns: { id: string }[]
    }
    expect(due.items.length).toBeGreaterThan(0)
    expect(due.campaigns.length).toBeGreaterThan(0)
    await visit(p, '/h5/visits?tab=all', 'phone-visits-all', '全部')
    await visit(p, `/h5/visits?tab=c${due.campaigns[0]!.id}`, 'phone-visits-campaign', '敲门行动')
    const item = due.items[0]!
    await visit(p, `/h5/visits/new?subjectType=${item.subjectType}&subjectId=${item.subjectId}&kind=${item.subjectKind}`, 'phone-visits-form', '走访结果')
    await p.page.getByRole('radio', { name: '发现问题' }).click()
    await p.page.getByLabel('走访情况（可不填）').fill('老人反映家中燃气灶老化，打火困难')
    await p.page.getByRole('switch', { name: '转为诉求' }).click()
    await settle(p.page)
    await check(p, 'phone-visits-form-problem')
    await p.page.getByRole('button', { name: '提交' }).click()
    await p.page.getByText('已转为诉求').first().waitFor()
    await settle(p.page)
    await check(p, 'phone-visits-result')
    await p.context.close()

    // 司法所 on the phone: its home leads to its visit list (the managed people it looks after); what a visit finds
    // becomes an appeal of the person's grid
    const s = await open(browser, base, 'phone')
    await phoneStaffLogin(s, 'hc_sfs')
    await visit(s, '/h5/', 'phone-sfs-home', '走访清单')
    await s.page.getByRole('button', { name: '走访清单' }).click()
    await s.page.getByRole('tab', { name: '全部' }).click()
    await s.page.getByText('社区矫正对象').first().waitFor()
    await settle(s.page)
    await check(s, 'phone-sfs-visits')
    const sfsDue = (await (await s.page.request.get('/api/v1/visits/due?kind=communityCorrection')).json()) as { items: { subjectId: string; subjectKind: string }[] }
    const corrected = sfsDue.items.find((i) => i.subjectKind === 'communityCorrection')
    expect(corrected).toBeDefined()
    await visit(s, `/h5/visits/new?subjectType=resident&subjectId=${corrected!.subjectId}&kind=communityCorrection`, 'phone-sfs-visit-form', '走访结果')
    await s.page.getByRole('radio', { name: '发现问题' }).click()
    await s.page.getByLabel('走访情况（可不填）').fill('反映租住房屋屋顶漏雨')
    await s.page.getByRole('switch', { name: '转为诉求' }).click()
    await s.page.getByRole('button', { name: '提交' }).click()
    await s.page.getByText('已转为诉求').first().waitFor()
    await s.context.close()

    const c = await open(browser, base, 'console')
    await consoleLogin(c, 'bj_sq')
    await visit(c, '/visits?grid=520423002013001', 'console-visits-plan', '走访清单')
    await visit(c, '/visits/campaigns', 'console-visits-campaigns', '冬季独居老人敲门行动')
    await visit(c, '/visits/coverage', 'console-visits-coverage', '覆盖率')
    await c.context.close()

    const county = await open(browser, base, 'console')
    await consoleLogin(county, 'zn_xian')
    await visit(county, '/visits', 'console-visits-rules-county', '全县适用')
    const campaigns = (await (await county.page.request.get('/api/v1/visits/campaigns')).json()) as { items: { id: string }[] }
    await visit(county, `/visits/campaigns/${campaigns.items[0]!.id}`, 'console-visits-campaign-progress', '各网格进度')
    await county.context.close()
  })
})

describe('实有人口 (population) pages', () => {
  it('population: the console register and a person card with its move dialog; the grid worker’s household lookup by building', async () => {
    const c = await open(browser, base, 'console')
    await consoleLogin(c, 'bj_sq')
    await visit(c, '/population/people', 'console-population-people', '共')
    await visit(c, '/population/people?residenceType=floating', 'console-population-people-floating', '共')
    const list = (await (await c.page.request.get('/api/v1/population/people?limit=5&residenceType=floating')).json()) as { items: { id: string }[] }
    expect(list.items.length).toBeGreaterThan(0)
    await visit(c, `/population/people/${list.items[0]!.id}`, 'console-population-card', '居住史')
    await c.page.getByRole('button', { name: '迁 出', exact: true }).or(c.page.getByRole('button', { name: '迁出', exact: true })).first().click()
    await c.page.getByRole('dialog').waitFor()
    await check(c, 'console-population-move-out')
    await c.page.keyboard.press('Escape')
    const gone = (await (await c.page.request.get('/api/v1/population/people?limit=5&status=movedOut')).json()) as { items: { id: string }[] }
    expect(gone.items.length).toBeGreaterThan(0)
    await visit(c, `/population/people/${gone.items[0]!.id}`, 'console-population-card-moved-out', '居住史')
    await c.context.close()

    const p = await open(browser, base, 'phone')
    await phoneStaffLogin(p, 'bj_wgy1')
    await visit(p, '/h5/population/buildings', 'phone-population-buildings', '户 ·')
    const buildings = (await (await p.page.request.get('/api/v1/population/buildings')).json()) as { id: string }[]
    expect(buildings.length).toBeGreaterThan(0)
    await visit(p, `/h5/population/buildings/${buildings[0]!.id}`, 'phone-population-building', '走访')
    await p.context.close()
  })
})

describe('housing and venues ledgers (基层台账)', () => {
  it('房屋台账, a building’s rooms grid and drawer, 出租房屋 with its drawer, 单位场所, and their imports', async () => {
    const c = await open(browser, base, 'console')
    await consoleLogin(c, 'bj_sq')
    await visit(c, '/housing', 'console-housing-buildings', '龙城印象')
    const rentals = (await (await c.page.request.get('/api/v1/housing/rentals?limit=1')).json()) as { items: { id: string; startDate: string; household: { buildingId: string; room: string } }[] }
    expect(rentals.items.length).toBeGreaterThan(0)
    const r = rentals.items[0]!
    await visit(c, `/housing/buildings/${r.household.buildingId}`, 'console-housing-rooms', '楼层')
    // the let room of that rental: the day it was let is kept as a change of use
    await c.page.getByRole('button', { name: `${r.household.room} 出租`, exact: true }).click()
    await c.page.getByText('修改使用状态').waitFor()
    await c.page.getByText(`${r.startDate}：自住 → 出租`).waitFor()
    await settle(c.page)
    await check(c, 'console-housing-room-drawer')
    await c.page.keyboard.press('Escape')
    await c.page.getByRole('button', { name: /自住/ }).first().click()
    await c.page.getByText('登记出租').first().waitFor()
    await settle(c.page)
    await check(c, 'console-housing-room-drawer-owner')
    await visit(c, '/housing/rentals', 'console-housing-rentals', /^(龙城印象|翡翠丽都|安庄卫)/)
    await visit(c, `/housing/rentals?open=${r.id}`, 'console-housing-rental-drawer', '房东身份证号')
    await visit(c, '/venues', 'console-venues', '布依人家酸汤鱼')
    await c.page.getByRole('row').nth(1).click()
    await c.page.getByText('统一社会信用代码').waitFor()
    await settle(c.page)
    await check(c, 'console-venue-drawer')
    await visit(c, '/housing/import/rooms', 'console-import-rooms', '下载模板')
    await visit(c, '/venues/import', 'console-import-venues', '下载模板')
    await c.context.close()
  })
})
