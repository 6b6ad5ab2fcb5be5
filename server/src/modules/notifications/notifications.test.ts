/**
 * The in-app inbox and the outbox (DOMAIN §3.2–3.4, ARCHITECTURE "Notifications"): the right people
 * hear of each step of an appeal — and no one else, never the actor — each reads only their own
 * inbox, marks it read and pages it by keyset; a lost claim race leaves a claimLost notice; the outbox
 * sends every notification exactly once however often it runs, and (on PostgreSQL) from two database
 * connections at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { createTestApp, TEST_START, type TestApp } from '../../../test/setup'
import { act, actRaw, getAppeal, submitAppeal } from '../../../test/appeal-helpers'
import {
  buildAdmin,
  buildAppeal,
  buildCast,
  buildDepartmentAccount,
  buildGrid,
  buildGridWorker,
  buildHouseholdLeader,
  buildPartyMember,
  buildPartyMemberRecord,
  buildPlaceAccount,
  buildPropertyCompany,
  buildResident,
  buildStreetAccount,
  buildTeam,
  FACTORY_COUNTY,
  type AppealCast,
  type BuiltAccount,
  type LoopStatus,
} from '../../../test/factories'
import { openDatabase, rowsOf, type Database } from '../../db/client'
import type { Appeal, Candidate } from '#contracts/appeals'
import type { Notification } from '#contracts/notifications'
import type { OutboundChannel } from './channel'
import type { NotificationRow } from './queries'
import { deliverOutbox } from './service'

const ZJJ = '520423-zjj'
const ZFJ = '520423-zhzfj'

let t: TestApp
/** A grid of a community in small: its resident, worker, head, community and the compound's property company. */
let cast: AppealCast
let resident: BuiltAccount
let worker: BuiltAccount
let head: BuiltAccount
let community: BuiltAccount
let property: BuiltAccount
/** The people who must hear nothing of that grid's appeals unless the appeal reaches them. */
let worker2: BuiltAccount // of another grid of the same community
let head2: BuiltAccount
let otherProperty: BuiltAccount // another company serving the same community
let otherCommunity: BuiltAccount
let otherWorker: BuiltAccount
let otherResident: BuiltAccount
let street: BuiltAccount // 环翠街道, the community's street
let otherStreet: BuiltAccount // 白马湖街道
let county: BuiltAccount
let zjj: BuiltAccount
let zfj: BuiltAccount
let partyMember: BuiltAccount // of the community, and in its volunteer team
let leader: BuiltAccount // the 联户长 of the resident's building
let sysadmin: BuiltAccount
let secadmin: BuiltAccount
let auditadmin: BuiltAccount

beforeAll(async () => {
  t = await createTestApp()
  cast = await buildCast(t)
  ;({ gridWorker: worker, gridHead: head, community } = cast)
  resident = cast.resident.account
  property = cast.property.account
  const home = cast.resident.grid.community
  const grid2 = await buildGrid(t, { community: home })
  worker2 = await buildGridWorker(t, grid2)
  head2 = await buildGridWorker(t, grid2, 'gridHead')
  otherProperty = (await buildPropertyCompany(t, home)).account
  const elsewhere = await buildResident(t)
  otherResident = elsewhere.account
  otherWorker = await buildGridWorker(t, elsewhere.grid)
  otherCommunity = await buildPlaceAccount(t, elsewhere.grid.community, 'community')
  street = await buildStreetAccount(t)
  otherStreet = await buildStreetAccount(t, '520423001')
  county = await buildPlaceAccount(t, { code: FACTORY_COUNTY }, 'county')
  zjj = await buildDepartmentAccount(t, ZJJ)
  zfj = await buildDepartmentAccount(t, ZFJ)
  partyMember = (await buildPartyMember(t, home)).account
  await buildTeam(t, home, [partyMember])
  leader = (await buildHouseholdLeader(t, [cast.resident])).account
  sysadmin = await buildAdmin(t, 'systemAdmin')
  secadmin = await buildAdmin(t, 'securityAdmin')
  auditadmin = await buildAdmin(t, 'auditAdmin')
})
afterAll(async () => t?.close())

/** A new grid of the cast's community with its worker and head: a fresh inbox. */
async function gridStaff() {
  const grid = await buildGrid(t, { community: cast.resident.grid.community })
  return { worker: await buildGridWorker(t, grid), head: await buildGridWorker(t, grid, 'gridHead') }
}

