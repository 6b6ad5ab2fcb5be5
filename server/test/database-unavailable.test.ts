/**
 * The application over a PostgreSQL it cannot reach (both suites: the pool is real node-postgres, the
 * failures real sockets). Nothing listening on the port: the connection is refused. A server that
 * accepts the connection and never answers: the connect timeout ends the wait. Either way every request
 * is answered — 503 DATABASE_UNAVAILABLE in Chinese with a Retry-After, never a 500 or a hung request —
 * and /healthz says the database is down.
 */
import net from 'node:net'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ERRORS } from '#contracts/errors'
import { buildApp } from '../src/app'
import { openDatabase, type Database } from '../src/db/client'
import { buildResident } from './factories'
import { freePort } from './pg-cluster'
import { createTestApp, type TestApp } from './setup'

let t: TestApp
let token: string
const opened: { database: Database; app: FastifyInstance }[] = []
const blackHoles: net.Server[] = []

beforeAll(async () => {
  t = await createTestApp()
  token = (await buildResident(t)).account.token
})

afterAll(async () => {
  for (const o of opened) {
    await o.app.close()
    await o.database.close()
  }
  for (const s of blackHoles) s.close()
  await t?.close()
})

/** The same application (keys, calendar, clock) over a database at `url`. */
async function appOver(url: string): Promise<FastifyInstance> {
  const database = await openDatabase({ databaseUrl: url, poolSize: 2, connectTimeoutMs: 300 })
  const app = await buildApp({ ...t.deps, database })
  await app.ready()
  opened.push({ database, app })
  return app
}

/** A TCP server that accepts connections and never says a word (a hung or half-failed-over database). */
async function blackHole(): Promise<number> {
  const server = net.createServer(() => undefined)
  blackHoles.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as net.AddressInfo).port
}

describe('the database cannot be reached', () => {
  it.each([
    ['nothing listens on its port (refused)', async () => `postgres://postgres@127.0.0.1:${await freePort()}/yiwang`],
    ['it accepts connections and never answers (connect timeout)', async () => `postgres://postgres@127.0.0.1:${await blackHole()}/yiwang`],
  ])('%s: 503 DATABASE_UNAVAILABLE with Retry-After, and /healthz says so', async (_case, url) => {
    const app = await appOver(await url())
    const auth = { authorization: `Bearer ${token}` }
    for (const req of [
      { method: 'GET' as const, url: '/api/v1/me', headers: auth },
      { method: 'GET' as const, url: '/api/v1/appeals?view=todo', headers: auth },
      {
        method: 'POST' as const,
        url: '/api/v1/appeals',
        headers: { ...auth, 'idempotency-key': 'unavailable-0001' },
        payload: { categoryCode: 'noise.neighbour', title: '楼上噪音', description: '数据库不可用时提交' },
      },
      { method: 'POST' as const, url: '/api/v1/auth/login', payload: { username: 'nobody', password: 'Whatever@2026' } },
    ]) {
      const res = await app.inject(req)
      expect(res.statusCode, `${req.method} ${req.url}`).toBe(503)
      expect(res.json()).toEqual({ code: 'DATABASE_UNAVAILABLE', message: ERRORS.DATABASE_UNAVAILABLE.message })
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0)
    }
    const health = await app.inject({ method: 'GET', url: '/healthz' })
    expect(health.statusCode).toBe(503)
    expect(health.json()).toMatchObject({ status: 'degraded', database: { kind: 'postgres', ok: false, error: '数据库不可用' } })
  })
})
