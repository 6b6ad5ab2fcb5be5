/**
 * The edges of the clocks (DOMAIN §3.3, §6), each checked on both sides: the card is still yellow a
 * minute before twice the limit and red at it; a return is allowed a minute before the end of the
 * 2-working-day window and refused a minute after; the verify and reply limits (1 working day) with
 * their due times, cards and supervisions; and the county — not the street — supervises what a
 * department handles: a second unsatisfied rating and a late report-in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { createTestApp, TEST_START, type TestApp } from '../../test/setup'
import { act, actRaw, getAppeal, submitAppeal } from '../../test/appeal-helpers'
import {
  buildAppeal,
  buildCast,
  buildDepartmentAccount,
  buildPlaceAccount,
  buildStreetAccount,
  FACTORY_COUNTY,
  FACTORY_STREET,
  type AppealCast,
  type BuiltAccount,
  type LoopStatus,
} from '../../test/factories'
import { rowsOf } from '../db/client'
import { sweepDeadlines } from './deadline-sweeper'
import type { Appeal } from '#contracts/appeals'

const ZJJ = '520423-zjj'
const ZFJ = '520423-zhzfj'

type Who = 'resident' | 'worker' | 'community' | 'property' | 'street' | 'county' | 'zjj' | 'zfj'
let t: TestApp
/** A grid in small (resident, worker, community, the compound's property company) and who is above it. */
let cast: AppealCast
let people: Record<Who, BuiltAccount>
beforeAll(async () => {
  t = await createTestApp()
  cast = await buildCast(t)
  people = {
    resident: cast.resident.account,
    worker: cast.gridWorker,
    community: cast.community,
    property: cast.property.account,
    street: await buildStreetAccount(t),
    county: await buildPlaceAccount(t, { code: FACTORY_COUNTY }, 'county'),
    zjj: await buildDepartmentAccount(t, ZJJ),
    zfj: await buildDepartmentAccount(t, ZFJ),
  }
})
afterAll(async () => t?.close())

/** A fresh session (the clock moves by days here; sessions end after 10 idle minutes). */
const as = (who: Who) => people[who].login()
/** An appeal of the cast's resident, dispatched to the compound's property company, brought to `status`. */
const appealIn = async (status: LoopStatus) => (await buildAppeal(t, { status, cast, handler: 'property' })).appeal
/** One sweep, and (like a person looking afterwards) its notifications in the inboxes: the outbox pump runs after the commit. */
const sweep = async () => {
  const result = await sweepDeadlines(t.deps)
  await t.deps.outbox.idle()
  return result
}

async function q<T>(s: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await t.database.db.execute(s))
}
async function eventsOf(id: string, action: string): Promise<number> {
  const [r] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM appeal_event WHERE appeal_id = ${Number(id)} AND action = ${action}`)
  return r!.n
}
async function inbox(who: Who, kind: string, appealId: string): Promise<number> {
  const [r] = await q<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM notification n JOIN user_account u ON u.id = n.user_id
    WHERE u.username = ${people[who].username} AND n.kind = ${kind} AND n.appeal_id = ${Number(appealId)}`)
  return r!.n
}
/** The card and supervisions of an appeal as the county sees it. */
async function cardOf(id: string): Promise<Pick<Appeal, 'card' | 'supervisions'>> {
  const a = await getAppeal(t, await as('county'), id)
  return { card: a.card, supervisions: a.supervisions ?? [] }
}
async function sweepAt(time: string): Promise<void> {
  t.clock.set(time)
  await sweep()
}

