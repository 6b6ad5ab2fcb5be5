/**
 * Dedicated sessions that outlive their connection: a LISTEN re-established after the server ended the
 * session, the leader lock lost with its session and taken again, and the backoff while the server
 * cannot be reached. The server ending a session (pg_terminate_backend) is what each backend sees when
 * PostgreSQL stops; server/test/pg-restart.test.ts restarts a whole cluster under load.
 */
import crypto from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../../test/pg-cluster'
import { openDatabase, type Database } from './client'
import { keepConnected } from './dedicated-connection'
import { createLeaderLock } from './leader-lock'

const url = process.env.DATABASE_URL

async function until(what: string, ok: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await ok()) return
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error(`never happened: ${what}`)
}

describe('while the server cannot be reached', () => {
  it('it keeps trying, waiting longer each time up to the cap, and stops when closed', async () => {
    const port = await freePort()
    const delays: number[] = []
    const conn = keepConnected({
      newClient: () => new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/none`, connectionTimeoutMillis: 1000 }),
      onRetry: (_e, delayMs) => delays.push(delayMs),
      minDelayMs: 10,
      maxDelayMs: 80,
    })
    await until('five failed attempts', () => delays.length >= 5)
    expect(await conn.client()).toBeNull()
    await conn.close()
    const attempts = delays.length
    // each wait is between half and all of min·2^n, capped: 10–20, 20–40, 40–80, then 40–80
    expect(delays[0]).toBeLessThanOrEqual(20)
    expect(delays[1]).toBeGreaterThanOrEqual(20)
    expect(delays[2]).toBeGreaterThanOrEqual(40)
    for (const d of delays) expect(d).toBeLessThanOrEqual(80)
    await new Promise((r) => setTimeout(r, 200))
    expect(delays.length).toBe(attempts) // closed: no more attempts
  })
})

describe.runIf(!!url)('dedicated sessions on PostgreSQL', () => {
  let database: Database
  let admin: pg.Client
  beforeAll(async () => {
    database = await openDatabase({ databaseUrl: url!, poolSize: 1 })
    admin = new pg.Client({ connectionString: url })
    await admin.connect()
  })
  afterAll(async () => {
    await admin?.end()
    await database?.close()
  })

  it('a LISTEN outlives its session: the loss is reported, a new session opened and set up again', async () => {
    const channel = `yiwang_test_${crypto.randomBytes(4).toString('hex')}`
    const received: string[] = []
    const sessions: number[] = []
    const lost: Error[] = []
    const conn = keepConnected({
      newClient: database.newClient!,
      onConnect: async (c) => {
        c.on('notification', (n) => received.push(n.payload ?? ''))
        await c.query(`LISTEN ${channel}`)
        sessions.push((c as unknown as { processID: number }).processID)
      },
      onLost: (e) => lost.push(e),
      minDelayMs: 20,
    })
    try {
      expect(await conn.client()).not.toBeNull()
      await admin.query('SELECT pg_notify($1, $2)', [channel, 'before'])
      await until('the first notification', () => received.includes('before'))

      // the server ends the session, as every backend's is ended when PostgreSQL stops
      await admin.query('SELECT pg_terminate_backend($1)', [sessions[0]])
      await until('a second session', () => sessions.length === 2)
      expect(lost).toHaveLength(1)
      expect(sessions[1]).not.toBe(sessions[0])
      await admin.query('SELECT pg_notify($1, $2)', [channel, 'after'])
      await until('the notification after the loss', () => received.includes('after'))
    } finally {
      await conn.close()
    }
    expect(await conn.client()).toBeNull()
    const listening = await admin.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = ANY($1)', [sessions])
    expect(listening.rows[0].n).toBe(0)
  })

  it('the leader lock: one holder; the holder stops leading when its session is lost; the lock is taken again', async () => {
    const key = crypto.randomInt(1_000_000, 2_000_000_000)
    const holderPid = async () =>
      (await admin.query(`SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND granted`, [key])).rows[0]?.pid as number | undefined
    const lostA: Error[] = []
    const a = createLeaderLock(database, key, { onLost: (e) => lostA.push(e) })
    const b = createLeaderLock(database, key)
    try {
      expect(await a.tryAcquire()).toBe(true)
      expect(await b.tryAcquire()).toBe(false)
      expect(await a.tryAcquire()).toBe(true)
      const first = await holderPid()
      expect(first).toBeDefined()

      await admin.query('SELECT pg_terminate_backend($1)', [first])
      await until('the leader to notice', () => !a.isHeld())
      expect(lostA).toHaveLength(1)
      // the lock went with the session: the other takes it, and the old leader cannot while it is held
      expect(await b.tryAcquire()).toBe(true)
      expect(await a.tryAcquire()).toBe(false)

      // released with b's session; a, on its new session, leads again
      await b.close()
      await until('a to lead again', () => a.tryAcquire())
      const again = await holderPid()
      expect(again).toBeDefined()
      expect(again).not.toBe(first)
    } finally {
      await a.close()
      await b.close()
    }
    expect(await holderPid()).toBeUndefined()
  })
})
