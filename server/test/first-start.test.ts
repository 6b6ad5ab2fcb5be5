/**
 * A first start killed half-way through the demo leaves no half-loaded demo: the next start finishes
 * it — the whole history, the demo accounts file — as if the first had never been cut short.
 * Real processes (`node --import tsx server/src/main.ts`) on a fresh data folder, killed with SIGKILL.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ROOT } from './template'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiwang-first-start-'))
const running: ChildProcess[] = []
afterAll(() => {
  for (const p of running) p.kill('SIGKILL')
  fs.rmSync(dataDir, { recursive: true, force: true })
})

function start(): { child: ChildProcess; output: () => string; waitFor: (text: RegExp, ms: number) => Promise<RegExpMatchArray> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    // the embedded database in a fresh folder, also under test:pg (a shared PostgreSQL may hold a demo already)
    env: { ...process.env, NODE_ENV: 'development', DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', JOBS: 'false', LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.push(child)
  let out = ''
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()))
  const waitFor = (text: RegExp, ms: number) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error(`timed out waiting for ${text}; output:\n${out}`)), ms)
      const check = () => {
        const m = out.match(text)
        if (m) {
          clearTimeout(deadline)
          resolve(m)
        } else if (child.exitCode !== null) {
          clearTimeout(deadline)
          reject(new Error(`exited ${child.exitCode}; output:\n${out}`))
        } else setTimeout(check, 100)
      }
      check()
    })
  return { child, output: () => out, waitFor }
}

describe('a first start killed during the demo history', () => {
  it('the next start makes the whole history again and writes the demo accounts', async () => {
    const first = start()
    await first.waitFor(/生成北街社区近两个月的诉求历史/, 240_000)
    // let it write part of the history, then pull the plug
    await new Promise((r) => setTimeout(r, 3000))
    first.child.kill('SIGKILL')
    await new Promise((r) => first.child.once('exit', r))
    expect(fs.existsSync(path.join(dataDir, 'demo-accounts.json'))).toBe(false)

    const second = start()
    const [, port] = await second.waitFor(/已启动 \/ started: http:\/\/[^:]+:([0-9]+)/, 240_000)
    expect(second.output()).toContain('生成北街社区近两个月的诉求历史')
    expect(second.output()).toMatch(/共 150 件诉求/)
    const accounts = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-accounts.json'), 'utf8')) as { username: string }[]
    expect(accounts.map((a) => a.username)).toContain('bj_sq')

    const base = `http://127.0.0.1:${port}/api/v1`
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bj_sq', password: 'Yiwang@2026' }),
    })
    const { token } = (await login.json()) as { token: string }
    const list = await fetch(`${base}/appeals?withTotal=true&limit=1`, { headers: { authorization: `Bearer ${token}` } })
    expect(((await list.json()) as { total: number }).total).toBe(150)
    second.child.kill('SIGTERM')
    await new Promise((r) => second.child.once('exit', r))
  }, 600_000)
})
