/**
 * Deadlines that bite, on a controllable clock: the 70% warning, yellow then red cards, the
 * supervision order, 超期未受理 / 超期未办结 / 超期办结, auto-close after 7 days — each fired exactly once,
 * however often the sweeper runs, and (on PostgreSQL) when two app instances sweep at the same time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { createTestApp, TEST_START, type TestApp } from '../../test/setup'
import { act, actRaw, getAppeal, submitAppeal } from '../../test/appeal-helpers'
import {
  buildAppeal,
  buildCast,
  buildGrid,
  buildGridWorker,
  buildStreetAccount,
  FACTORY_STREET,
  type AppealCast,
  type BuiltAccount,
  type LoopStatus,
} from '../../test/factories'
import { openDatabase, rowsOf } from '../db/client'
import type { AppDeps } from '../context'
import { sweepDeadlines } from './deadline-sweeper'
import { createJobRunner } from './runner'
import type { Appeal } from '#contracts/appeals'
import type { SupervisionItem } from '#contracts/supervisions'

type Who = 'resident' | 'worker' | 'head' | 'worker2' | 'community' | 'property' | 'street' | 'otherStreet'
let t: TestApp
/** A grid in small (resident, worker, head, community, the compound's property company) and its neighbours. */
let cast: AppealCast
let people: Record<Who, BuiltAccount>
beforeAll(async () => {
  t = await createTestApp()
  cast = await buildCast(t)
  people = {
    resident: cast.resident.account,
    worker: cast.gridWorker,
    head: cast.gridHead,
    worker2: await buildGridWorker(t, await buildGrid(t, { community: cast.resident.grid.community })),
    community: cast.community,
    property: cast.property.account,
    street: await buildStreetAccount(t),
    otherStreet: await buildStreetAccount(t, '520423001'),
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
async function eventsOf(id: string, action: string, step?: string): Promise<number> {
  const [r] = await q<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM appeal_event WHERE appeal_id = ${Number(id)} AND action = ${action}
        AND (${step ?? null}::text IS NULL OR fields->>'step' = ${step ?? null})`,
  )
  return r!.n
}
async function inbox(who: Who, kind: string, appealId: string): Promise<number> {
  const [r] = await q<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM notification n JOIN user_account u ON u.id = n.user_id
    WHERE u.username = ${people[who].username} AND n.kind = ${kind} AND n.appeal_id = ${Number(appealId)}`)
  return r!.n
}

describe('超期未受理: warning, yellow card, red card and a supervision order', () => {
  it('fires each once, at 70%, at the limit and at twice the limit', async () => {
    t.clock.set(TEST_START) // Monday 09:30
    const a = await submitAppeal(t, await as('resident'), { categoryCode: 'noise.neighbour', title: '楼上深夜噪音', description: '每晚' })
    expect(a.color).toBe('blue') // response: 1 working day → Tuesday 09:30
    expect(a.deadlines.responseDueAt).toBe('2026-11-24T09:30:00.000+08:00')

    // 70% of 510 working minutes = 357 min → Monday 15:27
    t.clock.set('2026-11-23T15:20:00+08:00')
    await sweep()
    expect(await inbox('worker', 'warning', a.id)).toBe(0)
    t.clock.set('2026-11-23T15:30:00+08:00')
    const first = await sweep()
    expect(first.warnings).toBeGreaterThanOrEqual(1)
    expect(await inbox('worker', 'warning', a.id)).toBe(1)
    expect(await inbox('head', 'warning', a.id)).toBe(1)
    expect(await inbox('worker2', 'warning', a.id)).toBe(0)
    await sweep()
    expect(await inbox('worker', 'warning', a.id)).toBe(1)

    // past the limit: yellow card, 超期未受理
    t.clock.set('2026-11-24T09:31:00+08:00')
    await sweep()
    await sweep()
    let seen = await getAppeal(t, await as('community'), a.id)
    expect(seen.card).toBe('yellow')
    expect(seen.overdue).toEqual({ response: true, resolve: false, resolvedLate: false, dispatch: false, review: false })
    expect(await eventsOf(a.id, 'yellowCard')).toBe(1)
    expect(await inbox('worker', 'yellowCard', a.id)).toBe(1)
    expect(await inbox('community', 'yellowCard', a.id)).toBe(1)
    expect(seen.events!.find((e) => e.action === 'yellowCard')!.fields).toMatchObject({ step: 'response', overdue: '超期未受理' })

    // twice the limit (2 working days → Wednesday 09:30): red card and a supervision by the community
    t.clock.set('2026-11-25T09:30:00+08:00')
    await sweep()
    await sweep()
    seen = await getAppeal(t, await as('community'), a.id)
    expect(seen.card).toBe('red')
    expect(await eventsOf(a.id, 'redCard')).toBe(1)
    expect(await eventsOf(a.id, 'supervise')).toBe(1)
    expect(seen.supervisions).toEqual([expect.objectContaining({ reason: 'redCard', step: 'response', level: 'community', target: 'grid', status: 'open' })])
    expect(await inbox('community', 'supervision', a.id)).toBe(1)
    expect(await inbox('worker', 'supervision', a.id)).toBe(1)

    // the supervision list, answered by the grid, closed by the community
    const list = (await t.request(await as('community'), 'GET', '/api/v1/supervisions?status=open')).json<{ items: SupervisionItem[] }>()
    const s = list.items.find((x) => x.appeal.id === a.id)!
    expect(s).toBeDefined()
    expect((await t.request(await as('worker2'), 'GET', `/api/v1/supervisions/${s.id}`)).statusCode).toBe(404)
    expect((await t.request(await as('community'), 'POST', `/api/v1/supervisions/${s.id}/close`, {})).json().code).toBe('SUPERVISION_NOT_ANSWERED')
    expect((await t.request(await as('community'), 'POST', `/api/v1/supervisions/${s.id}/answer`, { answer: 'x' })).statusCode).toBe(403)
    const answered = await t.request(await as('worker'), 'POST', `/api/v1/supervisions/${s.id}/answer`, { answer: '网格员当天已上门处理，补录受理' })
    expect(answered.statusCode, answered.body).toBe(200)
    expect(answered.json().status).toBe('answered')
    expect((await t.request(await as('worker'), 'POST', `/api/v1/supervisions/${s.id}/close`, {})).statusCode).toBe(403)
    const closed = await t.request(await as('community'), 'POST', `/api/v1/supervisions/${s.id}/close`, { note: '情况属实，督办办结' })
    expect(closed.json().status).toBe('closed')
    const timeline = (await getAppeal(t, await as('community'), a.id)).events!.map((e) => e.action)
    expect(timeline).toEqual(['submit', 'yellowCard', 'redCard', 'supervise', 'answerSupervision', 'closeSupervision'])

    // accepting late now finishes the step: no further cards for the response …
    const late = await act(t, await as('worker'), await getAppeal(t, await as('worker'), a.id), 'accept')
    expect(late.status).toBe('accepted')
    expect(late.deadlines.dispatchDueAt).toBe('2026-11-26T09:30:00.000+08:00')
    t.clock.set('2026-11-30T09:30:00+08:00')
    await sweep()
    expect(await eventsOf(a.id, 'yellowCard', 'response')).toBe(1)
    expect(await eventsOf(a.id, 'redCard', 'response')).toBe(1)
    // … while the community's dispatch, left waiting past twice its one working day, has its own cards
    expect(await eventsOf(a.id, 'yellowCard', 'dispatch')).toBe(1)
    expect(await eventsOf(a.id, 'redCard', 'dispatch')).toBe(1)
    const waiting = await getAppeal(t, await as('community'), a.id)
    expect(waiting.overdue).toEqual({ response: true, resolve: false, resolvedLate: false, dispatch: true, review: false })
    expect(waiting.supervisions!.at(-1)).toMatchObject({ reason: 'redCard', step: 'dispatch', level: 'street', target: 'community' })
  })
})

describe('超期未办结 and 超期办结', () => {
  it('a handler past the resolve limit gets a yellow card; resolving late marks 超期办结', async () => {
    t.clock.set(TEST_START)
    const a = await appealIn('in_progress') // yellow colour: resolve in 5 working days → next Monday 09:30
    expect(a.deadlines.resolveDueAt).toBe('2026-11-30T09:30:00.000+08:00')
    t.clock.set('2026-11-30T10:00:00+08:00')
    await sweep()
    const seen = await getAppeal(t, await as('community'), a.id)
    expect(seen.overdue).toEqual({ response: false, resolve: true, resolvedLate: false, dispatch: false, review: false })
    expect(await inbox('property', 'yellowCard', a.id)).toBe(1)
    const resolved = await act(t, await as('property'), await getAppeal(t, await as('property'), a.id), 'resolve', { result: '已修复' })
    // 超期未办结 has become 超期办结
    expect(resolved.overdue).toEqual({ response: false, resolve: false, resolvedLate: true, dispatch: false, review: false })
    expect(resolved.events!.at(-1)!.fields).toMatchObject({ late: true })
  })

  it('resolving on time marks nothing', async () => {
    t.clock.set(TEST_START)
    let a = await appealIn('in_progress')
    t.clock.set('2026-11-27T10:00:00+08:00')
    a = await act(t, await as('property'), a, 'resolve', { result: '按期修复' })
    t.clock.set('2026-12-10T10:00:00+08:00')
    await sweep()
    const seen = await getAppeal(t, await as('community'), a.id)
    expect(seen.overdue.resolve).toBe(false)
    expect(seen.overdue.resolvedLate).toBe(false)
  })
})

describe('a second unsatisfied rating raises a supervision; 结案说明 ends it', () => {
  it('goes to the street for community-level handling', async () => {
    t.clock.set(TEST_START)
    let a = await appealIn('reopened') // first unsatisfied
    expect(a.supervisions ?? []).toEqual([])
    a = await act(t, await as('property'), a, 'resolve', { result: '再次维修' })
    a = await act(t, await as('worker'), a, 'verify')
    a = await act(t, await as('community'), a, 'reply', { message: '已再次维修' })
    a = await act(t, await as('resident'), a, 'rate', { rating: 'unsatisfied', comment: '还是坏' })
    expect(a.status).toBe('reopened')
    const seen = await getAppeal(t, await as('street'), a.id)
    expect(seen.supervisions).toEqual([expect.objectContaining({ reason: 'unsatisfied', level: 'street', supervisorCode: FACTORY_STREET, status: 'open' })])
    expect(seen.allowedActions).toContain('closeWithExplanation')
    expect(await inbox('street', 'supervision', a.id)).toBe(1)
    // the community cannot close with explanation; another street cannot even see it
    expect((await actRaw(t, await as('community'), seen, 'closeWithExplanation', { explanation: 'x' })).statusCode).toBe(403)
    expect((await actRaw(t, await as('otherStreet'), seen, 'closeWithExplanation', { explanation: 'x' })).statusCode).toBe(404)
    const closed = await act(t, await as('street'), seen, 'closeWithExplanation', {
      explanation: '电梯已整体更换，经第三方检测合格，群众诉求超出物业责任范围部分已另行答复',
    })
    expect(closed).toMatchObject({ status: 'closed', closeReason: 'explained' })
    expect(closed.supervisions![0]).toMatchObject({ status: 'closed' })
  })

  it('without a supervision there is nothing to explain', async () => {
    const a = await appealIn('reopened')
    const res = await actRaw(t, await as('street'), a, 'closeWithExplanation', { explanation: 'x' })
    expect(res.statusCode).toBe(422)
    expect(res.json().code).toBe('NO_OPEN_SUPERVISION')
  })
})

describe('auto-close', () => {
  it('closes a replied appeal 7 days later as unrated, once', async () => {
    t.clock.set(TEST_START)
    const a = await appealIn('replied')
    expect(a.deadlines.autoCloseAt).toBe('2026-11-30T09:30:00.000+08:00')
    t.clock.set('2026-11-30T09:29:00+08:00')
    await sweep()
    expect((await getAppeal(t, await as('community'), a.id)).status).toBe('replied')
    t.clock.set('2026-11-30T09:31:00+08:00')
    const r1 = await sweep()
    const r2 = await sweep()
    expect(r1.autoClosed).toBeGreaterThanOrEqual(1)
    expect(r2.autoClosed).toBe(0)
    const closed = await getAppeal(t, await as('community'), a.id)
    expect(closed).toMatchObject({ status: 'closed', closeReason: 'unrated' })
    expect(closed.events!.filter((e) => e.action === 'autoClose')).toHaveLength(1)
    expect(closed.events!.at(-1)!.actor.role).toBe('system')
  })
})

describe('two instances on one PostgreSQL', () => {
  it.runIf(!!process.env.DATABASE_URL)('sweeping at the same time from two instances fires everything exactly once', async () => {
    t.clock.set(TEST_START)
    const made: Appeal[] = []
    for (let i = 0; i < 6; i++) made.push(await submitAppeal(t, await as('resident'), { title: `并发测试${i}`, description: '两实例同时扫描' }))
    const other = await openDatabase({ databaseUrl: t.database.pool!.options.connectionString!, poolSize: 5 })
    try {
      const second: AppDeps = { ...t.deps, database: other }
      const sweepFromBoth = async () => {
        await Promise.all([sweepDeadlines(t.deps, 2), sweepDeadlines(second, 2), sweepDeadlines(t.deps, 2), sweepDeadlines(second, 2)])
        await t.deps.outbox.idle()
      }
      // Past 70% of the response limit (Monday 15:27), before the limit (Tuesday 09:30): the warnings.
      // (Swept only once the limit has passed, a yellow card counts as the warning and none is sent.)
      t.clock.set('2026-11-23T16:00:00+08:00')
      await sweepFromBoth()
      t.clock.set('2026-11-26T10:00:00+08:00') // past twice the response limit of all of them
      await sweepFromBoth()
      for (const a of made) {
        expect(await eventsOf(a.id, 'yellowCard'), a.id).toBe(1)
        expect(await eventsOf(a.id, 'redCard'), a.id).toBe(1)
        expect(await eventsOf(a.id, 'supervise'), a.id).toBe(1)
        expect(await inbox('worker', 'warning', a.id)).toBe(1)
        expect(await inbox('worker', 'yellowCard', a.id)).toBe(1)
      }
      const [sup] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM supervision WHERE appeal_id IN (${sql.join(made.map((m) => sql`${Number(m.id)}`), sql`, `)})`)
      expect(sup!.n).toBe(made.length)

      // and only one of two job runners leads; when it stops, the other takes over
      const r1 = createJobRunner(t.deps)
      const r2 = createJobRunner(second)
      await r1.tick()
      await r2.tick()
      expect([r1.isLeader(), r2.isLeader()]).toEqual([true, false])
      await r1.stop()
      await r2.tick()
      expect(r2.isLeader()).toBe(true)
      await r2.stop()
    } finally {
      await other.close()
    }
  })
})
