/**
 * 党建+积分 credited by the services that record the work, in their own transaction, at the county's
 * default prices (activity 10 an hour, wish 20, visit 5, appeal 10): a volunteer's check-out, a wish
 * fulfilled, a pledged household visited, an appeal a party member took and resolved once the grid's check
 * passes. A repeated or refused action credits nothing; a resident's booking and a failed check earn nothing.
 */
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Appeal } from '#contracts/appeals'
import type { PointsAccount, PointsEntry } from '#contracts/points'
import type { CreatedPledges } from '#contracts/pledges'
import type { Activity, Signup } from '#contracts/volunteers'
import type { Wish } from '#contracts/wishes'
import { rowsOf } from '../../db/client'
import { uploadPhoto } from '../../../test/appeal-helpers'
import {
  buildAppeal,
  buildBuildingWithHouseholds,
  buildCast,
  buildGrid,
  buildPartyMember,
  buildPlaceAccount,
  buildRegisteredMember,
  buildResident,
  buildWish,
  type BuiltAccount,
} from '../../../test/factories'
import { createTestApp, type TestApp } from '../../../test/setup'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => t?.close())

const HOUR = 3_600_000
const inHours = (h: number) => new Date(t.clock.now().getTime() + h * HOUR).toISOString()

async function account(who: BuiltAccount): Promise<PointsAccount> {
  const res = await t.request(await who.login(), 'GET', `/api/v1/points/accounts/${who.id}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json<PointsAccount>()
}
async function entries(who: BuiltAccount): Promise<PointsEntry[]> {
  const res = await t.request(await who.login(), 'GET', `/api/v1/points/accounts/${who.id}/entries?limit=100`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json<{ items: PointsEntry[] }>().items
}
async function ledgerSize(): Promise<number> {
  const [r] = rowsOf<{ n: number }>(await t.database.db.execute(sql`SELECT count(*)::int AS n FROM points_entry`))
  return Number(r!.n)
}
async function ok<T>(res: { statusCode: number; body: string; json: <U>() => U }, status = 200): Promise<T> {
  expect(res.statusCode, res.body).toBe(status)
  return res.json<T>()
}

describe('volunteer check-out', () => {
  async function activity(o: { kind?: string } = {}) {
    const grid = await buildGrid(t)
    const community = await buildPlaceAccount(t, grid.community, 'community')
    const a = await ok<Activity>(
      await t.request(await community.login(), 'POST', '/api/v1/volunteers/activities', {
        communityCode: grid.community.code,
        title: '敬老院义务理发',
        description: '为老人理发',
        venue: '敬老院',
        startsAt: inHours(1),
        endsAt: inHours(4),
        slots: 3,
        kind: o.kind ?? 'afterHours',
      }),
      201,
    )
    return { grid, community, a }
  }
  const act = async (token: string, s: Pick<Signup, 'id' | 'version'>, action: string, fields: Record<string, unknown> = {}) =>
    t.request(token, 'POST', `/api/v1/volunteers/signups/${s.id}/actions`, { action, version: s.version, ...fields })

  it('2.5 hours served credit 25 points to the volunteer, once: a second check-out is refused and credits nothing', async () => {
    const { grid, community, a } = await activity()
    const m = await buildPartyMember(t, grid.community)
    let s = await ok<Signup>(await t.request(await m.account.login(), 'POST', `/api/v1/volunteers/activities/${a.id}/signups`), 201)
    t.clock.advance(HOUR)
    s = await ok<Signup>(await act(await community.login(), s, 'checkIn'))
    t.clock.advanceMinutes(150)
    s = await ok<Signup>(await act(await community.login(), s, 'checkOut'))
    expect(s.hours).toBe(2.5)
    expect(await account(m.account)).toMatchObject({ balance: 25, earned: 25 })
    expect((await entries(m.account)).map((e) => [e.kind, e.points, e.reason])).toEqual([['activity', 25, '参加“敬老院义务理发”志愿服务 2.5 小时']])

    const before = await ledgerSize()
    const again = await act(await community.login(), s, 'checkOut')
    expect(again.statusCode).toBe(422)
    expect(await ledgerSize()).toBe(before)
    // the organiser's later correction leaves the credited entry as it stands (put right by 冲正 / 奖励)
    s = await ok<Signup>(await act(await community.login(), s, 'correctHours', { hours: 3, reason: '提前到场布置' }))
    expect(s.hours).toBe(3)
    expect((await account(m.account)).balance).toBe(25)
    expect(await ledgerSize()).toBe(before)
  })

  it('a check-out that credits no time earns nothing; the first correction to a positive figure credits it', async () => {
    const { grid, community, a } = await activity()
    const m = await buildPartyMember(t, grid.community)
    let s = await ok<Signup>(await t.request(await m.account.login(), 'POST', `/api/v1/volunteers/activities/${a.id}/signups`), 201)
    t.clock.advance(HOUR)
    s = await ok<Signup>(await act(await community.login(), s, 'checkIn'))
    t.clock.advanceMinutes(10)
    s = await ok<Signup>(await act(await community.login(), s, 'checkOut'))
    expect(s.hours).toBe(0)
    expect((await account(m.account)).balance).toBe(0)
    expect((await ok<Signup>(await act(await community.login(), s, 'correctHours', { hours: 2, reason: '签退时系统故障' }))).hours).toBe(2)
    expect((await account(m.account)).balance).toBe(20)
  })

  it('a resident’s booking (预约) is not volunteering: checked out, no points', async () => {
    const { grid, community, a } = await activity({ kind: 'booking' })
    const r = await buildResident(t, { grid })
    let s = await ok<Signup>(await t.request(await r.account.login(), 'POST', `/api/v1/volunteers/activities/${a.id}/signups`), 201)
    t.clock.advance(HOUR)
    s = await ok<Signup>(await act(await community.login(), s, 'checkIn'))
    t.clock.advance(2 * HOUR)
    const before = await ledgerSize()
    s = await ok<Signup>(await act(await community.login(), s, 'checkOut'))
    expect(s.status).toBe('completed')
    expect(await ledgerSize()).toBe(before)
  })
})

describe('wish fulfilled', () => {
  it('credits 20 points to the claimant’s account; fulfilling again is refused and credits nothing', async () => {
    const grid = await buildGrid(t)
    const community = await buildPlaceAccount(t, grid.community, 'community')
    const m = await buildPartyMember(t, grid.community)
    const published = await buildWish(t, community, { title: '给留守儿童送一套课外书' })
    let w = await ok<Wish>(await t.request(await m.account.login(), 'POST', `/api/v1/wishes/${published.id}/actions`, { action: 'claim', version: published.version }))
    expect((await account(m.account)).balance).toBe(0)
    const photo = await uploadPhoto(t, await m.account.login())
    w = await ok<Wish>(await t.request(await m.account.login(), 'POST', `/api/v1/wishes/${w.id}/actions`, { action: 'fulfil', version: w.version, photoIds: [photo] }))
    expect(w.status).toBe('fulfilled')
    expect(await account(m.account)).toMatchObject({ balance: 20, earned: 20 })
    expect((await entries(m.account)).map((e) => [e.kind, e.points, e.reason])).toEqual([['wish', 20, '完成微心愿：给留守儿童送一套课外书']])

    const before = await ledgerSize()
    const again = await t.request(await m.account.login(), 'POST', `/api/v1/wishes/${w.id}/actions`, { action: 'fulfil', version: w.version, photoIds: [photo] })
    expect(again.statusCode).toBe(422)
    expect(await ledgerSize()).toBe(before)
    expect((await account(m.account)).balance).toBe(20)
  })
})

describe('pledged household visited', () => {
  it('each visit credits 5 points to the visiting member; a refused visit credits nothing', async () => {
    const grid = await buildGrid(t)
    const community = await buildPlaceAccount(t, grid.community, 'community')
    const building = await buildBuildingWithHouseholds(t, grid)
    const member = await buildRegisteredMember(t, grid.community, community)
    const created = await ok<CreatedPledges>(
      await t.request(await member.account.login(), 'POST', '/api/v1/pledges', { householdIds: building.households.slice(0, 2).map((h) => String(h.id)) }),
      201,
    )
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(t.clock.now())
    const body = { visitedOn: today, situation: 'normal', finding: '家中一切正常' }
    for (const p of created.items) await ok(await t.request(await member.account.login(), 'POST', `/api/v1/pledges/${p.id}/visits`, body), 201)
    expect(await account(member.account)).toMatchObject({ balance: 10, earned: 10 })
    expect((await entries(member.account)).map((e) => [e.kind, e.points, e.reason])).toEqual([
      ['visit', 5, `走访包保户（${building.name}）`],
      ['visit', 5, `走访包保户（${building.name}）`],
    ])

    const before = await ledgerSize()
    const future = await t.request(await member.account.login(), 'POST', `/api/v1/pledges/${created.items[0]!.id}/visits`, { ...body, visitedOn: '2099-01-01' })
    expect(future.statusCode).toBe(422)
    const blank = await t.request(await member.account.login(), 'POST', `/api/v1/pledges/${created.items[0]!.id}/visits`, { ...body, finding: '   ' })
    expect(blank.statusCode).toBe(400)
    expect(await ledgerSize()).toBe(before)
    expect((await account(member.account)).balance).toBe(10)
  })
})

describe('appeal handled by a party member (党员接单)', () => {
  const act = async (token: string, a: Pick<Appeal, 'id' | 'version'>, action: string, fields: Record<string, unknown> = {}) =>
    ok<Appeal>(await t.request(token, 'POST', `/api/v1/appeals/${a.id}/actions`, { action, version: a.version, ...fields }))

  it('taken from the pool and resolved: 10 points once the grid’s check passes — none on a failed check, none more when reopened and verified again', async () => {
    const grid = await buildGrid(t)
    const cast = await buildCast(t, { grid })
    const { appeal } = await buildAppeal(t, { status: 'accepted', cast })
    const m = await buildPartyMember(t, grid.community)
    let a = await act(await cast.community.login(), appeal, 'dispatch', { assigneeType: 'partyMember', assigneeId: 'pool' })
    a = await act(await m.account.login(), a, 'claim')
    a = await act(await m.account.login(), a, 'resolve', { result: '已上门疏通下水道' })
    const before = await ledgerSize()
    a = await act(await cast.gridWorker.login(), a, 'verifyFail', { reason: '仍有堵塞' })
    expect(await ledgerSize()).toBe(before)
    expect((await account(m.account)).balance).toBe(0)
    a = await act(await m.account.login(), a, 'resolve', { result: '更换了下水管' })
    a = await act(await cast.gridWorker.login(), a, 'verify')
    expect(await account(m.account)).toMatchObject({ balance: 10, earned: 10 })
    expect((await entries(m.account)).map((e) => [e.kind, e.points, e.reason])).toEqual([['appeal', 10, `党员接单：${a.title}（${a.number}）`]])

    // the resident is not satisfied: reopened, resolved and verified again — the same appeal, no second credit
    a = await act(await cast.community.login(), a, 'reply', { message: '已处理，请评价' })
    a = await act(await cast.resident.account.login(), a, 'rate', { rating: 'unsatisfied' })
    expect(a.status).toBe('reopened')
    a = await act(await m.account.login(), a, 'resolve', { result: '重新铺设了排水管' })
    a = await act(await cast.gridWorker.login(), a, 'verify')
    expect(a.status).toBe('verified')
    expect((await account(m.account)).balance).toBe(10)
    expect(await entries(m.account)).toHaveLength(1)
  })

  it('an appeal handled by the grid worker credits nobody', async () => {
    const before = await ledgerSize()
    await buildAppeal(t, { status: 'verified' })
    expect(await ledgerSize()).toBe(before)
  })
})
