/**
 * Many instances on one PostgreSQL (runs when DATABASE_URL is set): two real server processes share
 * the database; a session from one works on the other; under load one is killed (SIGKILL) and the
 * client retries on the other with the same Idempotency-Key. Every acknowledged appeal exists exactly
 * once, and every overdue deadline is fired exactly once although the job leader died mid-run.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../src/seed/demo'
import { createPgTestDatabase } from './setup'
import { ROOT, TEST_PII_KEY } from './template'

const enabled = !!process.env.DATABASE_URL

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer()
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port
      s.close(() => resolve(port))
    })
  })
}

interface Instance {
  name: string
  port: number
  proc: ChildProcess
  base: string
}

async function startInstance(url: string, dataDir: string, name: string): Promise<Instance> {
  const port = await freePort()
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: `${url}?application_name=${name}`,
      PORT: String(port),
      HOST: '127.0.0.1',
      PII_KEY: TEST_PII_KEY,
      SEED_DEMO: 'false',
      JOBS: 'true',
      JOB_INTERVAL_MS: '300',
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
      NODE_ENV: 'development',
    },
    stdio: 'ignore',
  })
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { name, port, proc, base }
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 150))
  }
  throw new Error('instance did not start')
}

let db: { url: string; drop: () => Promise<void> }
let a: Instance
let b: Instance
let client: pg.Client
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiwang-inst-'))

beforeAll(async () => {
  if (!enabled) return
  db = await createPgTestDatabase()
  ;[a, b] = await Promise.all([startInstance(db.url, dataDir, 'yiwang-a'), startInstance(db.url, dataDir, 'yiwang-b')])
  client = new pg.Client({ connectionString: db.url })
  await client.connect()
}, 120_000)

afterAll(async () => {
  if (!enabled) return
  a?.proc.kill('SIGKILL')
  b?.proc.kill('SIGKILL')
  await client?.end()
  await db?.drop()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  })
  return ((await res.json()) as { token: string }).token
}

async function submit(base: string, token: string, key: string, i: number): Promise<{ status: number; id?: string }> {
  const res = await fetch(`${base}/api/v1/appeals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
    body: JSON.stringify({ categoryCode: 'noise.neighbour', title: `多实例压测 ${i}`, description: '两实例共用一个数据库' }),
  })
  const body = (await res.json()) as { id?: string }
  return { status: res.status, ...(body.id ? { id: body.id } : {}) }
}

// a story: the kill comes last (it leaves one instance dead), so the file keeps its order under --sequence.shuffle
describe.runIf(enabled)('two instances on one PostgreSQL', { shuffle: false }, () => {
  it('a session from one instance works on the other', async () => {
    const token = await login(a.base, 'bj_sq')
    const me = await fetch(`${b.base}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })
    expect(me.status).toBe(200)
    expect(((await me.json()) as { username: string }).username).toBe('bj_sq')
  })

  it('killing the job leader mid-load loses no acknowledged appeal, duplicates none, and fires each deadline once', async () => {
    // The leader holds the jobs' advisory lock on its own connection, named after its instance.
    let leaderName: string | undefined
    for (let i = 0; i < 50 && !leaderName; i++) {
      const { rows } = await client.query(`
        SELECT s.application_name FROM pg_locks l JOIN pg_stat_activity s ON s.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.objid = 7345202 AND l.granted`)
      leaderName = rows[0]?.application_name
      if (!leaderName) await new Promise((r) => setTimeout(r, 100))
    }
    expect(['yiwang-a', 'yiwang-b']).toContain(leaderName)
    const victim = leaderName === 'yiwang-a' ? a : b
    const survivor = victim === a ? b : a
    const tokens = new Map([
      [a, await login(a.base, 'bj_jm')],
      [b, await login(b.base, 'bj_jm')],
    ])
    const total = 120
    const acknowledged = new Map<string, string>() // idempotency key → appeal id
    let killed = false
    let next = 0
    const worker = async () => {
      while (next < total) {
        const i = next++
        const key = `inst-load-${i.toString().padStart(4, '0')}`
        const first = i % 2 === 0 && !killed ? victim : survivor
        let r: { status: number; id?: string } | undefined
        try {
          r = await submit(first.base, tokens.get(first)!, key, i)
        } catch {
          // the instance died under us: the balancer retries on the other with the same key
          r = await submit(survivor.base, tokens.get(survivor)!, key, i)
        }
        expect(r.status, key).toBe(201)
        acknowledged.set(key, r.id!)
        if (acknowledged.size === 40 && !killed) {
          killed = true
          victim.proc.kill('SIGKILL')
        }
      }
    }
    await Promise.all(Array.from({ length: 8 }, worker))
    expect(killed).toBe(true)
    expect(acknowledged.size).toBe(total)

    const ids = [...acknowledged.values()]
    expect(new Set(ids).size).toBe(total) // no two keys got the same appeal
    const rows = (await client.query(`SELECT id::text, title FROM appeal WHERE title LIKE '多实例压测 %'`)).rows as { id: string; title: string }[]
    expect(rows.length).toBe(total) // nothing created twice, nothing lost
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(ids))

    // Make every response step of these appeals long overdue; the surviving instance's jobs fire them.
    await client.query(`
      UPDATE appeal_deadline SET started_at = now() - interval '3 hours', warn_at = now() - interval '2 hours',
        due_at = now() - interval '90 minutes', red_at = now() - interval '1 minute'
      WHERE step = 'response' AND appeal_id IN (SELECT id FROM appeal WHERE title LIKE '多实例压测 %')`)
    for (let i = 0; i < 100; i++) {
      const { rows: left } = await client.query(`
        SELECT count(*)::int AS n FROM appeal_deadline d JOIN appeal a ON a.id = d.appeal_id
        WHERE a.title LIKE '多实例压测 %' AND d.red_card_at IS NULL`)
      if (left[0].n === 0) break
      await new Promise((r) => setTimeout(r, 200))
    }
    const { rows: fired } = await client.query(`
      SELECT a.id,
        (SELECT count(*) FROM appeal_event e WHERE e.appeal_id = a.id AND e.action = 'yellowCard')::int AS yellow,
        (SELECT count(*) FROM appeal_event e WHERE e.appeal_id = a.id AND e.action = 'redCard')::int AS red,
        (SELECT count(*) FROM supervision s WHERE s.appeal_id = a.id)::int AS supervisions,
        (SELECT count(*) FROM notification n WHERE n.appeal_id = a.id AND n.kind = 'yellowCard')::int AS yellow_notes
      FROM appeal a WHERE a.title LIKE '多实例压测 %'`)
    expect(fired.length).toBe(total)
    for (const f of fired) {
      expect(f, `appeal ${f.id}`).toMatchObject({ yellow: 1, red: 1, supervisions: 1 })
      expect(f.yellow_notes).toBeGreaterThan(0)
    }
  })
})
