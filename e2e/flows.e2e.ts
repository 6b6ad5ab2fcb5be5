/**
 * The appeal loop as people live it, through the pages only (DOMAIN §3, issue 11):
 * resident signs up and reports on the phone → grid worker accepts with one tap and confirms the
 * household → the community dispatches in the console → the property company resolves on the phone
 * → verify → reply → an unsatisfied rating sends it back → resolved, verified, replied again →
 * satisfied; the console shows it closed with the whole timeline and the dashboard moved by exactly
 * this appeal. Then an escalation with a whistle, a QR report without an account, scope, export.
 */
import ExcelJS from 'exceljs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import { check, choose, consoleLogin, launch, makePhoto, open, phoneStaffLogin, saveFailures, settle, type Tracked } from './support/browser'

const base = inject('baseURL')
const GRID1 = '520423002013001'
let browser: Browser
let photo: string
const state: { id?: string; number?: string; title?: string } = {}
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
const tomorrow = () => {
  const d = new Date(`${today()}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

beforeAll(async () => {
  browser = await launch()
  const t = await open(browser, base, 'phone')
  await t.page.goto('/h5/login')
  photo = await makePhoto(t.page, 'lift.jpg', '电梯停运')
  await t.context.close()
})
afterAll(async () => {
  await browser?.close()
})
afterEach((ctx) => saveFailures(browser, ctx.task))

/** The figures on the console dashboard for a place, today. */
async function figures(t: Tracked, place: string): Promise<Record<string, number>> {
  await t.page.goto(`/stats?place=${place}&from=${today()}&to=${tomorrow()}`)
  await t.page.locator('[data-figure="received"]').waitFor()
  await settle(t.page)
  const out: Record<string, number> = {}
  for (const el of await t.page.locator('[data-figure]').all()) out[(await el.getAttribute('data-figure'))!] = Number(await el.textContent())
  return out
}

/** Submit the phone action form (text, optional photo) of the open appeal. */
async function phoneAction(t: Tracked, button: string, text: string, withPhoto = false) {
  await t.page.getByRole('button', { name: button }).first().click()
  await t.page.getByRole('textbox').first().fill(text)
  if (withPhoto) {
    await t.page.locator('input[type=file]').setInputFiles(photo)
    await t.page.locator('.adm-image-uploader-cell-image').first().waitFor()
    await expect.poll(() => t.page.locator('.adm-image-uploader-cell-loading').count(), { timeout: 20_000 }).toBe(0)
  }
  await t.page.getByRole('button', { name: new RegExp(`确认${button}`) }).click()
  await t.page.waitForURL(/\/h5\/appeals\/[0-9]+$/)
  await settle(t.page)
}

async function openOnPhone(t: Tracked, id: string) {
  await t.page.goto(`/h5/appeals/${id}`)
  await t.page.getByText(state.title!).first().waitFor()
  await settle(t.page)
}

async function consoleAction(t: Tracked, id: string, action: string, fill: (page: Page) => Promise<void>) {
  await t.page.goto(`/appeals/${id}`)
  await t.page.getByRole('button', { name: action, exact: true }).click()
  const dialog = t.page.getByRole('dialog')
  await dialog.waitFor()
  await fill(t.page)
  await dialog.getByRole('button', { name: new RegExp(`确认${action}`) }).click()
  await dialog.waitFor({ state: 'hidden' })
  await settle(t.page)
}

describe('the appeal loop, resident to rating, through the pages', () => {
  let resident: Tracked
  let worker: Tracked
  let community: Tracked
  let property: Tracked
  let before: Record<string, number>

  beforeAll(async () => {
    ;[resident, worker, community, property] = await Promise.all([open(browser, base, 'phone'), open(browser, base, 'phone'), open(browser, base, 'console'), open(browser, base, 'phone')])
  })
  afterAll(async () => {
    for (const t of [resident, worker, community, property]) await t?.context.close()
  })

  it('the dashboard figures before', async () => {
    await consoleLogin(community, 'bj_sq')
    before = await figures(community, GRID1)
    expect(before.received).toBeGreaterThanOrEqual(0)
  })

  it('a resident registers on the phone', async () => {
    const { page } = resident
    await page.goto('/h5/signup')
    await page.getByLabel('手机号', { exact: true }).fill('13700001111')
    await page.getByRole('button', { name: '获取验证码' }).click()
    const code = (await page.getByTestId('demo-code').textContent())!.trim()
    await page.getByLabel('验证码', { exact: true }).fill(code)
    await page.getByLabel('姓名', { exact: true }).fill('赵丽')
    await choose(page, '街道（乡镇）', '环翠街道')
    await choose(page, '社区（村）', '北街社区')
    await choose(page, '小区楼栋', '龙城印象3栋')
    await choose(page, '单元', '1单元')
    await page.getByLabel('房号', { exact: true }).fill('1802')
    await check(resident, 'phone-signup-filled')
    await page.getByRole('button', { name: '注册并登录' }).click()
    await page.getByRole('button', { name: '我要反映' }).waitFor()
    await page.getByText(/住址待网格员确认/).waitFor()
    await check(resident, 'phone-resident-home')
  })

  it('reports a broken lift with a photo, one question per screen', async () => {
    const { page } = resident
    await page.getByRole('button', { name: '我要反映' }).click()
    await page.getByRole('heading', { name: '问题在哪里？' }).waitFor()
    await check(resident, 'phone-report-1-where')
    await page.getByRole('button', { name: '下一步' }).click()
    await page.getByRole('button', { name: '电梯', exact: true }).click()
    await page.getByText('电梯故障停运').click()
    await check(resident, 'phone-report-2-what')
    await page.getByRole('button', { name: '下一步' }).click()
    await page.locator('input[type=file]').setInputFiles(photo)
    await page.locator('.adm-image-uploader-cell-image').first().waitFor()
    await expect.poll(() => page.locator('.adm-image-uploader-cell-loading').count(), { timeout: 20_000 }).toBe(0)
    await check(resident, 'phone-report-3-photos')
    await page.getByRole('button', { name: '下一步' }).click()
    await page.getByLabel('问题描述', { exact: true }).fill('龙城印象3栋1单元电梯从昨晚停运，家里有老人上下楼很困难')
    await check(resident, 'phone-report-4-describe')
    await page.getByRole('button', { name: '提交' }).click()
    await page.getByText('已收到您的反映').waitFor()
    await check(resident, 'phone-report-done')
    state.number = (await page.getByText(/^编号 /).textContent())!.replace('编号 ', '').trim()
    state.id = /\/report\/done\/([0-9]+)/.exec(page.url())![1]
    state.title = '电梯故障停运：龙城印象3栋1单元电梯从昨晚停运，家里有老人上下楼很困难'
    expect(state.number).toMatch(/^ZN[0-9]{8}-[0-9]{6}$/)
  })

  it('the grid worker accepts it from the inbox with one tap, and confirms the household', async () => {
    const { page } = worker
    await phoneStaffLogin(worker, 'bj_wgy1')
    await check(worker, 'phone-grid-home')
    await page.getByRole('link', { name: /待收单/ }).click()
    const actions: string[] = []
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/actions')) actions.push(r.url())
    })
    const card = page.getByRole('button', { name: `收单：${state.title}` })
    await card.waitFor()
    await check(worker, 'phone-grid-inbox')
    await card.click() // the single tap
    await expect.poll(() => card.count()).toBe(0)
    expect(actions).toEqual([`${base}/api/v1/appeals/${state.id}/actions`])
    await openOnPhone(worker, state.id!)
    await page.getByText('待分派').first().waitFor()

    await page.goto('/h5/grid/households')
    await page.getByRole('button', { name: '确认 赵丽 的住户' }).waitFor()
    await check(worker, 'phone-grid-households')
    await page.getByRole('button', { name: '确认 赵丽 的住户' }).click()
    await page.getByText('没有待确认的住户').waitFor()
  })

  it('the community dispatches to the property company in the console', async () => {
    const { page } = community
    await page.goto('/workbench')
    await page.getByText(state.title!).first().waitFor()
    await check(community, 'console-workbench')
    await consoleAction(community, state.id!, '分派', async (p) => {
      await p.getByLabel('承办对象', { exact: true }).click()
      await p.locator('.ant-select-item-option', { hasText: '镇宁龙城物业服务有限公司' }).click()
    })
    await page.getByText('待领单').first().waitFor()
  })

  it('the property company claims and resolves on the phone with a photo', async () => {
    const { page } = property
    await phoneStaffLogin(property, 'lc_wy')
    await check(property, 'phone-tasks-home')
    await openOnPhone(property, state.id!)
    await page.getByRole('button', { name: '领单' }).click()
    await page.getByText('办理中').first().waitFor()
    await phoneAction(property, '办结反馈', '已联系电梯维保公司更换控制板，电梯恢复运行', true)
    await page.getByText('待核查').first().waitFor()
  })

  it('the grid worker verifies, the community replies', async () => {
    await openOnPhone(worker, state.id!)
    await worker.page.getByRole('button', { name: '核查通过' }).click()
    await worker.page.getByText('待答复').first().waitFor()
    await consoleAction(community, state.id!, '答复群众', async (p) => p.getByLabel('答复内容', { exact: true }).fill('电梯已修复，请您试用，如有问题随时反映。'))
    await community.page.getByText('待评价').first().waitFor()
  })

  it('the resident rates it unsatisfied (not solved): it comes back', async () => {
    const { page } = resident
    await openOnPhone(resident, state.id!)
    await check(resident, 'phone-appeal-detail-replied')
    await page.getByRole('button', { name: '评价' }).click()
    await page.getByText('未解决').click()
    await page.getByRole('textbox').fill('电梯还是时好时坏')
    await check(resident, 'phone-rate')
    await page.getByRole('button', { name: '提交评价' }).click()
    await page.waitForURL(/\/h5\/appeals\/[0-9]+$/)
    await page.getByText('重办').first().waitFor()
  })

  it('resolved and verified again, replied, rated satisfied', async () => {
    await openOnPhone(property, state.id!)
    await phoneAction(property, '办结反馈', '更换了电梯主板并做了连续 24 小时试运行，运行正常')
    await openOnPhone(worker, state.id!)
    await worker.page.getByRole('button', { name: '核查通过' }).click()
    await worker.page.getByText('待答复').first().waitFor()
    await consoleAction(community, state.id!, '答复群众', async (p) => p.getByLabel('答复内容', { exact: true }).fill('电梯已彻底修复并经 24 小时试运行。'))
    const { page } = resident
    await openOnPhone(resident, state.id!)
    await page.getByRole('button', { name: '评价' }).click()
    await page.getByText('已解决', { exact: true }).click()
    await page.getByText('满意', { exact: true }).click()
    await page.getByRole('button', { name: '提交评价' }).click()
    await page.getByText('已办结').first().waitFor()
    await check(resident, 'phone-appeal-detail-closed')
  })

  it('the console shows it closed, the timeline complete, and the dashboard moved by exactly this appeal', async () => {
    const { page } = community
    await page.goto(`/appeals/${state.id}`)
    await page.getByText('已办结').first().waitFor()
    await check(community, 'console-appeal-detail')
    const steps = await page.locator('.ant-timeline-item strong').allTextContents()
    expect(steps).toEqual(['提交诉求', '网格收单', '分派', '领单', '办结反馈', '核查通过', '答复群众', '群众评价', '办结反馈', '核查通过', '答复群众', '群众评价'])
    const after = await figures(community, GRID1)
    for (const k of ['received', 'resolved', 'closed', 'rated', 'satisfied']) expect(after[k], k).toBe(before[k]! + 1)
    for (const k of ['unsatisfied', 'rejected', 'merged']) expect(after[k], k).toBe(before[k])
    await check(community, 'console-stats')
  })
})

describe('an escalation: the street whistles two departments', () => {
  let worker: Tracked
  let community: Tracked
  let street: Tracked
  let dept: Tracked
  const esc: { id?: string; title?: string } = {}

  beforeAll(async () => {
    ;[worker, community, street, dept] = await Promise.all([open(browser, base, 'phone'), open(browser, base, 'console'), open(browser, base, 'console'), open(browser, base, 'phone')])
  })
  afterAll(async () => {
    for (const t of [worker, community, street, dept]) await t?.context.close()
  })

  it('a grid worker reports a finding on one screen and accepts it', async () => {
    const { page } = worker
    await phoneStaffLogin(worker, 'bj_wgy2')
    await page.getByRole('button', { name: '巡查上报' }).click()
    await page.getByRole('button', { name: '安全隐患', exact: true }).click()
    await page.getByText('道路与井盖').click()
    await page.getByLabel('情况说明', { exact: true }).fill('龙城印象8栋旁主干道井盖破损塌陷，需要市政修复')
    await check(worker, 'phone-patrol')
    await page.getByRole('button', { name: '上报', exact: true }).click()
    await page.waitForURL(/\/h5\/appeals\/[0-9]+$/)
    esc.id = /appeals\/([0-9]+)/.exec(page.url())![1]
    esc.title = '道路与井盖：龙城印象8栋旁主干道井盖破损塌陷，需要市政修复'
    await page.getByRole('button', { name: '网格收单' }).click()
    await page.getByText('待分派').first().waitFor()
  })

  it('the community escalates it to the street', async () => {
    await consoleLogin(community, 'bj_sq')
    await consoleAction(community, esc.id!, '上报街道', async (p) => p.getByLabel('上报原因', { exact: true }).fill('主干道井盖属市政设施，社区无权维修'))
    await community.page.getByText('街道审单').first().waitFor()
  })

  it('the street whistles 住建局 (lead) and 综合执法局', async () => {
    await consoleLogin(street, 'hc_jd')
    await consoleAction(street, esc.id!, '吹哨', async (p) => {
      await p.getByLabel('主办部门', { exact: true }).fill('住房')
      await p.locator('.ant-select-item-option', { hasText: '住房和城乡建设局' }).click()
      await p.getByLabel('协办部门', { exact: true }).fill('综合')
      await p.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '综合行政执法局' }).click()
      await p.keyboard.press('Escape')
    })
    await street.page.getByText('部门报到').first().waitFor()
    await check(street, 'console-appeal-whistled')
  })

  it('the lead department reports in, claims and resolves on the phone', async () => {
    const { page } = dept
    if (process.env.E2E_DEBUG) {
      page.on('request', (r) => r.url().includes('/api/') && console.log('REQ', r.method(), r.url(), r.postData() ?? ''))
      page.on('response', async (r) => r.url().includes('/api/') && console.log('RESP', r.status(), r.url(), r.status() >= 400 ? await r.text() : ''))
    }
    await phoneStaffLogin(dept, 'zn_zjj')
    await page.goto(`/h5/appeals/${esc.id}`)
    await page.getByRole('button', { name: '部门报到' }).click()
    await expect.poll(() => page.getByRole('button', { name: '部门报到' }).count()).toBe(0)
    await page.getByRole('button', { name: '领单' }).click()
    await page.getByText('办理中').first().waitFor()
    await page.getByRole('button', { name: '办结反馈' }).click()
    await page.getByRole('textbox').first().fill('已更换井盖并恢复路面')
    await page.getByRole('button', { name: '确认办结反馈' }).click()
    await page.getByText('待核查').first().waitFor()
    await street.page.goto(`/appeals/${esc.id}`)
    await street.page.getByText('镇宁自治县住房和城乡建设局').first().waitFor()
    const rows = await street.page.locator('.ant-card').filter({ hasText: '吹哨报到' }).locator('tbody tr').allTextContents()
    expect(rows.some((r) => r.includes('住房和城乡建设局') && r.includes('主办') && r.includes('按时'))).toBe(true)
  })
})

describe('a report from a grid QR poster with no account', () => {
  it('files the appeal into that grid and says when it will be taken', async () => {
    // the poster the community prints carries the address its QR code encodes
    const office = await open(browser, base, 'console')
    await consoleLogin(office, 'bj_sq')
    await office.page.goto('/grids/520423002013003/poster')
    const url = (await office.page.locator('.yw-poster-url').textContent())!.trim()
    expect(url).toBe(`${base}/h5/qr/520423002013003`)
    await office.context.close()
    const t = await open(browser, base, 'phone')
    const { page } = t
    await page.goto(url)
    await page.getByText('北街社区第三网格').waitFor()
    await check(t, 'phone-qr-1')
    await page.getByRole('button', { name: '环境卫生', exact: true }).click()
    await page.getByText('垃圾清运').click()
    await page.getByRole('button', { name: '下一步' }).click()
    await page.getByLabel('问题描述', { exact: true }).fill('锦绘新都3栋门口垃圾桶满了三天没人清运')
    await page.getByRole('button', { name: '下一步' }).click()
    await page.getByLabel('手机号', { exact: true }).fill('13900002222')
    await page.getByRole('button', { name: '获取验证码' }).click()
    await page.getByLabel('验证码', { exact: true }).fill((await page.getByTestId('demo-code').textContent())!.trim())
    await check(t, 'phone-qr-3-phone')
    await page.getByRole('button', { name: '提交' }).click()
    await page.getByText('已收到您的反映').waitFor()
    await page.getByText('北街社区第三网格').waitFor()
    await check(t, 'phone-qr-done')
    await t.context.close()
  })
})

describe('scope', () => {
  it('a grid worker of another grid cannot see the appeal, from a list or by its URL', async () => {
    const t = await open(browser, base, 'console')
    await consoleLogin(t, 'bj_wgy2')
    await t.page.goto(`/appeals?number=${state.number}`)
    await t.page.getByText('没有符合条件的诉求').waitFor()
    await t.allowing(/status of 404/, async () => {
      await t.page.goto(`/appeals/${state.id}`)
      await t.page.getByText('找不到该记录').waitFor()
    })
    expect(await t.page.getByText(state.title!).count()).toBe(0)
    t.assertClean()
    await t.context.close()
  })
})

describe('export', () => {
  it('the filtered list opens in exceljs with the masked values and the watermark line', async () => {
    const t = await open(browser, base, 'console')
    await consoleLogin(t, 'bj_sq')
    await t.page.goto(`/appeals?place=${GRID1}&number=${state.number}`)
    await t.page.getByRole('link', { name: state.number! }).waitFor()
    await check(t, 'console-appeals-list')
    const [download] = await Promise.all([t.page.waitForEvent('download'), t.page.getByRole('button', { name: /导出 Excel/ }).click()])
    const file = await download.path()
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    const ws = wb.worksheets[0]!
    expect(String(ws.getRow(2).getCell(1).value)).toMatch(/^导出人：张涛（社区 · 北街社区）　导出时间：20[0-9]{2}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}/)
    const header = (ws.getRow(3).values as unknown[]).slice(1)
    const row = (ws.getRow(4).values as unknown[]).slice(1)
    const cell = (h: string) => String(row[header.indexOf(h)])
    expect(cell('编号')).toBe(state.number)
    expect(cell('联系电话')).toBe('137****1111')
    expect(ws.rowCount).toBe(4)
    t.assertClean()
    await t.context.close()
  })
})
