/**
 * 人口台账 as people live it, through the pages (issue 13): the community worker of 北街社区 downloads the
 * people import template, fills it with five people of which three are wrong (a bad ID check digit, an
 * unknown 民族, an address that does not exist), reads the row-level error report (nothing can be
 * imported), fixes the sheet and imports it (a second import of it changes nothing) → the grid worker of
 * the room's grid finds the household on the phone by building, records a visit that saw the new
 * resident, found a problem and turned it into an appeal, and reads the appeal's number → the community
 * worker finds the person by ID number (blind index) and their card shows the visit and the appeal.
 *
 * Only the rooms to fill the sheet with are read through the API (what the worker knows by heart).
 */
import type { Browser } from 'playwright-core'
import ExcelJS from 'exceljs'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import { check, consoleLogin, launch, open, phoneStaffLogin, saveFailures, settle, type Tracked } from './support/browser'

const base = inject('baseURL')
const GRID1 = '520423002013001'
let browser: Browser

beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser?.close()
})
afterEach((ctx) => saveFailures(browser, ctx.task))

/** GB 11643: the check character of the first 17 digits (as server/src/lib/id-number.ts). */
function idCheckDigit(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  return '10X98765432'[[...first17].reduce((s, d, i) => s + Number(d) * w[i]!, 0) % 11]!
}
/**
 * A valid ID number of 镇宁 (520423) born on `birth`; the sequence is drawn at random so that a second run
 * against the same server (all e2e files share one) does not meet the people of the first.
 */
const SEQ = 100 + Math.floor(Math.random() * 400) * 2
function idNumber(birth: string, n: number, sex: 'male' | 'female'): string {
  const seq = SEQ + n * 2 + (sex === 'male' ? 1 : 0)
  const first17 = `520423${birth}${String(seq).padStart(3, '0')}`
  return first17 + idCheckDigit(first17)
}

interface HousingBuilding {
  id: string
  name: string
  compoundName: string | null
  address: string | null
  gridCode: string
}
interface Room {
  id: string
  unitName: string | null
  room: string | null
  memberCount: number
  activeRental: object | null
}
/** A room as the sheet writes it: 小区 · 楼栋 · 单元 · 室 (the room number without its unit prefix). */
interface Address {
  building: HousingBuilding
  compound: string
  unit: string
  room: string
  /** the household's room as the pages show it */
  shown: string
}

const HEADERS_FILLED = ['姓名', '证件号码', '性别', '民族', '联系电话', '小区', '楼栋', '单元', '室', '与户主关系', '标签'] as const
type Row = Record<(typeof HEADERS_FILLED)[number], string>

