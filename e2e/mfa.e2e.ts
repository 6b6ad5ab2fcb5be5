/**
 * 两步验证 through the pages (issue 10): the security administrator logs in with the demo secret, sees
 * who has a second factor and resets the system administrator's; the system administrator, confined to
 * enrolling at the next login, scans the QR code (here: reads the key under it), confirms with a code
 * computed by otplib, keeps the recovery codes, and logs in again with the code — and with a recovery code.
 * This file runs its own server: it changes the demo administrators' factors, which the other files use.
 */
import fs from 'node:fs'
import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { check, consoleLogin, launch, open, PASSWORD, settle, totpNow, type Tracked } from './support/browser'
import { startServer, type RunningServer } from './support/server'

let server: RunningServer
let browser: Browser
const state: { secret?: string; recoveryCodes?: string[] } = {}

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startServer(), launch()])
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail' || !browser) return
  let n = 0
  for (const c of browser.contexts()) for (const p of c.pages()) await p.screenshot({ path: `e2e/screenshots/FAIL-mfa-${ctx.task.name.slice(0, 40)}-${n++}.png` }).catch(() => undefined)
})

async function passwordStep(t: Tracked, username: string): Promise<void> {
  await t.page.goto('/login')
  await t.page.getByLabel('用户名', { exact: true }).fill(username)
  await t.page.getByLabel('密码', { exact: true }).fill(PASSWORD)
  await t.page.getByRole('button', { name: /登\s*录/ }).click()
}

describe('两步验证 in the console', { sequential: true }, () => {
  it('the security administrator logs in with the second factor and resets the system administrator’s', async () => {
    const t = await open(browser, server.baseURL, 'console')
    await passwordStep(t, 'secadmin')
    await t.page.getByLabel('动态验证码', { exact: true }).waitFor()
    await t.page.mouse.move(1, 1)
    await check(t, 'mfa-login-code-step')
    await consoleLogin(t, 'secadmin', { dataDir: server.dataDir })
    await t.page.goto('/admin/users')
    await t.page.getByRole('searchbox', { name: '搜索账号' }).fill('admin')
    await t.page.getByRole('searchbox', { name: '搜索账号' }).press('Enter')
    const row = t.page.getByRole('row').filter({ hasText: 'sysadmin' })
    await expect.poll(() => row.getByText('已启用').count(), { timeout: 30_000 }).toBe(1)
    await check(t, 'mfa-admin-users')
    await row.getByRole('button', { name: '重置两步验证' }).click()
    await t.page.getByRole('button', { name: '重置', exact: true }).click()
    await expect.poll(() => row.getByText('待绑定').count(), { timeout: 30_000 }).toBe(1)
    // its own row offers no reset
    await expect(t.page.getByRole('row').filter({ hasText: 'secadmin' }).getByRole('button', { name: '重置两步验证' }).count()).resolves.toBe(0)
    await settle(t.page)
    await check(t, 'mfa-admin-users-after-reset')
    await t.context.close()
  })

  it('the system administrator must enrol first: QR code, a code from the app, recovery codes shown once', async () => {
    const t = await open(browser, server.baseURL, 'console')
    const { page } = t
    await passwordStep(t, 'sysadmin')
    await page.waitForURL((u) => u.pathname === '/mfa')
    await page.getByText('您的账号须启用两步验证').waitFor()
    await page.mouse.move(1, 1)
    await check(t, 'mfa-enrol-required')
    // nothing else opens until enrolled
    await page.goto('/admin/calendar')
    await page.waitForURL((u) => u.pathname === '/mfa')

    await page.getByRole('button', { name: '生成绑定二维码' }).click()
    await page.getByRole('img', { name: /两步验证二维码/ }).waitFor()
    await check(t, 'mfa-enrol-qr')
    const shown = (await page.getByTestId('mfa-secret').textContent())!.replace(/\s/g, '')
    expect(shown).toMatch(/^[A-Z2-7]{32}$/)
    state.secret = shown

    await page.getByLabel('验证器上显示的 6 位数字').fill(await totpNow(shown))
    await page.getByRole('button', { name: '验证并启用' }).click()
    const codes = page.getByRole('list', { name: '恢复码' }).getByRole('listitem')
    await expect.poll(() => codes.count()).toBe(10)
    state.recoveryCodes = await codes.allTextContents()
    for (const c of state.recoveryCodes) expect(c).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/)
    await check(t, 'mfa-recovery-codes')
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载恢复码' }).click()])
    const text = fs.readFileSync((await download.path())!, 'utf8')
    for (const c of state.recoveryCodes) expect(text).toContain(c)

    await page.getByRole('button', { name: '我已保存恢复码，进入工作台' }).click()
    await page.waitForURL((u) => u.pathname !== '/mfa')
    await page.goto('/admin/calendar')
    await page.getByText('调整某日').first().waitFor()
    // the account menu shows the factor as on
    await page.goto('/mfa')
    await page.getByText('两步验证已启用').first().waitFor()
    await check(t, 'mfa-enabled')
    await t.context.close()
  })

  it('logs in again with the code of the app, and once with a recovery code', async () => {
    const t = await open(browser, server.baseURL, 'console')
    // the code that confirmed enrolment is used up: the app's next one (the server accepts one step ahead)
    await consoleLogin(t, 'sysadmin', { code: () => totpNow(state.secret!, 1) })
    await t.page.goto('/admin/calendar')
    await t.page.getByText('调整某日').first().waitFor()
    await t.context.close()

    const r = await open(browser, server.baseURL, 'console')
    await passwordStep(r, 'sysadmin')
    await r.page.getByRole('button', { name: '手机不在身边？使用恢复码' }).click()
    await r.page.getByLabel('恢复码', { exact: true }).fill(state.recoveryCodes![0]!)
    await r.page.mouse.move(1, 1) // the screenshot shows the links at rest, not hovered
    await check(r, 'mfa-login-recovery-code')
    await r.page.getByRole('button', { name: '验证并登录' }).click()
    await r.page.waitForURL((u) => !u.pathname.startsWith('/login'))
    await settle(r.page)
    // used once: the same recovery code is refused next time
    await r.page.evaluate(() => fetch('/api/v1/auth/logout', { method: 'POST', headers: { 'x-csrf-token': /yw_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '' } }))
    await passwordStep(r, 'sysadmin')
    await r.page.getByRole('button', { name: '手机不在身边？使用恢复码' }).click()
    await r.page.getByLabel('恢复码', { exact: true }).fill(state.recoveryCodes![0]!)
    await r.allowing(/401/, async () => {
      await r.page.getByRole('button', { name: '验证并登录' }).click()
      await r.page.getByRole('alert').filter({ hasText: '动态验证码或恢复码不正确' }).waitFor()
    })
    await r.context.close()
  })
})
