/**
 * The optimistic version guard itself (DOMAIN §3.2), on whichever database the suite runs on: an
 * action decided on a version that was current when the server read the appeal, but stale by the time
 * it writes — because another action committed in between — loses with 409 and changes nothing.
 *
 * Concurrent requests cannot make that interleaving happen on demand (on PGlite they take turns), so
 * the test opens the gap itself: the next time the application opens a write transaction, another
 * user's action is committed first, through the HTTP API. The losing request has then read the appeal
 * and decided on its version; only the guarded write can notice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { createTestApp, TEST_START, type TestApp } from '../../../test/setup'
import { act, getAppeal } from '../../../test/appeal-helpers'
import { buildAppeal, buildCast, type AppealCast, type LoopStatus } from '../../../test/factories'
import { rowsOf } from '../../db/client'
import type { Appeal } from '#contracts/appeals'

let t: TestApp
/** A grid in small: its resident, grid worker and head, community and the compound's property company. */
let cast: AppealCast
let armed: (() => Promise<void>) | null = null
let fired = 0

beforeAll(async () => {
  t = await createTestApp()
  cast = await buildCast(t)
  // Run the competing action just before the next write transaction the application opens.
  const db = t.database.db as unknown as { transaction: (...args: unknown[]) => Promise<unknown> }
  const original = db.transaction.bind(db)
  db.transaction = async (...args: unknown[]) => {
    const competitor = armed
    if (competitor) {
      armed = null
      fired++
      await competitor()
    }
    return original(...args)
  }
})
afterAll(async () => t?.close())

/** An appeal of the cast's resident, dispatched to the compound's property company, brought to `status`. */
const appealIn = async (status: LoopStatus) => (await buildAppeal(t, { status, cast, handler: 'property' })).appeal

async function count(s: ReturnType<typeof sql>): Promise<number> {
  return rowsOf<{ n: number }>(await t.database.db.execute(s))[0]!.n
}
const eventCount = (id: string) => count(sql`SELECT count(*)::int AS n FROM appeal_event WHERE appeal_id = ${Number(id)}`)
const auditCount = (id: string) => count(sql`SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'appeal' AND entity_id = ${id}`)
const notificationCount = (id: string) => count(sql`SELECT count(*)::int AS n FROM notification WHERE appeal_id = ${Number(id)}`)

/** Send `action` on the version `a` carries, with `competitor` committed between the read and the write. */
async function raceAgainst(token: string, a: Appeal, action: string, fields: Record<string, unknown>, competitor: () => Promise<void>) {
  fired = 0
  armed = competitor
  try {
    return await t.request(token, 'POST', `/api/v1/appeals/${a.id}/actions`, { action, version: a.version, ...fields })
  } finally {
    armed = null
  }
}

describe('an action decided on a version that went stale before the write', () => {
  it('a claim loses to an escalation committed in between: 409, and the appeal is as the escalation left it', async () => {
    t.clock.set(TEST_START)
    const a = await appealIn('assigned')
    const wy = await cast.property.account.login()
    const community = await cast.community.login()
    // the property company reads the appeal: claim is allowed on this version
    const seen = await getAppeal(t, wy, a.id)
    expect(seen.allowedActions).toContain('claim')

    let escalated: Appeal | undefined
    const events = await eventCount(a.id)
    const audits = await auditCount(a.id)
    const res = await raceAgainst(wy, seen, 'claim', {}, async () => {
      escalated = await act(t, community, seen, 'escalate', { reason: '需街道协调' })
    })
    expect(fired).toBe(1)
    expect(escalated!.status).toBe('street_review')

    expect(res.statusCode, res.body).toBe(409)
    expect(res.json().code).toBe('VERSION_CONFLICT')
    // nothing of the claim was written: the state, version, event, audit row are the escalation's only
    const after = await getAppeal(t, community, a.id)
    expect(after.status).toBe('street_review')
    expect(after.version).toBe(seen.version + 1)
    expect(after.assignee).toBeNull()
    expect(after.events!.map((e) => e.action)).not.toContain('claim')
    expect(await eventCount(a.id)).toBe(events + 1)
    expect(await auditCount(a.id)).toBe(audits + 1)
  })

  it('of two grid workers checking the same result, the one whose write comes second loses', async () => {
    t.clock.set(TEST_START)
    const a = await appealIn('resolved')
    const worker = await cast.gridWorker.login()
    const head = await cast.gridHead.login()
    const seen = await getAppeal(t, worker, a.id)
    expect(seen.allowedActions).toContain('verifyFail')

    const notifications = await notificationCount(a.id)
    let verified: Appeal | undefined
    let notificationsAfterWinner = 0
    const res = await raceAgainst(worker, seen, 'verifyFail', { reason: '现场未修好' }, async () => {
      verified = await act(t, head, seen, 'verify', { note: '现场已修好' })
      notificationsAfterWinner = await notificationCount(a.id)
    })
    expect(fired).toBe(1)
    expect(verified!.status).toBe('verified')
    expect(res.statusCode, res.body).toBe(409)
    expect(res.json().code).toBe('VERSION_CONFLICT')

    const after = await getAppeal(t, worker, a.id)
    expect(after).toMatchObject({ status: 'verified', version: seen.version + 1 })
    expect(after.events!.filter((e) => e.action === 'verifyFail')).toHaveLength(0)
    expect(after.events!.filter((e) => e.action === 'verify')).toHaveLength(1)
    // the loser told nobody anything
    expect(notificationsAfterWinner).toBeGreaterThanOrEqual(notifications)
    expect(await notificationCount(a.id)).toBe(notificationsAfterWinner)
  })

  it('without a competitor the same request succeeds (the hook itself changes nothing)', async () => {
    t.clock.set(TEST_START)
    const a = await appealIn('assigned')
    const wy = await cast.property.account.login()
    const res = await raceAgainst(wy, await getAppeal(t, wy, a.id), 'claim', {}, async () => undefined)
    expect(fired).toBe(1)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json<Appeal>().status).toBe('in_progress')
  })
})