/** A fresh session of a built account (people log in when they act; the clock moves in places). */
const as = (who: BuiltAccount) => who.login()
/** An appeal of the cast's resident, dispatched to the compound's property company, brought to `status`. */
const appealIn = async (status: LoopStatus) => (await buildAppeal(t, { status, cast, handler: 'property' })).appeal

interface Inbox {
  items: Notification[]
  nextCursor: string | null
  unread: number
  total?: number
}

async function inbox(token: string, query = 'limit=100'): Promise<Inbox> {
  const res = await t.request(token, 'GET', `/api/v1/notifications?${query}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json<Inbox>()
}

/** Every notification of an account, newest first, following the cursor to the end. */
async function allOf(who: BuiltAccount): Promise<Notification[]> {
  const token = await as(who)
  const out: Notification[] = []
  let cursor: string | null = null
  do {
    const page: Inbox = await inbox(token, `limit=100${cursor ? `&cursor=${cursor}` : ''}`)
    out.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return out
}

/** The kinds an account has been told about one appeal, in the order they arrived. */
async function kindsOf(who: BuiltAccount, appealId: string): Promise<string[]> {
  return (await allOf(who))
    .filter((n) => n.appealId === appealId)
    .map((n) => n.kind)
    .reverse()
}

async function q<T>(s: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await t.database.db.execute(s))
}

async function notificationsOfAppeal(appealId: string): Promise<{ username: string; kind: string }[]> {
  return q(sql`
    SELECT u.username, n.kind FROM notification n JOIN user_account u ON u.id = n.user_id
    WHERE n.appeal_id = ${Number(appealId)} ORDER BY n.id`)
}

async function dispatchTo(a: Appeal, type: string, token?: string): Promise<Appeal> {
  const dispatcher = token ?? (await as(community))
  const cands = (await t.request(dispatcher, 'GET', `/api/v1/appeals/${a.id}/candidates?action=dispatch`)).json<Candidate[]>()
  const c = cands.find((x) => x.type === type)!
  return act(t, dispatcher, a, 'dispatch', { assigneeType: type, assigneeId: c.id })
}

describe('who is told what, step by step', () => {
  it('the everyday loop: grid staff, community, handler, resident — each at their step, no one else', async () => {
    t.clock.set(TEST_START)
    const raiser = await as(resident)
    let a = await submitAppeal(t, raiser, { title: '龙城印象1栋电梯坏了' })

    // submit → the grid's worker and head, not another grid's worker, not the submitter
    expect(await kindsOf(worker, a.id)).toEqual(['newAppeal'])
    expect(await kindsOf(head, a.id)).toEqual(['newAppeal'])
    expect(await kindsOf(worker2, a.id)).toEqual([])
    expect(await kindsOf(resident, a.id)).toEqual([])
    expect(await kindsOf(community, a.id)).toEqual([])
    const fresh = (await allOf(worker)).find((n) => n.appealId === a.id)!
    expect(fresh.title).toContain(a.number)
    expect(fresh.readAt).toBeNull()
    expect(fresh.createdAt).toBe('2026-11-23T09:30:00.000+08:00')
    expect(fresh.id).toMatch(/^[1-9][0-9]*$/)

    // accept → the community, to dispatch
    a = await act(t, await as(worker), a, 'accept')
    expect(await kindsOf(community, a.id)).toEqual(['toDispatch'])
    expect(await kindsOf(worker, a.id)).toEqual(['newAppeal'])

    // dispatch to the property company → its account; not the other company
    a = await dispatchTo(a, 'property')
    expect(a.assignee).toMatchObject({ type: 'property' })
    expect(await kindsOf(property, a.id)).toEqual(['assigned'])
    expect(await kindsOf(otherProperty, a.id)).toEqual([])

    // claim → nobody needs telling
    const before = (await notificationsOfAppeal(a.id)).length
    const wy = await as(property)
    a = await act(t, wy, a, 'claim')
    expect((await notificationsOfAppeal(a.id)).length).toBe(before)

    // resolve → the grid staff, to check on site
    a = await act(t, wy, a, 'resolve', { result: '已更换电梯控制板' })
    expect(await kindsOf(worker, a.id)).toEqual(['newAppeal', 'toVerify'])
    expect(await kindsOf(head, a.id)).toEqual(['newAppeal', 'toVerify'])
    expect(await kindsOf(worker2, a.id)).toEqual([])

    // verify (by the worker) → the community, to reply; the head hears nothing more
    a = await act(t, await as(worker), a, 'verify')
    expect(await kindsOf(community, a.id)).toEqual(['toDispatch', 'toReply'])
    expect(await kindsOf(head, a.id)).toEqual(['newAppeal', 'toVerify'])

    // reply → the resident who raised it
    a = await act(t, await as(community), a, 'reply', { message: '电梯已修复，感谢反映' })
    expect(await kindsOf(resident, a.id)).toEqual(['replied'])
    const replied = (await allOf(resident)).find((n) => n.appealId === a.id)!
    expect(replied.body).toContain('电梯已修复')

    // rate → the handler and the community
    a = await act(t, raiser, a, 'rate', { rating: 'satisfied' })
    expect(a.status).toBe('closed')
    expect(await kindsOf(property, a.id)).toEqual(['assigned', 'rated'])
    expect(await kindsOf(community, a.id)).toEqual(['toDispatch', 'toReply', 'rated'])
    expect(await kindsOf(resident, a.id)).toEqual(['replied'])

    // the whole record, and no outsider anywhere in it
    const record = await notificationsOfAppeal(a.id)
    expect(record.slice(0, 8)).toEqual([
      { username: worker.username, kind: 'newAppeal' },
      { username: head.username, kind: 'newAppeal' },
      { username: community.username, kind: 'toDispatch' },
      { username: property.username, kind: 'assigned' },
      { username: worker.username, kind: 'toVerify' },
      { username: head.username, kind: 'toVerify' },
      { username: community.username, kind: 'toReply' },
      { username: resident.username, kind: 'replied' },
    ])
    // the last step tells two accounts at once
    expect(record.slice(8).map((n) => `${n.username}:${n.kind}`).sort()).toEqual([`${community.username}:rated`, `${property.username}:rated`].sort())
    for (const outsider of [worker2, head2, otherCommunity, otherWorker, otherResident, street, county, zjj, otherProperty, partyMember, leader, sysadmin]) {
      expect(await kindsOf(outsider, a.id), outsider.username).toEqual([])
    }
  })

  it('the actor is never told of their own step: a grid worker’s own report goes to the grid head only', async () => {
    const a = await submitAppeal(t, await as(worker), { title: '巡查发现井盖松动', description: '路口井盖松动' })
    expect(await kindsOf(worker, a.id)).toEqual([])
    expect(await kindsOf(head, a.id)).toEqual(['newAppeal'])
    // and the head accepting it tells the community but not the worker, who did nothing
    await act(t, await as(head), a, 'accept')
    expect(await kindsOf(head, a.id)).toEqual(['newAppeal'])
    expect(await kindsOf(worker, a.id)).toEqual([])
    expect(await kindsOf(community, a.id)).toEqual(['toDispatch'])
  })

  it('a failed check goes back to the handler; an unsatisfied rating tells the handler and the community', async () => {
    let a = await appealIn('resolved')
    a = await act(t, await as(worker), a, 'verifyFail', { reason: '现场电梯仍然停运' })
    expect(a.status).toBe('in_progress')
    expect(await kindsOf(property, a.id)).toEqual(['assigned', 'returnedForWork'])
    const wy = await as(property)
    a = await act(t, wy, a, 'resolve', { result: '再次维修' })
    a = await act(t, await as(worker), a, 'verify')
    a = await act(t, await as(community), a, 'reply', { message: '已再次维修' })
    a = await act(t, await as(resident), a, 'rate', { rating: 'unsatisfied', comment: '还是坏的' })
    expect(a.status).toBe('reopened')
    expect(await kindsOf(property, a.id)).toEqual(['assigned', 'returnedForWork', 'rated'])
    expect(await kindsOf(community, a.id)).toEqual(['toDispatch', 'toReply', 'rated'])
    expect(await kindsOf(resident, a.id)).toEqual(['replied'])

    // a second unsatisfied rating raises a supervision to the street
    a = await act(t, wy, a, 'claim')
    a = await act(t, wy, a, 'resolve', { result: '第三次维修' })
    a = await act(t, await as(worker), a, 'verify')
    a = await act(t, await as(community), a, 'reply', { message: '已第三次维修' })
    a = await act(t, await as(resident), a, 'rate', { rating: 'unsatisfied' })
    expect(await kindsOf(street, a.id)).toEqual(['supervision'])
    expect(await kindsOf(resident, a.id)).toEqual(['replied', 'replied'])
    expect(await kindsOf(county, a.id)).toEqual([])
  })

  it('a return tells the dispatcher; an extension request tells the dispatcher and the decision the handler', async () => {
    let a = await appealIn('assigned')
    a = await act(t, await as(property), a, 'return', { reason: '不属于物业服务范围' })
    expect(a.status).toBe('accepted')
    expect(await kindsOf(community, a.id)).toEqual(['toDispatch', 'returned'])

    a = await dispatchTo(a, 'property')
    const wy = await as(property)
    a = await act(t, wy, a, 'claim')
    a = await act(t, wy, a, 'requestExtension', { days: 3, reason: '配件需从厂家调货' })
    expect(await kindsOf(community, a.id)).toEqual(['toDispatch', 'returned', 'extension'])
    a = await act(t, await as(community), a, 'approveExtension', {})
    expect(await kindsOf(property, a.id)).toEqual(['assigned', 'assigned', 'extension'])
  })

  it('escalation tells the street; a whistle tells each department, lead and assisting', async () => {
    let a = await appealIn('accepted')
    a = await act(t, await as(community), a, 'escalate', { reason: '涉及违建，需要街道协调' })
    expect(await kindsOf(street, a.id)).toEqual(['escalated'])
    expect(await kindsOf(otherStreet, a.id)).toEqual([])
    a = await act(t, await as(street), a, 'whistle', { departmentIds: [ZJJ, ZFJ] })
    expect(await kindsOf(zjj, a.id)).toEqual(['assigned'])
    expect(await kindsOf(zfj, a.id)).toEqual(['assigned'])
    const lead = (await allOf(zjj)).find((n) => n.appealId === a.id)!
    expect(lead.title).toContain('主办')
    const assist = (await allOf(zfj)).find((n) => n.appealId === a.id)!
    expect(assist.title).toContain('协办')
    expect(await kindsOf(street, a.id)).toEqual(['escalated'])
  })
})

describe('the inbox is private', () => {
  it('lists only the caller’s own notifications, and another’s cannot be read or marked', async () => {
    const a = await submitAppeal(t, await as(resident))
    const mine = await allOf(worker)
    const theirs = await allOf(head)
    const mineIds = new Set(mine.map((n) => n.id))
    expect(theirs.some((n) => mineIds.has(n.id))).toBe(false)
    expect((await allOf(worker2)).some((n) => mineIds.has(n.id))).toBe(false)
    expect((await allOf(resident)).some((n) => mineIds.has(n.id))).toBe(false)

    const target = mine.find((n) => n.appealId === a.id)!
    for (const other of [head, worker2, community, sysadmin, auditadmin]) {
      const res = await t.request(await as(other), 'POST', `/api/v1/notifications/${target.id}/read`)
      expect(res.statusCode, other.username).toBe(404)
      expect(res.json().code).toBe('NOT_FOUND')
    }
    // someone else's read-all does not touch it either
    await t.request(await as(head), 'POST', '/api/v1/notifications/read-all')
    expect((await allOf(worker)).find((n) => n.id === target.id)!.readAt).toBeNull()

    const wgy1 = await as(worker)
    expect((await t.request(wgy1, 'POST', '/api/v1/notifications/999999999/read')).statusCode).toBe(404)
    expect((await t.request(wgy1, 'POST', '/api/v1/notifications/abc/read')).statusCode).toBe(400)
    expect((await t.request(wgy1, 'POST', '/api/v1/notifications/0/read')).statusCode).toBe(400)
  })

  it('needs a session', async () => {
    expect((await t.request(null, 'GET', '/api/v1/notifications')).statusCode).toBe(401)
    expect((await t.request(null, 'POST', '/api/v1/notifications/read-all')).statusCode).toBe(401)
    expect((await t.request(null, 'POST', '/api/v1/notifications/1/read')).statusCode).toBe(401)
  })
})

describe('reading', () => {
  it('marks one read, then all; the unread count and the unread filter follow', async () => {
    t.clock.set(TEST_START)
    // a new grid's head hears of appeals its worker reports: a fresh inbox for this test
    const { worker: reporter, head: gridHead } = await gridStaff()
    const worker = await as(reporter)
    for (let i = 0; i < 3; i++) await submitAppeal(t, worker, { title: `巡查上报 ${i}`, description: '巡查发现的问题' })
    const head = await as(gridHead)
    let box = await inbox(head)
    expect(box.unread).toBe(3)
    expect(box.items).toHaveLength(3)
    expect(box.items.every((n) => n.kind === 'newAppeal' && n.readAt === null)).toBe(true)

    t.clock.advanceMinutes(5)
    const [first, second] = box.items
    const read = await t.request(head, 'POST', `/api/v1/notifications/${first!.id}/read`)
    expect(read.statusCode, read.body).toBe(200)
    expect(read.json<Notification>()).toMatchObject({ id: first!.id, kind: 'newAppeal', readAt: '2026-11-23T09:35:00.000+08:00' })
    box = await inbox(head)
    expect(box.unread).toBe(2)
    expect(box.items.find((n) => n.id === first!.id)!.readAt).toBe('2026-11-23T09:35:00.000+08:00')
    const unreadOnly = await inbox(head, 'unread=true')
    expect(unreadOnly.items.map((n) => n.id)).not.toContain(first!.id)
    expect(unreadOnly.items).toHaveLength(2)
    expect(unreadOnly.unread).toBe(2)

    // marking it again changes nothing (the first reading time stays)
    t.clock.advanceMinutes(1)
    const again = await t.request(head, 'POST', `/api/v1/notifications/${first!.id}/read`)
    expect(again.statusCode).toBe(200)
    expect(again.json<Notification>().readAt).toBe('2026-11-23T09:35:00.000+08:00')
    expect((await inbox(head)).unread).toBe(2)

    const all = await t.request(head, 'POST', '/api/v1/notifications/read-all')
    expect(all.statusCode, all.body).toBe(200)
    expect(all.json()).toEqual({ marked: 2 })
    box = await inbox(head)
    expect(box.unread).toBe(0)
    expect(box.items.every((n) => n.readAt !== null)).toBe(true)
    expect(box.items.find((n) => n.id === second!.id)!.readAt).toBe('2026-11-23T09:36:00.000+08:00')
    expect((await inbox(head, 'unread=true')).items).toEqual([])
    expect((await t.request(head, 'POST', '/api/v1/notifications/read-all')).json()).toEqual({ marked: 0 })

    // a new one is unread again
    await submitAppeal(t, await as(reporter), { title: '又一件', description: '巡查发现的问题' })
    expect((await inbox(head)).unread).toBe(1)
  })
})

describe('keyset paging', () => {
  it('pages newest first through notifications that share a timestamp, with no gap and no repeat', async () => {
    t.clock.set(TEST_START)
    // 5 groups of 3 at the same instant, a minute apart: a new grid's head gets 15 newAppeal notices
    const { worker: reporter, head: gridHead } = await gridStaff()
    for (let g = 0; g < 5; g++) {
      const worker = await as(reporter)
      for (let i = 0; i < 3; i++) await submitAppeal(t, worker, { title: `第${g}组第${i}件`, description: '巡查发现的问题' })
      t.clock.advanceMinutes(1)
    }
    const head = await as(gridHead)
    const everything = (await inbox(head)).items
    expect(everything).toHaveLength(15)
    // newest first; within one instant, the later row first
    for (let i = 1; i < everything.length; i++) {
      const [p, c] = [everything[i - 1]!, everything[i]!]
      expect(p.createdAt >= c.createdAt).toBe(true)
      if (p.createdAt === c.createdAt) expect(BigInt(p.id) > BigInt(c.id)).toBe(true)
    }

    for (const limit of [1, 2, 3, 4, 7, 15]) {
      const seen: string[] = []
      let cursor: string | null = null
      let pages = 0
      do {
        const page: Inbox = await inbox(head, `limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
        expect(page.items.length).toBeLessThanOrEqual(limit)
        expect(page.unread).toBe(15)
        seen.push(...page.items.map((n) => n.id))
        cursor = page.nextCursor
        pages++
      } while (cursor)
      expect(seen, `limit ${limit}`).toEqual(everything.map((n) => n.id))
      expect(pages).toBe(Math.ceil(15 / limit))
    }

    // paging the unread ones while reading them as we go still reaches every one exactly once
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: Inbox = await inbox(head, `unread=true&limit=4${cursor ? `&cursor=${cursor}` : ''}`)
      for (const n of page.items) {
        seen.push(n.id)
        expect((await t.request(head, 'POST', `/api/v1/notifications/${n.id}/read`)).statusCode).toBe(200)
      }
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual(everything.map((n) => n.id))
    expect((await inbox(head)).unread).toBe(0)
  })

  it('gives the total only when asked, for the whole inbox or the unread part', async () => {
    // a new grid's head with 15 notices, all read
    const { worker: reporter, head: gridHead } = await gridStaff()
    for (let i = 0; i < 15; i++) await submitAppeal(t, await as(reporter), { title: `第${i}件`, description: '巡查发现的问题' })
    const head = await as(gridHead)
    expect((await t.request(head, 'POST', '/api/v1/notifications/read-all')).statusCode).toBe(200)
    expect((await inbox(head, 'limit=2')).total).toBeUndefined()
    const all = await inbox(head, 'limit=2&withTotal=true')
    expect(all.total).toBe(15)
    expect(all.items).toHaveLength(2)
    await submitAppeal(t, await as(reporter), { title: '再来一件', description: '巡查发现的问题' })
    expect((await inbox(head, 'limit=2&withTotal=true&unread=true')).total).toBe(1)
    expect((await inbox(head, 'withTotal=true')).total).toBe(16)
  })

  it.each(['limit=0', 'limit=101', 'limit=x', 'cursor=!!', 'cursor=eyJ0IjoxfQ', 'unread=maybe', 'page=2'])('GET /notifications?%s is 400', async (qs) => {
    const res = await t.request(await as(head), 'GET', `/api/v1/notifications?${qs}`)
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json().code).toMatch(/^[A-Z_]+$/)
  })
})

