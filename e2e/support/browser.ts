/**
 * Debian Chromium through playwright-core (never a downloaded browser). Every page records browser
 * console errors, uncaught exceptions and failed requests; a test fails on any it did not expect.
 * `check(page, name)` saves a screenshot to e2e/screenshots/ and runs axe-core: a serious or
 * critical accessibility violation fails the run.
 */
import fs from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { AxeBuilder } from '@axe-core/playwright'
import { expect, inject } from 'vitest'
import { generate } from 'otplib'
import { ROOT } from './server'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const SCREENSHOTS = path.join(ROOT, 'e2e', 'screenshots')
export const PASSWORD = 'Yiwang@2026'

export async function launch(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install chromium fonts-noto-cjk`)
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

export interface Tracked {
  page: Page
  context: BrowserContext
  /** problems seen so far (console errors, page errors, failed requests) */
  problems: string[]
  /** expect problems matching this while `fn` runs (a 404 the test provokes) */
  allowing<T>(pattern: RegExp, fn: () => Promise<T>): Promise<T>
  /** fail if anything unexpected was recorded */
  assertClean(): void
}

export type Device = 'console' | 'phone'

export async function open(browser: Browser, baseURL: string, device: Device): Promise<Tracked> {
  const context = await browser.newContext({
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
    ...(device === 'console' ? { viewport: { width: 1440, height: 900 } } : { viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }),
  })
  const page = await context.newPage()
  const problems: string[] = []
  const allowed: RegExp[] = []
  const note = (s: string) => {
    if (!allowed.some((a) => a.test(s))) problems.push(s)
  }
  page.on('console', (m) => {
    if (m.type() === 'error') note(`console error: ${m.text()} (${m.location().url})`)
  })
  page.on('pageerror', (e) => note(`page error: ${e.message}`))
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText ?? ''
    // a download or a navigation away cancels requests in flight; that is not a failure
    if (!/ERR_ABORTED/.test(why)) note(`request failed: ${r.method()} ${r.url()} ${why}`)
  })
  return {
    page,
    context,
    problems,
    async allowing(pattern, fn) {
      allowed.push(pattern)
      try {
        return await fn()
      } finally {
        await page.waitForTimeout(200)
        allowed.splice(allowed.indexOf(pattern), 1)
      }
    },
    assertClean() {
      expect(problems, problems.join('\n')).toEqual([])
    },
  }
}

/** Wait until the network has been quiet (the page finished booting). */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle')
  await page.waitForTimeout(150)
}

/** Screenshot + accessibility check of the page as it is now. */
export async function check(t: Tracked, name: string): Promise<void> {
  await settle(t.page)
  await t.page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) })
  const result = await new AxeBuilder({ page: t.page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  const text = bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`).join('\n')
  expect(bad, `accessibility on ${name}:\n${text}`).toEqual([])
  t.assertClean()
}

/**
 * The TOTP secret a demo account was enrolled with (the three administrators and the county account),
 * as the server printed it at start and wrote it to data/demo-accounts.json; null for the others.
 */
export function demoTotpSecret(username: string, dataDir = inject('dataDir')): string | null {
  const accounts = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-accounts.json'), 'utf8')) as { username: string; totpSecret?: string }[]
  return accounts.find((a) => a.username === username)?.totpSecret ?? null
}

/** What the authenticator app shows now (or `steps` periods of 30 s later). */
export function totpNow(secret: string, steps = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 })
}