describe('the red card comes at exactly twice the limit, not before', () => {
  it('a working-day limit: yellow after 1 working day, still yellow a minute before 2, red at 2', async () => {
    t.clock.set(TEST_START) // Monday 09:30
    const a = await submitAppeal(t, await as('resident'), { categoryCode: 'noise.neighbour', title: '楼上深夜噪音', description: '每晚' })
    expect(a.color).toBe('blue')
    expect(a.deadlines.responseDueAt).toBe('2026-11-24T09:30:00.000+08:00')

    await sweepAt('2026-11-24T09:29:00+08:00')
    expect((await cardOf(a.id)).card).toBeNull()
    await sweepAt('2026-11-24T09:31:00+08:00')
    expect((await cardOf(a.id)).card).toBe('yellow')

    // 1.5× the limit (Tuesday 13:45) and a minute before 2× (Wednesday 09:29): still yellow, no supervision
    await sweepAt('2026-11-24T13:46:00+08:00')
    await sweepAt('2026-11-25T09:29:00+08:00')
    expect(await cardOf(a.id)).toEqual({ card: 'yellow', supervisions: [] })
    expect(await eventsOf(a.id, 'redCard')).toBe(0)
    expect(await inbox('community', 'supervision', a.id)).toBe(0)

    await sweepAt('2026-11-25T09:30:00+08:00')
    const red = await cardOf(a.id)
    expect(red.card).toBe('red')
    expect(red.supervisions).toEqual([expect.objectContaining({ reason: 'redCard', step: 'response', level: 'community' })])
    expect(await eventsOf(a.id, 'redCard')).toBe(1)
  })

  it('a calendar-time limit (red: 30 minutes): still yellow at 59 minutes, red at 60', async () => {
    t.clock.set(TEST_START)
    const a = await submitAppeal(t, await as('resident'), { categoryCode: 'elevator.trapped', title: '电梯困人', description: '2号楼电梯困人' })
    expect(a.color).toBe('red')
    expect(a.deadlines.responseDueAt).toBe('2026-11-23T10:00:00.000+08:00')
    await sweepAt('2026-11-23T10:01:00+08:00')
    expect((await cardOf(a.id)).card).toBe('yellow')
    await sweepAt('2026-11-23T10:29:00+08:00')
    expect(await cardOf(a.id)).toEqual({ card: 'yellow', supervisions: [] })
    await sweepAt('2026-11-23T10:30:00+08:00')
    expect((await cardOf(a.id)).card).toBe('red')
    expect(await eventsOf(a.id, 'supervise')).toBe(1)
  })
})

describe('the 2-working-day return window, both edges', () => {
  it('dispatched Monday 09:30: a return at Wednesday 09:29 is accepted', async () => {
    t.clock.set(TEST_START)
    const a = await appealIn('assigned')
    t.clock.set('2026-11-25T09:29:00+08:00')
    const wy = await as('property')
    const seen = await getAppeal(t, wy, a.id)
    expect(seen.allowedActions).toContain('return')
    const returned = await act(t, wy, seen, 'return', { reason: '不属于物业服务范围' })
    expect(returned.status).toBe('accepted')
  })

  it('dispatched Monday 09:30: at Wednesday 09:31 the return is refused', async () => {
    t.clock.set(TEST_START)
    const a = await appealIn('assigned')
    t.clock.set('2026-11-25T09:31:00+08:00')
    const wy = await as('property')
    const seen = await getAppeal(t, wy, a.id)
    expect(seen.allowedActions).not.toContain('return')
    const res = await actRaw(t, wy, seen, 'return', { reason: '不属于物业服务范围' })
    expect(res.statusCode).toBe(422)
    expect(res.json().code).toBe('RETURN_WINDOW_PASSED')
    expect((await getAppeal(t, wy, a.id)).status).toBe('assigned')
  })

  it('dispatched Friday 10:00: the weekend does not count — open Tuesday 09:59, closed Tuesday 10:01', async () => {
    t.clock.set('2026-11-27T10:00:00+08:00')
    const open = await appealIn('assigned')
    const closed = await appealIn('assigned')
    t.clock.set('2026-12-01T09:59:00+08:00')
    const wy = await as('property')
    expect((await act(t, wy, await getAppeal(t, wy, open.id), 'return', { reason: '派错了' })).status).toBe('accepted')
    t.clock.set('2026-12-01T10:01:00+08:00')
    const wy2 = await as('property')
    const late = await actRaw(t, wy2, await getAppeal(t, wy2, closed.id), 'return', { reason: '派错了' })
    expect(late.statusCode).toBe(422)
    expect(late.json().code).toBe('RETURN_WINDOW_PASSED')
  })
})