describe('a lost claim race leaves a claimLost notice for the loser', () => {
  it('two sessions of the property company claim at once: one wins, the other hears it lost', async () => {
    t.clock.set(TEST_START)
    const a = await appealIn('assigned')
    const [s1, s2] = [await as(property), await as(property)]
    const results = await Promise.all(
      [s1, s2].map((tk) => t.request(tk, 'POST', `/api/v1/appeals/${a.id}/actions`, { action: 'claim', version: a.version })),
    )
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409])
    expect(await kindsOf(property, a.id)).toEqual(['assigned', 'claimLost'])
    const lost = (await allOf(property)).find((n) => n.appealId === a.id && n.kind === 'claimLost')!
    expect(lost.title).toMatch(/[\u4e00-\u9fa5]/)
    // a stale claim after the race is lost too
    const late = await actRaw(t, s2, a, 'claim')
    expect(late.statusCode).toBe(409)
    expect(await kindsOf(property, a.id)).toEqual(['assigned', 'claimLost', 'claimLost'])
    expect(await kindsOf(community, a.id)).toEqual(['toDispatch'])
  })

  it('party members racing for a pooled appeal: every 409 loser gets claimLost, the winner does not', async () => {
    // a second party member of the community, given an account
    const sec = await as(secadmin)
    const home = cast.resident.grid.community
    const free = await buildPartyMemberRecord(t, home)
    const created = await t.request(sec, 'POST', '/api/v1/users', {
      username: 'notify_dy',
      password: 'Notify-2026-pw',
      displayName: free.name,
      role: 'partyMember',
      scope: home.path,
      partyMemberId: String(free.id),
    })
    expect(created.statusCode, created.body).toBe(201)
    // the administrator chose the password: the member sets their own first, as at any first login
    const first = await t.login('notify_dy', 'Notify-2026-pw')
    const own = await t.request(first, 'POST', '/api/v1/auth/password', { oldPassword: 'Notify-2026-pw', newPassword: 'Notify-2026-own' })
    expect(own.statusCode, own.body).toBe(200)
    const racers = { member: await as(partyMember), notify_dy: own.json<{ token: string }>().token }

    let a = await appealIn('accepted')
    a = await act(t, await as(community), a, 'dispatch', { assigneeType: 'partyMember', assigneeId: 'pool' })
    // the pool: every party member of the community with an account is told
    const kinds = async (u: keyof typeof racers) =>
      (await inbox(racers[u])).items.filter((n) => n.appealId === a.id).map((n) => n.kind).reverse()
    expect(await kinds('member')).toEqual(['assigned'])
    expect(await kinds('notify_dy')).toEqual(['assigned'])

    const names = Object.keys(racers) as (keyof typeof racers)[]
    const results = await Promise.all(
      names.map((u) => t.request(racers[u], 'POST', `/api/v1/appeals/${a.id}/actions`, { action: 'claim', version: a.version })),
    )
    const winner = names[results.findIndex((r) => r.statusCode === 200)]!
    const loser = names.find((u) => u !== winner)!
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1)
    const loserStatus = results[names.indexOf(loser)]!.statusCode
    expect(loserStatus).toBe(409)
    expect(await kinds(winner)).toEqual(['assigned'])
    expect(await kinds(loser)).toEqual(['assigned', 'claimLost'])
    // arriving a moment later with the version seen in the pool is a lost race as well
    const late = await t.request(racers[loser], 'POST', `/api/v1/appeals/${a.id}/actions`, { action: 'claim', version: a.version })
    expect(late.statusCode).toBe(409)
    expect(await kinds(loser)).toEqual(['assigned', 'claimLost', 'claimLost'])
    expect(await kinds(winner)).toEqual(['assigned'])
  })
})

