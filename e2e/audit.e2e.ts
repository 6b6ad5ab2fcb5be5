/**
 * The audit administrator's 审计日志 page (issue 10): a community worker logs in once with a wrong password
 * and once rightly; the auditor finds both by filling the filters, exports the result, and the file opens
 * in exceljs with the watermark line and only that worker's rows; the export is then in the log itself.
 */
import ExcelJS from 'exceljs'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { check, consoleLogin, launch, open, settle } from './support/browser'

const base = inject('baseURL')
let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser?.close()
})

describe('审计日志', () => {
  it('filters by who and what, exports what it shows, and the export is audited', async () => {
    const worker = await open(browser, base, 'console')
    const failed = await worker.page.request.post('/api/v1/auth/login', { data: { username: 'bj_sq', password: 'Wrong@2026x' } })
    expect(failed.status()).toBe(401)
    await consoleLogin(worker, 'bj_sq')
    await worker.context.close()

    const t = await open(browser, base, 'console')
    const { page } = t
    await consoleLogin(t, 'auditadmin')
    await page.goto('/admin/audit')
    await page.getByRole('heading', { name: '审计日志' }).waitFor()
    await page.getByLabel('操作人（登录名）').fill('bj_sq')
    await page.getByLabel('操作', { exact: true }).fill('auth')
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: /查\s*询/ }).click()
    await page.waitForURL(/actor=bj_sq/)
    expect(new URL(page.url()).searchParams.get('action')).toBe('auth')
    await page.getByRole('cell', { name: 'auth.loginFailed' }).first().waitFor()
    await settle(page)
    const actions = await page.locator('.ant-table-tbody tr.ant-table-row td:nth-child(4)').allTextContents()
    expect(actions.length).toBeGreaterThanOrEqual(2)
    // the action in the auditor's words, its code beside it
    expect(new Set(actions)).toEqual(new Set(['登录·登录成功auth.login', '登录·登录失败auth.loginFailed']))
    await expect.poll(() => page.getByText(/^共 \d+ 条$/).count()).toBe(1)
    await check(t, 'console-admin-audit-filtered')

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 Excel/ }).click()])
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(await download.path())
    const ws = wb.worksheets[0]!
    expect(String(ws.getRow(1).getCell(1).value)).toBe('审计日志')
    expect(String(ws.getRow(2).getCell(1).value)).toMatch(/^导出人：.+　导出时间：20[0-9]{2}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}.*筛选：.*actor=bj_sq/)
    const header = (ws.getRow(3).values as unknown[]).slice(1)
    const exported: string[] = []
    const named: string[] = []
    ws.eachRow((row, n) => {
      if (n <= 3) return
      exported.push(String((row.values as unknown[])[header.indexOf('操作代码') + 1]))
      named.push(String((row.values as unknown[])[header.indexOf('操作') + 1]))
    })
    expect(exported.length).toBe(actions.length)
    expect(new Set(exported)).toEqual(new Set(['auth.login', 'auth.loginFailed']))
    expect(new Set(named)).toEqual(new Set(['登录·登录成功', '登录·登录失败']))

    // the export itself is in the log
    await page.goto('/admin/audit?action=auditLog.export')
    await page.getByRole('cell', { name: 'auditLog.export' }).first().waitFor()
    t.assertClean()
    await t.context.close()
  })
})
