/**
 * The per-instance session cache (core/session-cache.ts) saves a database read per request; what a user
 * must never notice is a revoked session still working. Each test first shows the cache really serves
 * (a session deleted behind the revocation triggers' back still answers), then that every way a caller
 * can change — logging out, an administrator disabling the account, a team membership, an edit made
 * straight in the database or through another instance — is seen by the next request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql, type SQL } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/setup'
import { buildAdmin, buildCommunity, buildGrid, buildGridWorker, buildTeam, type BuiltAccount } from '../../../test/factories'
import { buildApp } from '../../app'
import type { AppDeps } from '../../context'
import { createSessionCache } from '../../core/session-cache'
import { openDatabase } from '../../db/client'
import { hashToken } from './service'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => t?.close())

const exec = (s: SQL) => t.database.db.execute(s)
const me = (token: string) => t.request(token, 'GET', '/api/v1/me')
const aWorker = async () => buildGridWorker(t, await buildGrid(t))

/** Poll until `check` holds: a notification from another connection arrives after its commit, not with it. */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error(`never: ${what}`)
}

/** Delete a session without the revocation trigger: only the cache can still answer for it. */
async function deleteBehindTheCachesBack(token: string): Promise<void> {
  await exec(sql`ALTER TABLE session DISABLE TRIGGER session_revoke`)
  try {
    await exec(sql`DELETE FROM session WHERE token_hash = ${hashToken(token)}`)
  } finally {
    await exec(sql`ALTER TABLE session ENABLE TRIGGER session_revoke`)
  }
}

describe('the session cache', () => {
  it('serves a known caller from memory: a session removed without the revocation trigger still answers', async () => {
    const w = await aWorker()
    expect((await me(w.token)).statusCode).toBe(200)
    expect(t.deps.sessions.live).toBe(true)
    await deleteBehindTheCachesBack(w.token)
    // the proof the next tests mean something: without revocation, the cache would keep a dead session alive
    expect((await me(w.token)).statusCode).toBe(200)
    // a token never seen is read from the database (and refused)
    expect((await me('not-a-token')).statusCode).toBe(401)
  })

  it('logging out ends the token at once', async () => {
    const w = await aWorker()
    expect((await me(w.token)).statusCode).toBe(200)
    expect((await t.request(w.token, 'POST', '/api/v1/auth/logout')).statusCode).toBe(204)
    expect((await me(w.token)).statusCode).toBe(401)
  })

  it('an account disabled by the security administrator loses every open session on its next request', async () => {
    const sec = await buildAdmin(t, 'securityAdmin')
    const w = await aWorker()
    const second = await w.login()
    expect((await me(w.token)).statusCode).toBe(200)
    expect((await me(second)).statusCode).toBe(200)
    const off = await t.request(sec.token, 'POST', `/api/v1/users/${w.id}/disable`)
    expect(off.statusCode).toBe(200)
    for (const token of [w.token, second]) {
      const res = await me(token)
      expect(res.statusCode).toBe(401)
    }
  })

  it('an edit made straight in the database (an operator, the CLI) reaches the cache through the trigger', async () => {
    const w = await aWorker()
    expect((await me(w.token)).json<{ displayName: string }>().displayName).toBe(w.displayName)
    await exec(sql`UPDATE user_account SET display_name = '改名后的网格员' WHERE id = ${w.id}`)
    await eventually(async () => (await me(w.token)).json<{ displayName: string }>().displayName === '改名后的网格员', 'the new name')
    await exec(sql`UPDATE user_account SET disabled_at = now() WHERE id = ${w.id}`)
    await eventually(async () => (await me(w.token)).statusCode === 401, 'the disabled account refused')
  })

  it('joining or leaving a team changes what the caller may do on the next request', async () => {
    const community = await buildCommunity(t)
    const w: BuiltAccount = await buildGridWorker(t, await buildGrid(t, { community }))
    expect(await teamIdsOf(w)).toEqual([])
    const team = await buildTeam(t, community, [w])
    await eventually(async () => (await teamIdsOf(w)).includes(team.id), 'the team')
    await exec(sql`DELETE FROM team_member WHERE user_id = ${w.id}`)
    await eventually(async () => !(await teamIdsOf(w)).includes(team.id), 'the team gone')
  })

  it('nothing is served from memory while the revocation feed is down, and all is forgotten when it returns', async () => {
    const w = await aWorker()
    expect((await me(w.token)).statusCode).toBe(200)
    t.deps.sessions.setLive(false)
    try {
      await deleteBehindTheCachesBack(w.token)
      expect((await me(w.token)).statusCode).toBe(401)
    } finally {
      t.deps.sessions.setLive(true)
    }
  })
})

describe('filling the cache', () => {
  it('a caller read from the database while a revocation arrived is used once, not kept', () => {
    const cache = createSessionCache({ ttlMs: 60_000 })
    cache.setLive(true)
    const entry = { userId: 7, role: 'gridWorker', row: { stale: true } }
    const readAt = cache.epoch
    cache.onRevocation('u:7') // the logout commits while the read that found the session is on its way back
    cache.set('h1', entry, readAt)
    expect(cache.get('h1')).toBeUndefined()
    // a read that saw no revocation is kept
    cache.set('h1', entry, cache.epoch)
    expect(cache.get('h1')).toEqual(entry)
  })
})

/** The caller's team ids as the server resolves them (the same path every request takes). */
async function teamIdsOf(w: BuiltAccount): Promise<number[]> {
  const { authenticate } = await import('./service')
  return (await authenticate(t.deps, w.token)).actor.teamIds
}

describe.runIf(!!process.env.DATABASE_URL)('two instances on one PostgreSQL', () => {
  it('a logout on one instance ends the token on the other, and a lost LISTEN connection is re-established', async () => {
    const other = await openDatabase({ databaseUrl: t.database.pool!.options.connectionString!, poolSize: 3 })
    const deps2: AppDeps = { ...t.deps, database: other, sessions: createSessionCache({ ttlMs: 60_000 }) }
    const app2 = await buildApp(deps2)
    try {
      const w = await aWorker()
      const onB = async () =>
        (await app2.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${w.token}` } })).statusCode
      expect(await onB()).toBe(200)
      expect(deps2.sessions.size).toBeGreaterThan(0)
      expect((await t.request(w.token, 'POST', '/api/v1/auth/logout')).statusCode).toBe(204)
      await eventually(async () => (await onB()) === 401, 'instance B refuses the token')

      // the database drops B's LISTEN connection: B stops serving from memory, reconnects, serves again
      const w2 = await aWorker()
      expect(await (async () => (await app2.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${w2.token}` } })).statusCode)()).toBe(200)
      await exec(sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN yiwang_auth' AND datname = current_database()`)
      await eventually(async () => !deps2.sessions.live || deps2.sessions.size === 0, 'B notices the lost feed')
      await eventually(async () => deps2.sessions.live, 'B listens again')
      await exec(sql`UPDATE user_account SET disabled_at = now() WHERE id = ${w2.id}`)
      await eventually(
        async () => (await app2.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${w2.token}` } })).statusCode === 401,
        'B refuses the disabled account after reconnecting',
      )
    } finally {
      await app2.close()
      await other.close()
    }
  })
})
