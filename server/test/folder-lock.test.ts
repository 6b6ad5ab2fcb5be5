/**
 * One process per PGlite data folder (issue 10.2): a second server on the folder a running server
 * holds refuses to start with a clear message, and so does the CLI; a lock left by a process killed
 * with SIGKILL is stale and the next start takes it over. Real processes on a fresh data folder.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { LOCK_FILE, lockDataFolder, FolderLockedError } from '../src/db/folder-lock'
import { ROOT } from './template'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiwang-lock-'))
const running: ChildProcess[] = []
afterAll(() => {
  for (const p of running) p.kill('SIGKILL')
  fs.rmSync(dataDir, { recursive: true, force: true })
})

const env = { ...process.env, NODE_ENV: 'development', DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', JOBS: 'false', LOG_LEVEL: 'warn', SEED_DEMO: 'false', DATABASE_URL: '' }

function start() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  running.push(child)
  let out = ''
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()))
  const started = () =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (/已启动 \/ started/.test(out)) resolve()
        else if (child.exitCode !== null) reject(new Error(`exited ${child.exitCode}:\n${out}`))
        else setTimeout(check, 100)
      }
      check()
    })
  const exited = () => new Promise<number>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (c) => resolve(c ?? -1))))
  return { child, output: () => out, started, exited }
}

describe('the PGlite data folder is one process’s', () => {
  it('a second server and the CLI refuse the folder a running server holds; a killed server’s lock is taken over', async () => {
    const first = start()
    await first.started()
    const lock = JSON.parse(fs.readFileSync(path.join(dataDir, 'pglite', LOCK_FILE), 'utf8')) as { pid: number; host: string }
    expect(lock).toMatchObject({ pid: first.child.pid, host: os.hostname() })

    const second = start()
    expect(await second.exited()).toBe(2)
    expect(second.output()).toContain('正由另一个进程使用')
    expect(second.output()).toContain(`pid ${first.child.pid}`)
    expect(second.output()).not.toMatch(/\n\s+at /) // one clear message, no stack trace

    const cli = spawnSync(process.execPath, ['bin/yiwang.mjs', 'seed', '--demo'], { cwd: ROOT, env, encoding: 'utf8' })
    expect(cli.status).not.toBe(0)
    expect(cli.stderr).toContain('正由另一个进程使用')

    // the first server is still the one serving
    expect(first.child.exitCode).toBeNull()
    first.child.kill('SIGKILL')
    await first.exited()
    const third = start()
    await third.started()
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'pglite', LOCK_FILE), 'utf8')).pid).toBe(third.child.pid)
    third.child.kill('SIGTERM')
    expect(await third.exited()).toBe(0)
    // a clean stop leaves no lock behind
    expect(fs.existsSync(path.join(dataDir, 'pglite', LOCK_FILE))).toBe(false)
  }, 300_000)

  it('in one process: a live owner refuses, a dead one is stale', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiwang-lock-unit-'))
    try {
      // a lock held by a live process of this host (the test runner's parent stands in)
      fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: process.ppid, host: os.hostname(), startedAt: 'x', command: 'npm start' }))
      expect(() => lockDataFolder(dir)).toThrow(FolderLockedError)
      // a pid that no longer runs: taken over
      const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
      fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: Number(gone.stdout), host: os.hostname(), startedAt: 'x', command: 'npm start' }))
      const release = lockDataFolder(dir)
      expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid)
      release()
      expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
