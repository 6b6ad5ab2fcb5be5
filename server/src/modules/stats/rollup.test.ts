/**
 * The dashboard rollups give exactly what a GROUP BY over the raw appeals gives — for a province, city,
 * county and street, for one day, a whole month and a range across months, with deltas folded or not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/setup'
import { act, submitAppeal } from '../../../test/appeal-helpers'
import {
  buildAccount,
  buildAppeal,
  buildCast,
  buildGridWorker,
  buildPlaceAccount,
  buildResident,
  FACTORY_COUNTY,
  type AppealCast,
  type BuiltAccount,
  type LoopStatus,
} from '../../../test/factories'
import { rowsOf } from '../../db/client'
import type { StatsOverview } from '#contracts/stats'
import { shanghaiDayStart } from '../../lib/time'
import { sweepDeadlines } from '../../jobs/deadline-sweeper'
import { rawPlaceFigures } from './queries'
import { foldStatsDeltas, rebuildStatsRollups, rollupFigures, type RollupGroup } from './rollup-queries'

let t: TestApp
/** A grid in small (resident, worker, community, the compound's property company) … */
let cast: AppealCast
/** … a grid worker of another community, and the county's account. */
let otherWorker: BuiltAccount
let otherGridCode: string
let county: BuiltAccount
beforeAll(async () => {
  t = await createTestApp({ start: '2026-10-30T09:30:00+08:00' })
  cast = await buildCast(t)
  const elsewhere = await buildResident(t)
  otherGridCode = elsewhere.grid.code
  otherWorker = await buildGridWorker(t, elsewhere.grid)
  county = await buildPlaceAccount(t, { code: FACTORY_COUNTY }, 'county')
})
afterAll(async () => t?.close())

/** An appeal of the cast's resident, dispatched to the compound's property company, brought to `status`. */
const appealIn = async (status: LoopStatus) => (await buildAppeal(t, { status, cast, handler: 'property' })).appeal

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
    // Activity on both sides of a month boundary, in two communities.
    for (const day of ['2026-10-30T09:30:00+08:00', '2026-10-31T15:00:00+08:00', '2026-11-02T10:00:00+08:00']) {
      t.clock.set(day)
      for (const status of ['submitted', 'accepted', 'in_progress', 'resolved', 'replied', 'closed', 'reopened'] as const) {
        await appealIn(status)
      }
      const yp = await submitAppeal(t, await otherWorker.login(), { gridCode: otherGridCode, title: '烟棚巡查', description: '路灯不亮', categoryCode: 'utility.power' })
      await act(t, await otherWorker.login(), yp, 'reject', { reason: '已由供电部门处理' })
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
    await appealIn('closed')
    await expectRollupsEqualRaw()
    await rebuildStatsRollups(t.database.db)
    expect(await pendingDeltas()).toBe(0)
    await expectRollupsEqualRaw()
  })

  it('the overview endpoint gives every figure the counters give, for the county, the city and the province', async () => {
    // activity of its own in the period, whichever test runs first
    await appealIn('closed')
    // a city and a province command centre (county-role accounts above the county)
    const city = await buildAccount(t, { role: 'county', scope: '52.5204' })
    const province = await buildAccount(t, { role: 'county', scope: '52' })
    for (const [account, place] of [[county, '520423'], [city, '5204'], [province, '52'], [county, '520423002']] as const) {
      const res = await t.request(await account.login(), 'GET', `/api/v1/stats/overview?place=${place}&from=2026-10-01&to=2026-12-01`)
      expect(res.statusCode, res.body).toBe(200)
      const f = res.json<StatsOverview>().figures
      const [r] = await rawPlaceFigures(t.database.db, place, shanghaiDayStart('2026-10-01'), shanghaiDayStart('2026-12-01'), false)
      expect(r!.received, `${place}: the period holds appeals`).toBeGreaterThan(0)
      const ratio = (n: number, d: number) => (d > 0 ? n / d : null)
      expect(f, place).toEqual({
        received: r!.received,
        respondedOnTime: r!.responded_on_time,
        resolved: r!.resolved,
        closed: r!.closed,
        rejected: r!.rejected,
        merged: r!.merged,
        rated: r!.rated,
        satisfied: r!.satisfied,
        basic: r!.basic,
        unsatisfied: r!.unsatisfied,
        overdue: {
          response: r!.overdue_response,
          resolve: r!.overdue_resolve,
          resolvedLate: r!.resolved_late,
          dispatch: r!.overdue_dispatch,
          review: r!.overdue_review,
        },
        cards: { yellow: r!.yellow, red: r!.red },
        responseRate: ratio(r!.responded_on_time, r!.received),
        resolutionRate: ratio(r!.resolved, r!.received - r!.rejected - r!.merged),
        satisfactionRate: ratio(r!.satisfied + r!.basic, r!.rated),
        resolutionLevels: {
          building: { count: r!.lvl_building, share: ratio(r!.lvl_building, r!.resolved) },
          grid: { count: r!.lvl_grid, share: ratio(r!.lvl_grid, r!.resolved) },
          community: { count: r!.lvl_community, share: ratio(r!.lvl_community, r!.resolved) },
          street: { count: r!.lvl_street, share: ratio(r!.lvl_street, r!.resolved) },
          department: { count: r!.lvl_department, share: ratio(r!.lvl_department, r!.resolved) },
        },
      })
    }
  })
})