/** Log in on the console; an account with 两步验证 answers the code step with its authenticator's current code. */
export async function consoleLogin(t: Tracked, username: string, o: { dataDir?: string; code?: () => Promise<string> } = {}): Promise<void> {
  const { page } = t
  await page.goto('/login')
  await page.getByLabel('用户名', { exact: true }).fill(username)
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD)
  await page.getByRole('button', { name: /登\s*录/ }).click()
  const codeField = page.getByLabel('动态验证码', { exact: true })
  await Promise.race([page.waitForURL((u) => !u.pathname.startsWith('/login')), codeField.waitFor()])
  if (new URL(page.url()).pathname.startsWith('/login')) {
    const secret = o.code ? null : demoTotpSecret(username, o.dataDir)
    if (!o.code && !secret) throw new Error(`${username} asks for a code and no secret is known`)
    await codeField.fill(o.code ? await o.code() : await totpNow(secret!))
    await page.getByRole('button', { name: '验证并登录' }).click()
    await page.waitForURL((u) => !u.pathname.startsWith('/login'))
  }
  await settle(page)
}

export async function phoneStaffLogin(t: Tracked, username: string): Promise<void> {
  const { page } = t
  await page.goto('/h5/login?staff=1')
  await page.locator('#yw-username').fill(username)
  await page.locator('#yw-password').fill(PASSWORD)
  await page.getByRole('button', { name: /登\s*录/ }).last().click()
  await page.waitForURL((u) => u.pathname.startsWith('/h5') && !u.pathname.startsWith('/h5/login'))
  await settle(page)
}

/** A small real JPEG made by the browser's own canvas (a "photo" for the upload steps). */
export async function makePhoto(page: Page, file: string, label: string): Promise<string> {
  const dataUrl = await page.evaluate((text) => {
    const c = document.createElement('canvas')
    c.width = 1600
    c.height = 1200
    const g = c.getContext('2d')!
    const grad = g.createLinearGradient(0, 0, 1600, 1200)
    grad.addColorStop(0, '#8fa3b8')
    grad.addColorStop(1, '#3c4a59')
    g.fillStyle = grad
    g.fillRect(0, 0, 1600, 1200)
    g.fillStyle = '#ffffff'
    g.font = '120px sans-serif'
    g.fillText(text, 120, 640)
    return c.toDataURL('image/jpeg', 0.9)
  }, label)
  const out = path.join(ROOT, 'e2e', '.output', file)
  fs.mkdirSync(path.dirname(out), { recursive: true })
  fs.writeFileSync(out, Buffer.from(dataUrl.split(',')[1]!, 'base64'))
  return out
}

/**
 * Choose an option of a ChoiceField (antd-mobile Picker): open, tap the item, confirm, and check the field now shows
 * it. The wheel settles on the tapped item by an animation; on a loaded machine 确定 can come before it has, and the
 * picker confirms the item it was resting on — so a choice that did not take is made again (at most three times).
 */
export async function choose(page: Page, label: string, option: string): Promise<void> {
  const field = page.getByRole('button', { name: new RegExp(`^${label}：`) })
  const chosen = page.getByRole('button', { name: `${label}：${option}`, exact: true })
  const popup = page.locator('.adm-picker').filter({ has: page.locator('.adm-picker-header-title', { hasText: label }) })
  for (let attempt = 1; ; attempt++) {
    await field.click()
    await popup.locator('.adm-picker-view-column-item', { hasText: new RegExp(`^${option}$`) }).dispatchEvent('click')
    await page.waitForTimeout(450 * attempt)
    await popup.getByText('确定').click()
    await popup.waitFor({ state: 'hidden' })
    try {
      await chosen.waitFor({ timeout: 3000 })
      return
    } catch (e) {
      if (attempt === 3) throw e
    }
  }
}

/** After a failed test, every open page is saved as FAIL-<test>-<n>.png to see what the person would have seen. */
export async function saveFailures(browser: Browser | undefined, task: { name: string; result?: { state?: string } }): Promise<void> {
  if (task.result?.state !== 'fail' || !browser) return
  let n = 0
  for (const c of browser.contexts()) for (const p of c.pages()) await p.screenshot({ path: path.join(SCREENSHOTS, `FAIL-${task.name.slice(0, 40)}-${n++}.png`) }).catch(() => undefined)
}