describe('verify and reply: one working day each, with their cards', () => {
  it('核查: due one working day after the result; yellow past it, red and a community supervision at twice it', async () => {
    t.clock.set(TEST_START)
    const a = await appealIn('resolved') // resolved Monday 09:30
    expect(a.deadlines.verifyDueAt).toBe('2026-11-24T09:30:00.000+08:00')
    expect(a.deadlines.replyDueAt).toBeNull()

    await sweepAt('2026-11-24T09:29:00+08:00')
    expect((await cardOf(a.id)).card).toBeNull()
    await sweepAt('2026-11-24T09:31:00+08:00')
    const seen = await getAppeal(t, await as('community'), a.id)
    expect(seen.card).toBe('yellow')
    expect(seen.events!.find((e) => e.action === 'yellowCard')!.fields).toMatchObject({ step: 'verify', overdue: '超期未核查' })
    expect(await inbox('worker', 'yellowCard', a.id)).toBe(1)

    await sweepAt('2026-11-25T09:29:00+08:00')
    expect(await cardOf(a.id)).toEqual({ card: 'yellow', supervisions: [] })
    await sweepAt('2026-11-25T09:30:00+08:00')
    const red = await cardOf(a.id)
    expect(red.card).toBe('red')
    expect(red.supervisions).toEqual([
      expect.objectContaining({ reason: 'redCard', step: 'verify', level: 'community', supervisorCode: cast.resident.grid.community.code, target: 'grid' }),
    ])
  })

  it('答复: due one working day after the check; yellow past it, red and a street supervision at twice it', async () => {
    t.clock.set(TEST_START)
    let a = await appealIn('resolved')
    t.clock.set('2026-11-23T10:00:00+08:00')
    a = await act(t, await as('worker'), a, 'verify')
    expect(a.deadlines.verifyDueAt).toBeNull()
    expect(a.deadlines.replyDueAt).toBe('2026-11-24T10:00:00.000+08:00')

    await sweepAt('2026-11-24T09:59:00+08:00')
    expect((await cardOf(a.id)).card).toBeNull()
    await sweepAt('2026-11-24T10:01:00+08:00')
    const seen = await getAppeal(t, await as('community'), a.id)
    expect(seen.card).toBe('yellow')
    expect(seen.events!.find((e) => e.action === 'yellowCard')!.fields).toMatchObject({ step: 'reply', overdue: '超期未答复' })
    expect(await inbox('community', 'yellowCard', a.id)).toBe(1)

    await sweepAt('2026-11-25T09:59:00+08:00')
    expect(await cardOf(a.id)).toEqual({ card: 'yellow', supervisions: [] })
    await sweepAt('2026-11-25T10:00:00+08:00')
    const red = await cardOf(a.id)
    expect(red.card).toBe('red')
    expect(red.supervisions).toEqual([
      expect.objectContaining({ reason: 'redCard', step: 'reply', level: 'street', supervisorCode: FACTORY_STREET, target: 'community' }),
    ])
    expect(await inbox('street', 'supervision', a.id)).toBe(1)
  })

  it('answering in time stops the clock: no card', async () => {
    t.clock.set(TEST_START)
    let a = await appealIn('resolved')
    t.clock.set('2026-11-24T09:00:00+08:00')
    a = await act(t, await as('worker'), a, 'verify')
    t.clock.set('2026-11-25T09:00:00+08:00')
    a = await act(t, await as('community'), a, 'reply', { message: '已修复' })
    expect(a.deadlines.replyDueAt).toBeNull()
    await sweepAt('2026-11-27T10:00:00+08:00')
    expect(await cardOf(a.id)).toEqual({ card: null, supervisions: [] })
  })
})