describe('人口台账: import with a fault report, a visit on the phone that raises an appeal, the person card', () => {
  let community: Tracked
  let worker: Tracked
  let template: ExcelJS.Workbook
  let home: Address
  let other: Address
  let resident: Row
  let appealNumber = ''

  beforeAll(async () => {
    ;[community, worker] = await Promise.all([open(browser, base, 'console'), open(browser, base, 'phone')])
  })
  afterAll(async () => {
    for (const t of [community, worker]) await t?.context.close()
  })

  /** The first sheet of the template, filled with `rows` under its own headers, as an .xlsx buffer. */
  async function filled(rows: Row[]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await template.xlsx.writeBuffer()) as ArrayBuffer)
    const ws = wb.worksheets[0]!
    const headers: string[] = []
    ws.getRow(1).eachCell((c, col) => (headers[col] = String(c.value)))
    rows.forEach((r, i) => {
      const row = ws.getRow(i + 2)
      headers.forEach((h, col) => {
        const v = r[h as keyof Row]
        if (v !== undefined && v !== '') row.getCell(col).value = v
      })
      row.commit()
    })
    return Buffer.from(await wb.xlsx.writeBuffer())
  }

  async function upload(name: string, buffer: Buffer) {
    await community.page.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer })
  }

  it('the community worker downloads the template, uploads a sheet with three faults and reads exactly those in the report', async () => {
    const { page } = community
    await consoleLogin(community, 'bj_sq')

    // two rooms of 第一网格 in one building of a compound: one where nobody is registered for the new family,
    // another for their neighbours
    const buildings = (await (await page.request.get('/api/v1/housing/buildings?limit=100')).json()) as { items: HousingBuilding[] }
    let found: [HousingBuilding, Room[]] | undefined
    for (const b of buildings.items.filter((x) => x.gridCode === GRID1 && x.compoundName)) {
      const rooms = (await (await page.request.get(`/api/v1/housing/buildings/${b.id}/rooms`)).json()) as { rooms: Room[] }
      const usable = rooms.rooms.filter((r) => r.room && r.unitName)
      if (usable.some((r) => r.memberCount === 0) && usable.length >= 2) {
        found = [b, usable]
        break
      }
    }
    expect(found, 'a building of 第一网格 with an empty room').toBeDefined()
    const [building, rooms] = found!
    // (in the demo such rooms are let, their tenants kept in the rental record: the new family lives there)
    const empty = rooms.find((r) => r.memberCount === 0 && !r.activeRental) ?? rooms.find((r) => r.memberCount === 0)!
    const next = rooms.find((r) => r !== empty)!
    const address = (r: Room): Address => {
      const unit = r.unitName!
      const room = r.room!.startsWith(unit) ? r.room!.slice(unit.length) : r.room!
      return { building, compound: building.compoundName!, unit, room, shown: r.room! }
    }
    home = address(empty)
    other = address(next)

    await page.goto('/population/people')
    await page.getByRole('button', { name: /导\s*入/ }).click()
    await page.waitForURL(/\/population\/people\/import$/)
    await page.getByRole('heading', { name: '人口台账导入' }).waitFor()
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /下载模板/ }).click()])
    expect(download.suggestedFilename()).toMatch(/人口台账.*\.xlsx$/)
    template = new ExcelJS.Workbook()
    await template.xlsx.load((await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks))) as unknown as ArrayBuffer)
    const headers: string[] = []
    template.worksheets[0]!.getRow(1).eachCell((c) => void headers.push(String(c.value)))
    for (const h of HEADERS_FILLED) expect(headers).toContain(h)

    const at = (a: Address) => ({ 小区: a.compound, 楼栋: a.building.name, 单元: a.unit, 室: a.room })
    resident = { 姓名: '岑国栋', 证件号码: idNumber('19580312', 0, 'male'), 性别: '男', 民族: '布依族', 联系电话: '13985031234', ...at(home), 与户主关系: '户主', 标签: '独居老人' }
    const spouse: Row = { 姓名: '岑秀英', 证件号码: idNumber('19600521', 1, 'female'), 性别: '女', 民族: '布依族', 联系电话: '', ...at(home), 与户主关系: '配偶', 标签: '' }
    const son: Row = { 姓名: '岑文杰', 证件号码: idNumber('19850907', 2, 'male'), 性别: '男', 民族: '布依族', 联系电话: '13985031235', ...at(other), 与户主关系: '', 标签: '' }
    const daughter: Row = { 姓名: '岑文丽', 证件号码: idNumber('19880114', 3, 'female'), 性别: '女', 民族: '苗族', 联系电话: '', ...at(other), 与户主关系: '', 标签: '' }
    const tenant: Row = { 姓名: '王建平', 证件号码: idNumber('19900628', 4, 'male'), 性别: '男', 民族: '汉族', 联系电话: '13985031236', ...at(other), 与户主关系: '', 标签: '' }
    // the faults: a mistyped last digit, 民族 written as the clerk's shorthand that is no code, a building that does not exist
    const badId = son.证件号码.slice(0, 17) + (son.证件号码[17] === '1' ? '2' : '1')
    const wrong = [resident, { ...son, 证件号码: badId }, { ...daughter, 民族: '布衣族' }, { ...tenant, 楼栋: '99栋' }, spouse]
    const fixed = [resident, son, daughter, tenant, spouse]

    await page.getByRole('button', { name: '已有填好的表格，下一步' }).click()
    await upload('北街人口台账（有误）.xlsx', await filled(wrong))
    await page.getByText('逐行错误报告').waitFor()
    await page.getByText('共 5 行，2 行无误，发现 3 处错误').waitFor()
    const report = page.locator('.ant-card-small').filter({ has: page.locator('.ant-card-head-title', { hasText: /^逐行错误报告/ }) })
    const rows = await report.locator('tbody tr.ant-table-row').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')))
    // 行 · 列 · 值 · 原因: the header is row 1, so the second, third and fourth people are rows 3, 4, 5
    expect(rows.map((r) => r.slice(0, 2))).toEqual([
      ['3', '证件号码'],
      ['4', '民族'],
      ['5', '楼栋'],
    ])
    expect(rows[0]![3]).toMatch(/校验位不正确/)
    expect(rows[0]![2]).not.toContain(badId) // the value is shown masked
    expect(rows[1]![2]).toBe('布衣族')
    expect(rows[1]![3]).toMatch(/「布衣族」不是可选的民族/)
    expect(rows[2]![3]).toMatch(new RegExp(`地址不存在：${other.compound} 99栋 ${other.unit} ${other.room}`))
    // nothing can be imported while a row is wrong: no way on to 导入
    await expect.poll(() => page.getByRole('button', { name: /下一步/ }).count()).toBe(0)
    await expect.poll(() => page.getByRole('button', { name: /确认导入/ }).count()).toBe(0)
    await page.evaluate(() => window.scrollTo(0, 0))
    await check(community, 'ledger-flow-1-import-errors')

    await page.getByRole('button', { name: /重新上传/ }).click()
    await upload('北街人口台账.xlsx', await filled(fixed))
    await page.getByText('共 5 行，全部无误，可以导入').waitFor()
    await page.getByRole('button', { name: /下一步/ }).click()
    await page.getByText('将导入 5 行「人口台账」').waitFor()
    await page.getByRole('button', { name: /确认导入/ }).click()
    await page.getByText('导入完成').waitFor()
    const figure = (title: string) => page.locator('.ant-statistic').filter({ has: page.getByText(title, { exact: true }) }).locator('.ant-statistic-content-value')
    expect(await figure('新增').textContent()).toBe('5')
    expect(await figure('更新').textContent()).toBe('0')
    expect(await figure('未变化').textContent()).toBe('0')
    await check(community, 'ledger-flow-2-import-done')

    // the same sheet again (someone imports it twice): nothing changes
    await page.getByRole('button', { name: /继续导入/ }).click()
    await upload('北街人口台账.xlsx', await filled(fixed))
    await page.getByText('共 5 行，全部无误，可以导入').waitFor()
    await page.getByRole('button', { name: /下一步/ }).click()
    await page.getByRole('button', { name: /确认导入/ }).click()
    await page.getByText('导入完成').waitFor()
    expect(await figure('新增').textContent()).toBe('0')
    expect(await figure('更新').textContent()).toBe('0')
    expect(await figure('未变化').textContent()).toBe('5')
  })

  it('the grid worker of 第一网格 finds the household by building on the phone and records a visit that raises an appeal', async () => {
    const { page } = worker
    await phoneStaffLogin(worker, 'bj_wgy1')
    await page.goto('/h5/population/buildings')
    const card = page.getByRole('navigation', { name: '楼栋' }).getByRole('link').filter({ hasText: `${home.compound}${home.building.name}` })
    await card.first().click()
    await page.waitForURL(/\/h5\/population\/buildings\/[0-9]+$/)
    const unitTab = page.locator('.adm-capsule-tabs-tab', { hasText: new RegExp(`^${home.unit}$`) })
    await page.getByRole('button', { name: /^走访 / }).first().waitFor()
    if (await unitTab.count()) await unitTab.click()
    const household = page.getByRole('region', { name: home.shown, exact: true })
    await household.getByText(resident.姓名).waitFor()
    await household.getByText('岑秀英').waitFor()
    await household.getByRole('button', { name: `走访 ${home.shown}` }).click()

    await page.waitForURL(/\/h5\/visits\/new\?subjectType=household&subjectId=[0-9]+/)
    await page.getByText('走访结果').waitFor()
    await page.getByRole('radio', { name: '发现问题' }).click()
    // a ticked person reads「✓ 岑国栋（68岁）」
    const seen = page.getByRole('button', { name: new RegExp(`^(✓ )?${resident.姓名}（`) })
    await seen.click()
    await expect.poll(() => seen.getAttribute('aria-pressed')).toBe('true')
    expect(await page.getByRole('button', { name: /^(✓ )?岑秀英（/ }).getAttribute('aria-pressed')).toBe('false')
    await page.evaluate(() => window.scrollTo(0, 0))
    await check(worker, 'ledger-flow-3-visit-form')
    const found = '岑国栋家卫生间顶棚漏水，楼上管道疑似破裂，老人一人在家无法处理'
    await page.getByLabel('走访情况（可不填）').fill(found)
    await page.getByRole('switch', { name: '转为诉求' }).click()
    await expect.poll(() => page.getByLabel('诉求描述').inputValue()).toBe(found)
    await check(worker, 'ledger-flow-4-visit-form-problem')

    await page.getByRole('button', { name: /提\s*交/ }).click()
    const result = page.getByText(/已转为诉求，编号 \S+/)
    await result.waitFor()
    appealNumber = /编号 (\S+)/.exec((await result.textContent()) ?? '')![1]!
    expect(appealNumber).not.toBe('')
    await page.getByRole('button', { name: `查看诉求 ${appealNumber}` }).waitFor()
    await check(worker, 'ledger-flow-5-visit-result')
  })

  it('the community worker finds the person by ID number and their card shows the visit and the appeal', async () => {
    expect(appealNumber).not.toBe('')
    const { page } = community
    await page.goto('/population/people')
    const search = page.getByLabel('搜索姓名、身份证号或手机号')
    await search.fill(resident.证件号码)
    await search.press('Enter')
    await page.waitForURL(/[?&]q=/)
    const row = page.locator('.ant-table-tbody tr.ant-table-row')
    await row.filter({ hasText: resident.姓名 }).waitFor()
    expect(await row.count()).toBe(1)
    // the list shows the number masked, never in full
    expect(await page.locator('.ant-table-tbody').textContent()).not.toContain(resident.证件号码)
    await row.first().click()

    await page.waitForURL(/\/population\/people\/[0-9]+$/)
    await page.getByText('居住史').first().waitFor()
    const visits = page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: /^走访记录$/ }) })
    await visits.getByText('转为诉求').waitFor()
    await visits.getByRole('link', { name: appealNumber }).waitFor()
    await visits.getByText('发现问题').waitFor()
    await visits.getByText(`见到：${resident.姓名}`).waitFor()
    await visits.getByText('岑国栋家卫生间顶棚漏水', { exact: false }).waitFor()
    const appeals = page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: /^相关诉求$/ }) })
    await appeals.getByRole('link', { name: appealNumber }).waitFor()
    await appeals.getByText(/走访发现：岑国栋家卫生间顶棚漏水/).waitFor()
    await settle(page)
    await check(community, 'ledger-flow-6-person-card')
    await visits.scrollIntoViewIfNeeded()
    await check(community, 'ledger-flow-7-person-card-visits')
  })
})