describe('the outbox', () => {
  class RecordingChannel implements OutboundChannel {
    readonly name = 'test'
    readonly batches: number[][] = []
    constructor(private readonly opts: { delayMs?: number; failFirst?: boolean; tag?: string } = {}) {}
    async send(batch: NotificationRow[]): Promise<void> {
      if (this.opts.failFirst) {
        this.opts.failFirst = false
        throw new Error('channel down')
      }
      if (this.opts.delayMs) await new Promise((r) => setTimeout(r, this.opts.delayMs))
      this.batches.push(batch.map((n) => n.id))
    }
    get sent(): number[] {
      return this.batches.flat()
    }
  }

  const unsentIds = async () => (await q<{ id: number }>(sql`SELECT id FROM notification WHERE sent_at IS NULL ORDER BY id`)).map((r) => Number(r.id))
  const sentAtOf = async (ids: number[]) =>
    q<{ id: number; sent_at: Date | string }>(sql`SELECT id, sent_at FROM notification WHERE id IN ${sql.raw(`(${ids.join(',')})`)}`)
  /** Send whatever earlier tests left in the outbox, so each test starts from an empty one. */
  const drain = async () => {
    await deliverOutbox(t.database.db, new RecordingChannel(), new Date('2026-11-23T09:00:00+08:00'))
    expect(await unsentIds()).toEqual([])
  }

  it('sends every unsent notification once, in batches, and a second run sends nothing', async () => {
    await drain()
    // 8 appeals → 16 notifications: three batches of at most 7
    for (let i = 0; i < 8; i++) await submitAppeal(t, await as(resident), { title: `批量外发 ${i}` })
    const pending = await unsentIds()
    expect(pending).toHaveLength(16)
    const ch = new RecordingChannel()
    const at = new Date('2026-11-23T10:00:00+08:00')
    expect(await deliverOutbox(t.database.db, ch, at, 7)).toBe(pending.length)
    expect([...ch.sent].sort((x, y) => x - y)).toEqual(pending)
    expect(ch.batches.map((b) => b.length)).toEqual([7, 7, 2])
    expect(await unsentIds()).toEqual([])
    const rows = await sentAtOf(pending)
    expect(rows.every((r) => new Date(r.sent_at).getTime() === at.getTime())).toBe(true)

    expect(await deliverOutbox(t.database.db, ch, at, 7)).toBe(0)
    expect(ch.sent).toHaveLength(pending.length)

    // only what is new goes out next time; sending does not mark anything read
    const a = await submitAppeal(t, await as(resident))
    const fresh = await unsentIds()
    expect(fresh).toHaveLength(2) // the grid's worker and head
    expect(await deliverOutbox(t.database.db, ch, at)).toBe(2)
    expect(ch.batches.at(-1)).toEqual(fresh)
    expect((await allOf(worker)).find((n) => n.appealId === a.id)!.readAt).toBeNull()
  })

  it('a channel failure sends nothing and marks nothing; the next run sends them', async () => {
    await drain()
    await submitAppeal(t, await as(resident))
    const pending = await unsentIds()
    expect(pending).toHaveLength(2)
    const ch = new RecordingChannel({ failFirst: true })
    await expect(deliverOutbox(t.database.db, ch, new Date())).rejects.toThrow('channel down')
    expect(await unsentIds()).toEqual(pending)
    expect(await deliverOutbox(t.database.db, ch, new Date())).toBe(2)
    expect(ch.sent).toEqual(pending)
  })

  it('a channel that hangs is given up on: nothing is marked, and the next run sends the batch', async () => {
    await drain()
    await submitAppeal(t, await as(resident))
    const pending = await unsentIds()
    expect(pending).toHaveLength(2)
    const hanging: OutboundChannel = { name: 'hang', send: () => new Promise<void>(() => undefined) }
    await expect(deliverOutbox(t.database.db, hanging, new Date(), 200, 50)).rejects.toThrow(/did not answer/)
    expect(await unsentIds()).toEqual(pending)
    const ch = new RecordingChannel()
    expect(await deliverOutbox(t.database.db, ch, new Date())).toBe(2)
    expect(ch.sent).toEqual(pending)
  })

  it('two senders at once never send one notification twice', async () => {
    await drain()
    // plenty to share: 12 appeals → 24 notifications
    const raiser = await as(resident)
    for (let i = 0; i < 12; i++) await submitAppeal(t, raiser, { title: `外发测试 ${i}` })
    const pending = await unsentIds()
    expect(pending).toHaveLength(24)

    let second: Database | undefined
    let otherDb = t.database.db
    if (t.database.kind === 'postgres') {
      // a second application instance: its own pool on the same database
      second = await openDatabase({ databaseUrl: String(t.database.pool!.options.connectionString), poolSize: 2 })
      otherDb = second.db
    }
    try {
      const [c1, c2] = [new RecordingChannel({ delayMs: 15 }), new RecordingChannel({ delayMs: 15 })]
      const at = new Date()
      const [n1, n2] = await Promise.all([deliverOutbox(t.database.db, c1, at, 3), deliverOutbox(otherDb, c2, at, 3)])
      expect(n1 + n2).toBe(24)
      const all = [...c1.sent, ...c2.sent]
      expect(all).toHaveLength(24)
      expect(new Set(all).size).toBe(24)
      expect([...all].sort((x, y) => x - y)).toEqual(pending)
      if (second) {
        // on PostgreSQL the two really shared the work (SKIP LOCKED, not one waiting for the other)
        expect(c1.sent.length).toBeGreaterThan(0)
        expect(c2.sent.length).toBeGreaterThan(0)
      }
      expect(await unsentIds()).toEqual([])
      // and again from both: nothing more
      const [m1, m2] = await Promise.all([deliverOutbox(t.database.db, c1, at, 3), deliverOutbox(otherDb, c2, at, 3)])
      expect(m1 + m2).toBe(0)
    } finally {
      await second?.close()
    }
  })
})

