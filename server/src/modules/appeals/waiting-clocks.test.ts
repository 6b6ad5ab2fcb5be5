/**
 * No step waits without a clock: after the grid accepts, the community's dispatch (社区分单) has one
 * working day; after the community escalates, the street's review (街道审单) has one working day. Each
 * gets the 70% warning, the yellow card at the limit, the red card and a supervision by the next level
 * at twice the limit, and counts in the overdue kinds the statistics report (超期未分派, 超期未审单).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Appeal } from '#contracts/appeals'
import type { StatsOverview } from '#contracts/stats'
import { buildAppeal, buildPlaceAccount, relogin } from '../../../test/factories'
import { createTestApp, TEST_START, type TestApp } from '../../../test/setup'
import { sweepDeadlines } from '../../jobs/deadline-sweeper'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => t?.close())

const get = async (token: string, id: string) => (await t.request(token, 'GET', `/api/v1/appeals/${id}`)).json<Appeal>()
const kinds = async (token: string, id: string) =>
  (await t.request(token, 'GET', '/api/v1/notifications?limit=100')).json<{ items: { kind: string; appealId: string | null }[] }>().items
    .filter((n) => n.appealId === id)
    .map((n) => n.kind)
    .sort()
const cards = (a: Appeal, step: string) => a.events!.filter((e) => (e.action === 'yellowCard' || e.action === 'redCard') && e.fields.step === step).map((e) => e.action)
async function act(token: string, a: Appeal, action: string, fields: Record<string, unknown> = {}) {
  const res = await t.request(token, 'POST', `/api/v1/appeals/${a.id}/actions`, { action, version: a.version, ...fields })
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200)
  return res.json<Appeal>()
}

describe('社区分单: the community has one working day to dispatch', () => {
  it('warned at 70%, carded at the limit, red-carded with a street supervision at twice it; dispatching late is 超期未分派', async () => {
    t.clock.set(TEST_START) // Monday 09:30
    const { appeal, community } = await buildAppeal(t, { status: 'accepted' })
    const street = await buildPlaceAccount(t, { code: appeal.place.streetCode }, 'street')
    expect(appeal.deadlines.dispatchDueAt).toBe('2026-11-24T09:30:00.000+08:00')
    // the accept event keeps it, so the timeline can later say how long the dispatch took against it
    expect(appeal.events!.find((e) => e.action === 'accept')!.fields.dispatchDueAt).toBe('2026-11-24T09:30:00.000+08:00')

    t.clock.set('2026-11-24T07:00:00+08:00') // 70% of the working day used (Mon 09:30 → Tue 07:00 is 8 h of 8.5 working h)
    await sweepDeadlines(t.deps)
    expect(await kinds(await relogin(t, community), appeal.id)).toContain('warning')

    t.clock.set('2026-11-24T09:31:00+08:00')
    await sweepDeadlines(t.deps)
    let seen = await get(await relogin(t, community), appeal.id)
    expect(seen.card).toBe('yellow')
    expect(seen.overdue.dispatch).toBe(true)
    expect(cards(seen, 'dispatch')).toEqual(['yellowCard'])
    expect(seen.events!.find((e) => e.action === 'yellowCard')!.fields).toMatchObject({ step: 'dispatch', overdue: '超期未分派' })
    expect(await kinds(await relogin(t, street), appeal.id)).toEqual(['yellowCard'])

    t.clock.set('2026-11-25T09:31:00+08:00') // twice the limit
    await sweepDeadlines(t.deps)
    await sweepDeadlines(t.deps)
    seen = await get(await relogin(t, community), appeal.id)
    expect(seen.card).toBe('red')
    expect(cards(seen, 'dispatch')).toEqual(['yellowCard', 'redCard'])
    expect(seen.supervisions).toEqual([expect.objectContaining({ reason: 'redCard', step: 'dispatch', level: 'street', target: 'community', status: 'open' })])
    const streetToken = await relogin(t, street)
    expect(await kinds(streetToken, appeal.id)).toEqual(['supervision', 'yellowCard'])

    // the statistics count it among the overdue kinds, for the community and the street
    const stats = (await t.request(streetToken, 'GET', `/api/v1/stats/overview?place=${appeal.place.communityCode}&from=2026-11-23&to=2026-11-26`)).json<StatsOverview>()
    expect(stats.figures.overdue).toEqual({ response: 0, resolve: 0, resolvedLate: 0, dispatch: 1, review: 0 })
  })

  it('dispatching in time leaves no mark, and the dispatch deadline is gone once dispatched', async () => {
    t.clock.set(TEST_START)
    const { appeal } = await buildAppeal(t, { status: 'assigned' })
    expect(appeal.deadlines.dispatchDueAt).toBeNull()
    t.clock.set('2026-11-27T09:31:00+08:00')
    await sweepDeadlines(t.deps)
    const seen = await get((await t.login('hc_jd')), appeal.id)
    expect(seen.overdue.dispatch).toBe(false)
    expect(cards(seen, 'dispatch')).toEqual([])
  })
})

describe('街道审单: the street has one working day to decide an escalated appeal', () => {
  it('carded and supervised by the county when it sits on it; deciding ends the clock, and late is 超期未审单', async () => {
    t.clock.set(TEST_START)
    const { appeal, community } = await buildAppeal(t, { status: 'accepted' })
    const escalated = await act(community.token, appeal, 'escalate', { reason: '涉及多个部门，需街道协调' })
    expect(escalated.status).toBe('street_review')
    expect(escalated.deadlines).toMatchObject({ reviewDueAt: '2026-11-24T09:30:00.000+08:00', dispatchDueAt: null })
    expect(escalated.events!.at(-1)!.fields).toMatchObject({ reviewDueAt: '2026-11-24T09:30:00.000+08:00' })
    const street = await buildPlaceAccount(t, { code: appeal.place.streetCode }, 'street')
    const county = await buildPlaceAccount(t, { code: appeal.place.countyCode }, 'county')

    t.clock.set('2026-11-25T09:31:00+08:00')
    await sweepDeadlines(t.deps)
    const streetToken = await relogin(t, street)
    let seen = await get(streetToken, appeal.id)
    expect(cards(seen, 'review')).toEqual(['yellowCard', 'redCard'])
    expect(seen.overdue.review).toBe(true)
    expect(seen.supervisions).toEqual([expect.objectContaining({ reason: 'redCard', step: 'review', level: 'county', target: 'street' })])
    expect(await kinds(await relogin(t, county), appeal.id)).toEqual(['supervision', 'yellowCard'])

    // the street whistles at last: the review step is finished, no further cards
    seen = await act(streetToken, seen, 'whistle', { departmentIds: ['520423-zjj'] })
    expect(seen.deadlines.reviewDueAt).toBeNull()
    t.clock.set('2026-11-27T09:31:00+08:00')
    await sweepDeadlines(t.deps)
    expect(cards(await get(await relogin(t, street), appeal.id), 'review')).toEqual(['yellowCard', 'redCard'])
  })

  it('a return to the street puts the appeal back in its queue, with the clock again', async () => {
    t.clock.set(TEST_START)
    const { appeal, community } = await buildAppeal(t, { status: 'accepted' })
    const street = await buildPlaceAccount(t, { code: appeal.place.streetCode }, 'street')
    let a = await act(community.token, appeal, 'escalate', { reason: '需街道协调' })
    a = await act(street.token, a, 'whistle', { departmentIds: ['520423-zjj'] })
    t.clock.set('2026-11-23T14:00:00+08:00')
    const zjjNow = await t.login('zn_zjj')
    a = await act(zjjNow, await get(zjjNow, a.id), 'return', { reason: '不属于本部门职责' })
    expect(a.status).toBe('street_review')
    expect(a.deadlines.reviewDueAt).toBe('2026-11-24T14:00:00.000+08:00')
  })
})