describe('the county supervises what a department handles', () => {
  /** Accepted, escalated and whistled to 住建局 (and maybe others) at Monday 09:30. */
  async function whistled(departmentIds: string[], reportBy?: string): Promise<Appeal> {
    t.clock.set(TEST_START)
    let a = await appealIn('accepted')
    a = await act(t, await as('community'), a, 'escalate', { reason: '需部门处理' })
    return act(t, await as('street'), a, 'whistle', { departmentIds, ...(reportBy ? { reportBy } : {}) })
  }

  it('a second unsatisfied rating of a department’s work goes to the county, which may close it with an explanation', async () => {
    let a = await whistled([ZJJ])
    const zjj = async () => as('zjj')
    a = await act(t, await zjj(), await getAppeal(t, await zjj(), a.id), 'claim')
    for (const round of [1, 2]) {
      a = await act(t, await zjj(), await getAppeal(t, await zjj(), a.id), 'resolve', { result: `第${round}次处理` })
      a = await act(t, await as('worker'), a, 'verify')
      a = await act(t, await as('community'), a, 'reply', { message: '已处理' })
      a = await act(t, await as('resident'), a, 'rate', { rating: 'unsatisfied', comment: '没解决' })
      expect(a.status).toBe('reopened')
      if (round === 1) expect((await cardOf(a.id)).supervisions).toEqual([])
    }
    const seen = await getAppeal(t, await as('county'), a.id)
    expect(seen.supervisions).toEqual([
      expect.objectContaining({ reason: 'unsatisfied', level: 'county', supervisorCode: FACTORY_COUNTY, target: 'department', status: 'open' }),
    ])
    expect(await inbox('county', 'supervision', a.id)).toBe(1)
    expect(await inbox('street', 'supervision', a.id)).toBe(0)
    expect(seen.allowedActions).toContain('closeWithExplanation')
    const street = await getAppeal(t, await as('street'), a.id)
    expect(street.allowedActions).not.toContain('closeWithExplanation')
    expect((await actRaw(t, await as('street'), street, 'closeWithExplanation', { explanation: '街道说明' })).statusCode).toBe(403)
    const closed = await act(t, await as('county'), seen, 'closeWithExplanation', { explanation: '已组织住建局现场复核，诉求超出政策范围部分已另行答复' })
    expect(closed).toMatchObject({ status: 'closed', closeReason: 'explained' })
  })

  it('a late report-in: yellow at the report-by time, red and a county supervision at twice the time given', async () => {
    // whistled at 09:30, report in by 11:30 (2 hours): red at 13:30
    const a = await whistled([ZJJ, ZFJ], '2026-11-23T11:30:00+08:00')
    t.clock.set('2026-11-23T10:00:00+08:00')
    const zjj = await as('zjj')
    await act(t, zjj, await getAppeal(t, zjj, a.id), 'claim') // the lead reports in by claiming; 执法局 never does

    await sweepAt('2026-11-23T11:31:00+08:00')
    const yellow = await getAppeal(t, await as('county'), a.id)
    expect(yellow.card).toBe('yellow')
    expect(yellow.events!.find((e) => e.action === 'yellowCard')!.fields).toMatchObject({ step: 'reportIn', overdue: '超期未报到', department: ZFJ })
    expect(await inbox('zfj', 'yellowCard', a.id)).toBe(1)

    await sweepAt('2026-11-23T13:29:00+08:00')
    expect(await cardOf(a.id)).toEqual({ card: 'yellow', supervisions: [] })
    await sweepAt('2026-11-23T13:30:00+08:00')
    const red = await cardOf(a.id)
    expect(red.card).toBe('red')
    expect(red.supervisions).toEqual([
      expect.objectContaining({ reason: 'redCard', step: 'reportIn', level: 'county', supervisorCode: FACTORY_COUNTY, target: 'department' }),
    ])
    expect(await inbox('county', 'supervision', a.id)).toBe(1)
    expect(await inbox('street', 'supervision', a.id)).toBe(0)
  })
})