describe('a disabled account is told nothing', () => {
  const kindsInDb = async (who: BuiltAccount, appealId: string) =>
    (
      await q<{ kind: string }>(sql`
        SELECT n.kind FROM notification n JOIN user_account u ON u.id = n.user_id
        WHERE u.username = ${who.username} AND n.appeal_id = ${Number(appealId)} ORDER BY n.id`)
    ).map((r) => r.kind)

  it('neither as grid staff nor as a member of a dispatched team', async () => {
    t.clock.set(TEST_START)
    const sec = await as(secadmin)
    // the community's volunteer team has the party member in it
    let a = await appealIn('accepted')
    a = await dispatchTo(a, 'team')
    expect(await kindsInDb(partyMember, a.id)).toEqual(['assigned'])

    for (const u of [partyMember, head]) {
      const res = await t.request(sec, 'POST', `/api/v1/users/${u.id}/disable`)
      expect(res.statusCode, res.body).toBe(200)
    }
    try {
      let b = await submitAppeal(t, await as(resident))
      expect(await kindsInDb(worker, b.id)).toEqual(['newAppeal'])
      expect(await kindsInDb(head, b.id)).toEqual([])
      b = await act(t, await as(worker), b, 'accept')
      b = await dispatchTo(b, 'team')
      expect(b.assignee).toMatchObject({ type: 'team' })
      expect(await kindsInDb(partyMember, b.id)).toEqual([])
    } finally {
      for (const u of [partyMember, head]) {
        expect((await t.request(await as(secadmin), 'POST', `/api/v1/users/${u.id}/enable`)).statusCode).toBe(200)
      }
    }
    const c = await submitAppeal(t, await as(resident))
    expect(await kindsInDb(head, c.id)).toEqual(['newAppeal'])
  })
})

describe('notifications are written with the change they report', () => {
  it('a refused action leaves no notification behind', async () => {
    const a = await appealIn('submitted')
    const before = await notificationsOfAppeal(a.id)
    // wrong role (403), bad fields (400), stale version (409 for a non-claim)
    expect((await actRaw(t, await as(community), a, 'accept')).statusCode).toBe(403)
    expect((await actRaw(t, await as(worker), a, 'reject', {})).statusCode).toBe(400)
    expect((await actRaw(t, await as(worker), { ...a, version: a.version + 5 }, 'accept')).statusCode).toBe(409)
    expect(await notificationsOfAppeal(a.id)).toEqual(before)
    const seen = await getAppeal(t, await as(worker), a.id)
    expect(seen.status).toBe('submitted')
  })
})
