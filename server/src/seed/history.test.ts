/** The demo history is made by the loop itself: every appeal's timeline and audit trail are whole. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../test/setup'
import { rowsOf } from '../db/client'
import { seedDemoHistory } from './history'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => t?.close())

describe('demo history', () => {
  it('drives appeals through the real services into a realistic mix of states', async () => {
    const made = await seedDemoHistory(t.deps, { asOf: t.clock.now(), count: 40 })
    expect(made).toBe(40)
    const rows = rowsOf<{ status: string; close_reason: string | null; n: number }>(
      await t.database.db.execute(sql`SELECT status, close_reason, count(*)::int AS n FROM appeal GROUP BY 1, 2`),
    )
    const total = rows.reduce((s, r) => s + r.n, 0)
    expect(total).toBe(40)
    const closed = rows.filter((r) => r.status === 'closed').reduce((s, r) => s + r.n, 0)
    expect(closed).toBeGreaterThan(10)
    expect(rows.some((r) => r.status !== 'closed')).toBe(true)

    // Every status change has its event and its audit row: events = audit rows about appeals.
    const [counts] = rowsOf<{ events: number; audits: number; versions: number }>(
      await t.database.db.execute(sql`
        SELECT (SELECT count(*)::int FROM appeal_event) AS events,
               (SELECT count(*)::int FROM audit_log WHERE entity_type = 'appeal') AS audits,
               (SELECT sum(version)::int FROM appeal) AS versions`),
    )
    expect(counts!.events).toBe(counts!.audits)
    // each appeal starts at version 1 with its submit event; every action adds one to both
    expect(counts!.events).toBe(counts!.versions)

    // All in the past, all in 北街社区
    const [late] = rowsOf<{ n: number }>(
      await t.database.db.execute(sql`SELECT count(*)::int AS n FROM appeal_event WHERE created_at > ${t.clock.now().toISOString()}::timestamptz`),
    )
    expect(late!.n).toBe(0)
    const [elsewhere] = rowsOf<{ n: number }>(
      await t.database.db.execute(sql`SELECT count(*)::int AS n FROM appeal WHERE community_code <> '520423002013'`),
    )
    expect(elsewhere!.n).toBe(0)
  })
})
