/**
 * 红黑榜 through the HTTP API, on the controllable clock: the red list counts only service points of the
 * month (never a community's manual award), the black list names confirmed 双报到 members with no service
 * in the last N months (not those registered less than N months ago), a draft is seen only by staff until
 * the community confirms it, and the confirmation says who and when.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HonourBoard } from '#contracts/points'
import {
  buildCommunity,
  buildConfirmedMember,
  buildGrid,
  buildPlaceAccount,
  buildResident,
  creditServiceAs,
  type BuiltAccount,
  type BuiltPlace,
  type BuiltResident,
} from '../../../test/factories'
import { createTestApp, TEST_START, type TestApp } from '../../../test/setup'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => t?.close())

type Member = Awaited<ReturnType<typeof buildConfirmedMember>>

// A story on one clock: each step builds on the one before, so its steps keep their order.
describe('a community computes, confirms and publishes its monthly 红黑榜', { shuffle: false }, () => {
  let home: BuiltPlace
  let community: BuiltAccount
  let otherCommunity: BuiltAccount
  /** served four months ago, nothing since */
  let lapsed: Member
  /** served last month */
  let active: Member
  /** registered six months ago, never served */
  let idle: Member
  /** registered only last month, no service yet */
  let newcomer: Member
  let volunteer: BuiltResident
  let board: HonourBoard

  const service = (earnerId: number, kind: 'activity' | 'wish' | 'visit', occurredAt: string, quantity = 1) =>
    creditServiceAs(t, community, { earnerUserId: earnerId, communityCode: home.code, source: { kind, id: `${kind}-${earnerId}-${occurredAt}` }, quantity, occurredAt: new Date(occurredAt), reason: '测试服务' })

  const names = (b: HonourBoard) => ({ red: b.red.map((r) => [r.name, r.points]), black: b.black?.map((m) => m.name) ?? null })

  beforeAll(async () => {
    t.clock.set(TEST_START) // Monday 2026-11-23
    home = await buildCommunity(t)
    community = await buildPlaceAccount(t, home, 'community')
    otherCommunity = await buildPlaceAccount(t, await buildCommunity(t), 'community')
    lapsed = await buildConfirmedMember(t, home, community, { at: '2026-05-11T10:00:00+08:00' })
    active = await buildConfirmedMember(t, home, community, { at: '2026-05-11T10:00:00+08:00' })
    idle = await buildConfirmedMember(t, home, community, { at: '2026-05-12T10:00:00+08:00' })
    newcomer = await buildConfirmedMember(t, home, community, { at: '2026-10-20T10:00:00+08:00' })
    volunteer = await buildResident(t, { grid: await buildGrid(t, { community: home }) })

    await service(lapsed.account.id, 'activity', '2026-07-15T15:00:00+08:00', 2)
    await service(active.account.id, 'visit', '2026-10-15T15:00:00+08:00')
    await service(active.account.id, 'wish', '2026-11-10T15:00:00+08:00')
    await service(volunteer.account.id, 'activity', '2026-11-05T09:00:00+08:00', 3)
    // a community's manual award is not service: it never puts anyone on the red list or off the black list
    const award = await t.request(community.token, 'POST', '/api/v1/points/awards', { earnerId: String(lapsed.account.id), points: 100, reason: '社区表彰' })
    expect(award.statusCode, award.body).toBe(201)
  })

  it('the draft: red = this month’s service points; black = confirmed members with no service in 3 months, not the newcomer', async () => {
    const res = await t.request(await community.login(), 'POST', '/api/v1/points/boards', { communityCode: home.code, month: '2026-11' })
    expect(res.statusCode, res.body).toBe(201)
    board = res.json<HonourBoard>()
    expect(board).toMatchObject({ status: 'draft', statusName: '待确认', month: '2026-11', blackListMonths: 3, confirmedAt: null, allowedActions: ['recompute', 'confirm'] })
    expect(names(board)).toEqual({
      red: [
        [volunteer.name, 30],
        [active.name, 20],
      ],
      black: [lapsed.name, idle.name],
    })
    expect(board.black!.find((m) => m.name === lapsed.name)!.lastServiceAt).toBe('2026-07-15T15:00:00.000+08:00')
    expect(board.black!.find((m) => m.name === idle.name)!.lastServiceAt).toBeNull()
    expect(board.events!.map((e) => [e.action, e.toStatus])).toEqual([['compute', 'draft']])
  })

  it('the draft is invisible to the community’s party members and residents, and to another community', async () => {
    for (const token of [await active.account.login(), await volunteer.account.login(), await otherCommunity.login()]) {
      expect((await t.request(token, 'GET', `/api/v1/points/boards/${board.id}`)).statusCode).toBe(404)
      const act = await t.request(token, 'POST', `/api/v1/points/boards/${board.id}/actions`, { action: 'confirm', version: board.version })
      expect(act.statusCode).toBe(404)
    }
    const listed = await t.request(await active.account.login(), 'GET', '/api/v1/points/boards')
    expect(listed.statusCode, listed.body).toBe(200)
    expect(listed.json<{ items: HonourBoard[] }>().items).toEqual([])
  })

  it('a second board for the month is 409; a month not yet begun is 422', async () => {
    const token = await community.login()
    const again = await t.request(token, 'POST', '/api/v1/points/boards', { communityCode: home.code, month: '2026-11' })
    expect([again.statusCode, again.json().code]).toEqual([409, 'BOARD_EXISTS'])
    const future = await t.request(token, 'POST', '/api/v1/points/boards', { communityCode: home.code, month: '2026-12' })
    expect([future.statusCode, future.json().code]).toEqual([422, 'BOARD_MONTH_NOT_STARTED'])
    const elsewhere = await t.request(await otherCommunity.login(), 'POST', '/api/v1/points/boards', { communityCode: home.code, month: '2026-11' })
    expect(elsewhere.statusCode).toBe(404)
  })

  it('recomputed after more service: the lapsed member serves today and leaves the black list', async () => {
    t.clock.set('2026-11-25T10:00:00+08:00')
    await service(lapsed.account.id, 'visit', '2026-11-25T09:00:00+08:00')
    const res = await t.request(await community.login(), 'POST', `/api/v1/points/boards/${board.id}/actions`, { action: 'recompute', version: board.version })
    expect(res.statusCode, res.body).toBe(200)
    board = res.json<HonourBoard>()
    expect(names(board)).toEqual({
      red: [
        [volunteer.name, 30],
        [active.name, 20],
        [lapsed.name, 5],
      ],
      black: [idle.name],
    })
    expect(board.asOf).toBe('2026-11-25T10:00:00.000+08:00')
  })

  it('confirmed by the community (the secretary): published with who and when; a stale version is 409', async () => {
    const token = await community.login()
    const stale = await t.request(token, 'POST', `/api/v1/points/boards/${board.id}/actions`, { action: 'confirm', version: board.version - 1 })
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'VERSION_CONFLICT'])
    const res = await t.request(token, 'POST', `/api/v1/points/boards/${board.id}/actions`, { action: 'confirm', version: board.version, note: '经社区党委会议研究确认' })
    expect(res.statusCode, res.body).toBe(200)
    board = res.json<HonourBoard>()
    expect(board).toMatchObject({ status: 'published', statusName: '已发布', confirmedBy: community.displayName, confirmedAt: '2026-11-25T10:00:00.000+08:00', allowedActions: ['withdraw'] })
    expect(board.events!.map((e) => [e.action, e.actor.role])).toEqual([
      ['compute', 'community'],
      ['recompute', 'community'],
      ['confirm', 'community'],
    ])
  })

  it('published: members of the community see it with the black list; residents see the red list only, residents named by surname', async () => {
    const listed = (await t.request(await active.account.login(), 'GET', '/api/v1/points/boards?withTotal=true')).json<{ items: HonourBoard[]; total: number }>()
    expect(listed.total).toBe(1)
    const member = listed.items
    expect(member.map((b) => b.id)).toEqual([board.id])
    expect(member[0]!.black!.map((m) => m.name)).toEqual([idle.name])
    expect(member[0]!.allowedActions).toEqual([])
    expect(member[0]!.red[0]!.name).toBe(`${Array.from(volunteer.name)[0]}*`)

    const resident = await t.request(await volunteer.account.login(), 'GET', `/api/v1/points/boards/${board.id}`)
    expect(resident.statusCode, resident.body).toBe(200)
    expect(resident.json<HonourBoard>()).toMatchObject({ status: 'published', black: null })
    expect(resident.json<HonourBoard>().red.map((r) => r.name)).toEqual([`${Array.from(volunteer.name)[0]}*`, active.name, lapsed.name])
    // a member may not withdraw it
    const refused = await t.request(await active.account.login(), 'POST', `/api/v1/points/boards/${board.id}/actions`, { action: 'withdraw', version: board.version, reason: '不同意' })
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'FORBIDDEN_ACTION'])
  })

  it('three months on, the newcomer’s grace is over: on January’s black list; the active member, who served in November, is not', async () => {
    t.clock.set('2027-02-01T09:00:00+08:00')
    const res = await t.request(await community.login(), 'POST', '/api/v1/points/boards', { communityCode: home.code, month: '2027-01' })
    expect(res.statusCode, res.body).toBe(201)
    const jan = res.json<HonourBoard>()
    // counted as of the month's end
    expect(jan.asOf).toBe('2027-02-01T00:00:00.000+08:00')
    expect(jan.red).toEqual([])
    expect(jan.black!.map((m) => m.name)).toEqual([idle.name, newcomer.name])
  })

  it('withdrawn: members no longer see it, and the month can be computed again', async () => {
    const token = await community.login()
    const res = await t.request(token, 'POST', `/api/v1/points/boards/${board.id}/actions`, { action: 'withdraw', version: board.version, reason: '名单有误' })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json<HonourBoard>()).toMatchObject({ status: 'withdrawn', allowedActions: [] })
    expect((await t.request(await active.account.login(), 'GET', `/api/v1/points/boards/${board.id}`)).statusCode).toBe(404)
    const redo = await t.request(token, 'POST', '/api/v1/points/boards', { communityCode: home.code, month: '2026-11' })
    expect(redo.statusCode, redo.body).toBe(201)
    // counted as of November's end: the lapsed member's visit of the 25th still counts
    expect(names(redo.json<HonourBoard>()).black).toEqual([idle.name])
  })
})

