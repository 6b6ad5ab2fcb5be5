/**
 * The dashboard rollups give exactly what a GROUP BY over the raw appeals gives — for a province, city,
 * county and street, for one day, a whole month and a range across months, with deltas folded or not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/setup'
import { act, appealInStatus, submitAppeal, YANPENG_GRID_1 } from '../../../test/appeal-helpers'
import { rowsOf } from '../../db/client'
import { shanghaiDayStart } from '../../lib/time'
import { sweepDeadlines } from '../../jobs/deadline-sweeper'
import { rawPlaceFigures } from './queries'
import { foldStatsDeltas, rebuildStatsRollups, rollupFigures, type RollupGroup } from './rollup-queries'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ start: '2026-10-30T09:30:00+08:00' })
})
afterAll(async () => t?.close())

const PLACES: [string, RollupGroup][] = [
  ['52', 'city'],
  ['5204', 'county'],
  ['520423', 'street'],
  ['520423002', 'none'],
  ['520423001', 'none'],
]
const PERIODS: [string, string][] = [
  ['2026-10-30', '2026-10-31'],
  ['2026-11-01', '2026-12-01'],
  ['2026-10-15', '2026-11-20'],
  ['2026-10-31', '2026-11-03'],
  ['2027-01-01', '2027-02-01'],
]

const sortRows = <T extends { key: string | null }>(rows: T[]) => [...rows].sort((a, b) => String(a.key).localeCompare(String(b.key)))

async function expectRollupsEqualRaw(): Promise<void> {
  for (const [place, group] of PLACES) {
    for (const [from, to] of PERIODS) {
      const raw = await rawPlaceFigures(t.database.db, place, shanghaiDayStart(from), shanghaiDayStart(to), false)
      const roll = await rollupFigures(t.database.db, place, from, to, 'none')
      const label = `${place} [${from}, ${to})`
      if (raw.length === 0) expect(roll.every((r) => r.received === 0), label).toBe(true)
      else expect({ ...roll[0], key: null }, label).toEqual({ ...raw[0], key: null })
      if (group !== 'none') {
        const rawChildren = await rawPlaceFigures(t.database.db, place, shanghaiDayStart(from), shanghaiDayStart(to), true)
        const rollChildren = (await rollupFigures(t.database.db, place, from, to, group)).filter((r) => r.received !== 0)
        expect(sortRows(rollChildren), `${label} by ${group}`).toEqual(sortRows(rawChildren))
      }
    }
  }
}

async function pendingDeltas(): Promise<number> {
  return rowsOf<{ n: number }>(await t.database.db.execute(sql`SELECT count(*)::int AS n FROM appeal_stats_delta`))[0]!.n
}

describe('rollups equal a GROUP BY over the raw appeals', () => {
  it('through a month of activity, before and after folding', async () => {
    // Activity on both sides of a month boundary, in two streets and three communities.
    for (const day of ['2026-10-30T09:30:00+08:00', '2026-10-31T15:00:00+08:00', '2026-11-02T10:00:00+08:00']) {
      t.clock.set(day)
      for (const status of ['submitted', 'accepted', 'in_progress', 'resolved', 'replied', 'closed', 'reopened'] as const) {
        await appealInStatus(t, status)
      }
      const yp = await submitAppeal(t, await t.login('yp_wgy1'), { gridCode: YANPENG_GRID_1, title: '烟棚巡查', description: '路灯不亮', categoryCode: 'utility.power' })
      await act(t, await t.login('yp_wgy1'), yp, 'reject', { reason: '已由供电部门处理' })
    }
    // Late steps, cards and auto-closes change counters of appeals received on earlier days.
    t.clock.set('2026-11-20T10:00:00+08:00')
    await sweepDeadlines(t.deps)

    expect(await pendingDeltas()).toBeGreaterThan(0)
    await expectRollupsEqualRaw() // nothing folded yet: everything from deltas

    await foldStatsDeltas(t.database.db, 7) // a partial fold
    expect(await pendingDeltas()).toBeGreaterThan(0)
    await expectRollupsEqualRaw()

    while ((await foldStatsDeltas(t.database.db)) > 0) {
      /* fold the rest */
    }
    expect(await pendingDeltas()).toBe(0)
    await expectRollupsEqualRaw()

    // more changes after folding, then a full rebuild from the raw table gives the same answers
    t.clock.set('2026-11-21T10:00:00+08:00')
    await appealInStatus(t, 'closed')
    await expectRollupsEqualRaw()
    await rebuildStatsRollups(t.database.db)
    expect(await pendingDeltas()).toBe(0)
    await expectRollupsEqualRaw()
  })

  it('the overview endpoint reads the rollups for the county and the province', async () => {
    const county = (await t.request(await t.login('zn_xian'), 'GET', '/api/v1/stats/overview?place=520423&from=2026-10-01&to=2026-12-01')).json()
    const raw = await rawPlaceFigures(t.database.db, '520423', shanghaiDayStart('2026-10-01'), shanghaiDayStart('2026-12-01'), false)
    expect(county.figures.received).toBe(raw[0]!.received)
    expect(county.figures.resolved).toBe(raw[0]!.resolved)
  })
})
