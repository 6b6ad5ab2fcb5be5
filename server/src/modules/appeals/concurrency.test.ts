/**
 * Races and retries: concurrent claims (exactly one wins, the rest 409) and idempotent submission
 * (the same key replays the first answer; a different body under the same key is 422).
 * On PostgreSQL (DATABASE_URL) the requests really run in parallel over a connection pool.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/setup'
import { act, getAppeal, submitAppeal } from '../../../test/appeal-helpers'
import { buildAdmin, buildAppeal, buildCast, buildPartyMemberRecord, buildResident, type AppealCast, type LoopStatus } from '../../../test/factories'
import { rowsOf } from '../../db/client'
import type { Appeal } from '#contracts/appeals'

let t: TestApp
/** A grid in small: its resident, grid worker, community and the compound's property company. */
let cast: AppealCast
beforeAll(async () => {
  t = await createTestApp()
  cast = await buildCast(t)
})
afterAll(async () => t?.close())

/** An appeal of the cast's resident, dispatched to the compound's property company, brought to `status`. */
const appealIn = async (status: LoopStatus) => (await buildAppeal(t, { status, cast, handler: 'property' })).appeal

async function count(table: 'appeal' | 'appeal_event' | 'idempotency_key'): Promise<number> {
  const r = await t.database.db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${table}`))
  return rowsOf<{ n: number }>(r)[0]!.n
}

/** Register party members at the cast's community and give each an account, so several can race for the pool. */
async function partyMemberTokens(n: number): Promise<string[]> {
  const sec = (await buildAdmin(t, 'securityAdmin')).token
  const home = cast.resident.grid.community
  const free = []
  for (let i = 0; i < n; i++) free.push(await buildPartyMemberRecord(t, home))
  const tokens: string[] = []
  for (const [i, m] of free.entries()) {
    const username = `race_dy${i}`
    const res = await t.request(sec, 'POST', '/api/v1/users', {
      username,
      password: 'Race-2026-pw',
      displayName: m.name,
      role: 'partyMember',
      scope: home.path,
      partyMemberId: String(m.id),
    })
    expect(res.statusCode, res.body).toBe(201)
    // the administrator chose the password: the member sets their own first, as at any first login
    const first = await t.login(username, 'Race-2026-pw')
    const own = await t.request(first, 'POST', '/api/v1/auth/password', { oldPassword: 'Race-2026-pw', newPassword: 'Race-2026-own' })
    expect(own.statusCode, own.body).toBe(200)
    tokens.push(own.json<{ token: string }>().token)
  }
  return tokens
}

describe('concurrent claims', () => {
  it('five party members race for one pooled appeal: exactly one wins, four get 409', async () => {
    const tokens = await partyMemberTokens(5)
    expect(tokens).toHaveLength(5)
    let a = await appealIn('accepted')
    a = await act(t, await cast.community.login(), a, 'dispatch', { assigneeType: 'partyMember', assigneeId: 'pool' })
    const eventsBefore = await count('appeal_event')
    const results = await Promise.all(
      tokens.map((tk) => t.request(tk, 'POST', `/api/v1/appeals/${a.id}/actions`, { action: 'claim', version: a.version })),
    )
    const codes = results.map((r) => r.statusCode).sort()
    expect(codes).toEqual([200, 409, 409, 409, 409])
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().code).toBe('VERSION_CONFLICT')
    const winner = results.find((r) => r.statusCode === 200)!.json<Appeal>()
    expect(winner.status).toBe('in_progress')
    const final = await getAppeal(t, await cast.community.login(), a.id)
    expect(final.version).toBe(a.version + 1)
    expect(final.assignee!.id).toBe(winner.assignee!.id)
    expect(final.events!.filter((e) => e.action === 'claim')).toHaveLength(1)
    expect(await count('appeal_event')).toBe(eventsBefore + 1)
  })

  it('the same account clicking claim twice at once also gets one success', async () => {
    const a = await appealIn('assigned')
    const wy = await cast.property.account.login()
    const results = await Promise.all(
      [1, 2, 3].map(() => t.request(wy, 'POST', `/api/v1/appeals/${a.id}/actions`, { action: 'claim', version: a.version })),
    )
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409])
  })
})

describe('idempotent submission', () => {
  const body = { categoryCode: 'utility.water', title: '停水三天了', description: '锦绘新都5栋停水，无通知' }

  it('the same key and body create one appeal and replay the first answer', async () => {
    const token = await cast.resident.account.login()
    const before = await count('appeal')
    const first = await t.request(token, 'POST', '/api/v1/appeals', body, { 'idempotency-key': 'submit-abc-0001' })
    expect(first.statusCode).toBe(201)
    const again = await t.request(token, 'POST', '/api/v1/appeals', { ...body }, { 'idempotency-key': 'submit-abc-0001' })
    expect(again.statusCode).toBe(201)
    expect(again.headers['idempotent-replayed']).toBe('true')
    expect(again.json<Appeal>().id).toBe(first.json<Appeal>().id)
    expect(again.json<Appeal>().number).toBe(first.json<Appeal>().number)
    expect(await count('appeal')).toBe(before + 1)
  })

  it('the same key with a different body is 422 IDEMPOTENCY_KEY_REUSED and creates nothing', async () => {
    const token = await cast.resident.account.login()
    await t.request(token, 'POST', '/api/v1/appeals', body, { 'idempotency-key': 'submit-abc-0002' })
    const before = await count('appeal')
    const res = await t.request(token, 'POST', '/api/v1/appeals', { ...body, title: '停水四天了' }, { 'idempotency-key': 'submit-abc-0002' })
    expect(res.statusCode).toBe(422)
    expect(res.json().code).toBe('IDEMPOTENCY_KEY_REUSED')
    expect(await count('appeal')).toBe(before)
  })

  it('keys are per account: another account with the same key gets its own appeal', async () => {
    const other = await buildResident(t) // of another community
    const before = await count('appeal')
    const a = await t.request(await cast.resident.account.login(), 'POST', '/api/v1/appeals', body, { 'idempotency-key': 'shared-key-0003' })
    const b = await t.request(other.account.token, 'POST', '/api/v1/appeals', body, { 'idempotency-key': 'shared-key-0003' })
    expect([a.statusCode, b.statusCode]).toEqual([201, 201])
    expect(a.json<Appeal>().id).not.toBe(b.json<Appeal>().id)
    expect(await count('appeal')).toBe(before + 2)
  })

  it('three retries in flight at once still create exactly one appeal', async () => {
    const token = await cast.resident.account.login()
    const before = await count('appeal')
    const results = await Promise.all(
      [1, 2, 3].map(() => t.request(token, 'POST', '/api/v1/appeals', body, { 'idempotency-key': 'flaky-network-0004' })),
    )
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201])
    expect(new Set(results.map((r) => r.json<Appeal>().id)).size).toBe(1)
    expect(await count('appeal')).toBe(before + 1)
  })

  it('a failed submission does not burn the key', async () => {
    const token = await cast.resident.account.login()
    const bad = await t.request(token, 'POST', '/api/v1/appeals', { ...body, categoryCode: 'no.such' }, { 'idempotency-key': 'retry-after-fix-05' })
    expect(bad.statusCode).toBe(400)
    const good = await t.request(token, 'POST', '/api/v1/appeals', body, { 'idempotency-key': 'retry-after-fix-05' })
    expect(good.statusCode).toBe(201)
  })

  it('numbers come from a sequence and never repeat', async () => {
    const token = await cast.resident.account.login()
    const made = await Promise.all([1, 2, 3, 4].map(() => submitAppeal(t, token, body)))
    expect(new Set(made.map((m) => m.number)).size).toBe(4)
  })
})