describe('a reversed service is no service', () => {
  it('it leaves the red list, and a member whose only service was reversed is on the black list', async () => {
    t.clock.set(TEST_START)
    const home = await buildCommunity(t)
    const community = await buildPlaceAccount(t, home, 'community')
    const member = await buildConfirmedMember(t, home, community, { at: '2026-06-01T10:00:00+08:00' })
    const { entryId } = await creditServiceAs(t, community, {
      earnerUserId: member.account.id,
      communityCode: home.code,
      source: { kind: 'activity', id: 'reversed-1' },
      quantity: 3,
      occurredAt: new Date('2026-11-10T10:00:00+08:00'),
      reason: '登记错了人',
    })
    const token = await community.login()
    const reversed = await t.request(token, 'POST', `/api/v1/points/entries/${entryId}/reverse`, { reason: '登记错了人' })
    expect(reversed.statusCode, reversed.body).toBe(201)
    const res = await t.request(token, 'POST', '/api/v1/points/boards', { communityCode: home.code, month: '2026-11' })
    expect(res.statusCode, res.body).toBe(201)
    const board = res.json<HonourBoard>()
    expect(board.red).toEqual([])
    expect(board.black!.map((m) => [m.name, m.lastServiceAt])).toEqual([[member.name, null]])
  })
})
