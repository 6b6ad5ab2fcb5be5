/**
 * `npm run bench:web`: the web budgets, measured in Debian Chromium against the real server
 * (fresh data folder, built bundle, precompressed assets) — a benchmark that prints figures with
 * their targets; it never fails a build.
 *
 * - first-load JavaScript transferred (bytes on the wire, cold cache) for the console workbench
 *   and for the phone report page;
 * - the phone report page "usable" (the first question and its 下一步 button on screen and
 *   enabled) on an emulated slow 4G (150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up) with the CPU
 *   slowed 4×, from navigation start; the median of 3 cold loads.
 */
import fs from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { ROOT, startServer } from '../e2e/support/server'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 }

interface Load {
  jsBytes: number
  jsFiles: { url: string; bytes: number }[]
  allBytes: number
  usableMs: number
}

async function loggedIn(browser: Browser, baseURL: string, username: string, mobile: boolean): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    locale: 'zh-CN',
    ...(mobile ? { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : { viewport: { width: 1440, height: 900 } }),
  })
  const r = await context.request.post('/api/v1/auth/login', { data: { username, password: 'Yiwang@2026' } })
  if (!r.ok()) throw new Error(`login ${username}: ${r.status()}`)
  return context
}

/** One cold load of `url`, counting the bytes the network delivered, until `ready` is usable. */
async function coldLoad(context: BrowserContext, url: string, ready: (p: Page) => Promise<void>, throttle: boolean): Promise<Load> {
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  if (throttle) {
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
  }
  const types = new Map<string, { url: string; type: string }>()
  const sizes = new Map<string, number>()
  cdp.on('Network.responseReceived', (e) => types.set(e.requestId, { url: e.response.url, type: e.type }))
  cdp.on('Network.loadingFinished', (e) => sizes.set(e.requestId, e.encodedDataLength))
  const started = Date.now()
  await page.goto(url, { waitUntil: 'commit' })
  await ready(page)
  const usableMs = Date.now() - started
  await page.waitForLoadState('networkidle')
  const jsFiles: { url: string; bytes: number }[] = []
  let allBytes = 0
  for (const [id, bytes] of sizes) {
    const t = types.get(id)
    if (!t) continue
    allBytes += bytes
    if (t.type === 'Script') jsFiles.push({ url: new URL(t.url).pathname, bytes })
  }
  await page.close()
  return { jsBytes: jsFiles.reduce((s, f) => s + f.bytes, 0), jsFiles: jsFiles.sort((a, b) => b.bytes - a.bytes), allBytes, usableMs }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function main() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install chromium fonts-noto-cjk`)
  console.log('starting the server on a fresh data folder …')
  const server = await startServer()
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
  try {
    const consoleCtx = await loggedIn(browser, server.baseURL, 'bj_sq', false)
    const workbench = await coldLoad(consoleCtx, '/workbench', (p) => p.getByText('待我处理').first().waitFor({ timeout: 60_000 }), false)
    const login = await coldLoad(await browser.newContext({ baseURL: server.baseURL }), '/login', (p) => p.getByRole('button', { name: /登\s*录/ }).waitFor(), false)
    const phoneCtx = await loggedIn(browser, server.baseURL, 'bj_jm', true)
    const reportReady = async (p: Page) => {
      await p.getByRole('heading', { name: '问题在哪里？' }).waitFor({ timeout: 60_000 })
      await p.getByRole('button', { name: '下一步' }).waitFor()
    }
    const report = await coldLoad(phoneCtx, '/h5/report', reportReady, false)
    const slow: number[] = []
    for (let i = 0; i < 3; i++) slow.push((await coldLoad(phoneCtx, '/h5/report', reportReady, true)).usableMs)

    const rows = [
      ['console: first-load JS transferred (workbench, cold)', kb(workbench.jsBytes), '≤ 300 KB', workbench.jsBytes <= 300 * 1024],
      ['console: first-load JS transferred (login page, cold)', kb(login.jsBytes), '≤ 300 KB', login.jsBytes <= 300 * 1024],
      ['phone: first-load JS transferred (report page, cold)', kb(report.jsBytes), '≤ 150 KB', report.jsBytes <= 150 * 1024],
      ['phone: report page usable on slow 4G + 4× CPU (median of 3)', `${(median(slow) / 1000).toFixed(2)} s`, '≤ 3 s', median(slow) <= 3000],
    ] as const
    console.log('')
    console.log('| figure | value | target | met |')
    console.log('|---|---|---|---|')
    for (const [name, value, target, met] of rows) console.log(`| ${name} | ${value} | ${target} | ${met ? 'yes' : 'no'} |`)
    console.log('')
    console.log(`slow-4G loads: ${slow.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(', ')}; everything transferred for the report page: ${kb(report.allBytes)}`)
    console.log('largest scripts, workbench:', workbench.jsFiles.slice(0, 5).map((f) => `${path.basename(f.url)} ${kb(f.bytes)}`).join(', '))
    console.log('largest scripts, report page:', report.jsFiles.slice(0, 5).map((f) => `${path.basename(f.url)} ${kb(f.bytes)}`).join(', '))
    const out = path.join(ROOT, 'bench', 'results', 'web-latest.json')
    fs.mkdirSync(path.dirname(out), { recursive: true })
    fs.writeFileSync(
      out,
      `${JSON.stringify({ at: new Date().toISOString(), workbenchJsBytes: workbench.jsBytes, loginJsBytes: login.jsBytes, reportJsBytes: report.jsBytes, reportUsableSlow4gMs: slow, workbenchScripts: workbench.jsFiles, reportScripts: report.jsFiles }, null, 2)}\n`,
    )
    console.log(`results: ${path.relative(ROOT, out)}`)
  } finally {
    await browser.close()
    await server.stop()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
