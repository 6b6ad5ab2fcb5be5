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
import { act, actRaw, appealInStatus, getAppeal, submitAppeal } from '../../../test/appeal-helpers'
import { openDatabase, rowsOf, type Database } from '../../db/client'
import type { Appeal, Candidate } from '#contracts/appeals'
import type { Notification } from '#contracts/notifications'
import type { OutboundChannel } from './channel'
import type { NotificationRow } from './queries'
import { deliverOutbox } from './service'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => t?.close())

const ZJJ = '520423-zjj'
const ZFJ = '520423-zhzfj'
const as = (u: string) => t.login(u)

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
async function allOf(username: string): Promise<Notification[]> {
  const token = await as(username)
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
async function kindsOf(username: string, appealId: string): Promise<string[]> {
  return (await allOf(username))
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
  const community = token ?? (await as('bj_sq'))
  const cands = (await t.request(community, 'GET', `/api/v1/appeals/${a.id}/candidates?action=dispatch`)).json<Candidate[]>()
  const c = cands.find((x) => x.type === type)!
  return act(t, community, a, 'dispatch', { assigneeType: type, assigneeId: c.id })
}

describe('who is told what, step by step', () => {
  it('the everyday loop: grid staff, community, handler, resident — each at their step, no one else', async () => {
    t.clock.set(TEST_START)
    const resident = await as('bj_jm')
    let a = await submitAppeal(t, resident, { title: '龙城印象1栋电梯坏了' })

    // submit → the grid's worker and head of grid 001, not grid 002's worker, not the submitter
    expect(await kindsOf('bj_wgy1', a.id)).toEqual(['newAppeal'])
    expect(await kindsOf('bj_wgz1', a.id)).toEqual(['newAppeal'])
    expect(await kindsOf('bj_wgy2', a.id)).toEqual([])
    expect(await kindsOf('bj_jm', a.id)).toEqual([])
    expect(await kindsOf('bj_sq', a.id)).toEqual([])
    const fresh = (await allOf('bj_wgy1')).find((n) => n.appealId === a.id)!
    expect(fresh.title).toContain(a.number)
    expect(fresh.readAt).toBeNull()
    expect(fresh.createdAt).toBe('2026-11-23T09:30:00.000+08:00')
    expect(fresh.id).toMatch(/^[1-9][0-9]*$/)

    // accept → the community, to dispatch
    a = await act(t, await as('bj_wgy1'), a, 'accept')
    expect(await kindsOf('bj_sq', a.id)).toEqual(['toDispatch'])
    expect(await kindsOf('bj_wgy1', a.id)).toEqual(['newAppeal'])

    // dispatch to the property company → its account; not the other company
    a = await dispatchTo(a, 'property')
    expect(a.assignee).toMatchObject({ type: 'property' })
    expect(await kindsOf('lc_wy', a.id)).toEqual(['assigned'])
    expect(await kindsOf('jh_wy', a.id)).toEqual([])

    // claim → nobody needs telling
    const before = (await notificationsOfAppeal(a.id)).length
    const wy = await as('lc_wy')
    a = await act(t, wy, a, 'claim')
    expect((await notificationsOfAppeal(a.id)).length).toBe(before)

    // resolve → the grid staff, to check on site
    a = await act(t, wy, a, 'resolve', { result: '已更换电梯控制板' })
    expect(await kindsOf('bj_wgy1', a.id)).toEqual(['newAppeal', 'toVerify'])
    expect(await kindsOf('bj_wgz1', a.id)).toEqual(['newAppeal', 'toVerify'])
    expect(await kindsOf('bj_wgy2', a.id)).toEqual([])

    // verify (by the worker) → the community, to reply; the head hears nothing more
    a = await act(t, await as('bj_wgy1'), a, 'verify')
    expect(await kindsOf('bj_sq', a.id)).toEqual(['toDispatch', 'toReply'])
    expect(await kindsOf('bj_wgz1', a.id)).toEqual(['newAppeal', 'toVerify'])

    // reply → the resident who raised it
    a = await act(t, await as('bj_sq'), a, 'reply', { message: '电梯已修复，感谢反映' })
    expect(await kindsOf('bj_jm', a.id)).toEqual(['replied'])
    const replied = (await allOf('bj_jm')).find((n) => n.appealId === a.id)!
    expect(replied.body).toContain('电梯已修复')

    // rate → the handler and the community
    a = await act(t, resident, a, 'rate', { rating: 'satisfied' })
    expect(a.status).toBe('closed')
    expect(await kindsOf('lc_wy', a.id)).toEqual(['assigned', 'rated'])
    expect(await kindsOf('bj_sq', a.id)).toEqual(['toDispatch', 'toReply', 'rated'])
    expect(await kindsOf('bj_jm', a.id)).toEqual(['replied'])

    // the whole record, and no outsider anywhere in it
    const record = await notificationsOfAppeal(a.id)
    expect(record.slice(0, 8)).toEqual([
      { username: 'bj_wgy1', kind: 'newAppeal' },
      { username: 'bj_wgz1', kind: 'newAppeal' },
      { username: 'bj_sq', kind: 'toDispatch' },
      { username: 'lc_wy', kind: 'assigned' },
      { username: 'bj_wgy1', kind: 'toVerify' },
      { username: 'bj_wgz1', kind: 'toVerify' },
      { username: 'bj_sq', kind: 'toReply' },
      { username: 'bj_jm', kind: 'replied' },
    ])
    // the last step tells two accounts at once
    expect(record.slice(8).map((n) => `${n.username}:${n.kind}`).sort()).toEqual(['bj_sq:rated', 'lc_wy:rated'])
    for (const outsider of ['bj_wgy2', 'bj_wgz2', 'yp_sq', 'yp_wgy1', 'yp_jm', 'hc_jd', 'zn_xian', 'zn_zjj', 'jh_wy', 'bj_dy', 'bj_lhz', 'sysadmin']) {
      expect(await kindsOf(outsider, a.id), outsider).toEqual([])
    }
  })

  it('the actor is never told of their own step: a grid worker’s own report goes to the grid head only', async () => {
    const a = await submitAppeal(t, await as('bj_wgy1'), { title: '巡查发现井盖松动', description: '路口井盖松动' })
    expect(await kindsOf('bj_wgy1', a.id)).toEqual([])
    expect(await kindsOf('bj_wgz1', a.id)).toEqual(['newAppeal'])
    // and the head accepting it tells the community but not the worker, who did nothing
    await act(t, await as('bj_wgz1'), a, 'accept')
    expect(await kindsOf('bj_wgz1', a.id)).toEqual(['newAppeal'])
    expect(await kindsOf('bj_wgy1', a.id)).toEqual([])
    expect(await kindsOf('bj_sq', a.id)).toEqual(['toDispatch'])
  })

  it('a failed check goes back to the handler; an unsatisfied rating tells the handler and the community', async () => {
    let a = await appealInStatus(t, 'resolved')
    a = await act(t, await as('bj_wgy1'), a, 'verifyFail', { reason: '现场电梯仍然停运' })
    expect(a.status).toBe('in_progress')
    expect(await kindsOf('lc_wy', a.id)).toEqual(['assigned', 'returnedForWork'])
    const wy = await as('lc_wy')
    a = await act(t, wy, a, 'resolve', { result: '再次维修' })
    a = await act(t, await as('bj_wgy1'), a, 'verify')
    a = await act(t, await as('bj_sq'), a, 'reply', { message: '已再次维修' })
    a = await act(t, await as('bj_jm'), a, 'rate', { rating: 'unsatisfied', comment: '还是坏的' })
    expect(a.status).toBe('reopened')
    expect(await kindsOf('lc_wy', a.id)).toEqual(['assigned', 'returnedForWork', 'rated'])
    expect(await kindsOf('bj_sq', a.id)).toEqual(['toDispatch', 'toReply', 'rated'])
    expect(await kindsOf('bj_jm', a.id)).toEqual(['replied'])

    // a second unsatisfied rating raises a supervision to the street
    a = await act(t, wy, a, 'claim')
    a = await act(t, wy, a, 'resolve', { result: '第三次维修' })
    a = await act(t, await as('bj_wgy1'), a, 'verify')
    a = await act(t, await as('bj_sq'), a, 'reply', { message: '已第三次维修' })
    a = await act(t, await as('bj_jm'), a, 'rate', { rating: 'unsatisfied' })
    expect(await kindsOf('hc_jd', a.id)).toEqual(['supervision'])
    expect(await kindsOf('bj_jm', a.id)).toEqual(['replied', 'replied'])
    expect(await kindsOf('zn_xian', a.id)).toEqual([])
  })

  it('a return tells the dispatcher; an extension request tells the dispatcher and the decision the handler', async () => {
    let a = await appealInStatus(t, 'assigned')
    a = await act(t, await as('lc_wy'), a, 'return', { reason: '不属于物业服务范围' })
    expect(a.status).toBe('accepted')
    expect(await kindsOf('bj_sq', a.id)).toEqual(['toDispatch', 'returned'])

    a = await dispatchTo(a, 'property')
    const wy = await as('lc_wy')
    a = await act(t, wy, a, 'claim')
    a = await act(t, wy, a, 'requestExtension', { days: 3, reason: '配件需从厂家调货' })
    expect(await kindsOf('bj_sq', a.id)).toEqual(['toDispatch', 'returned', 'extension'])
    a = await act(t, await as('bj_sq'), a, 'approveExtension', {})
    expect(await kindsOf('lc_wy', a.id)).toEqual(['assigned', 'assigned', 'extension'])
  })

  it('escalation tells the street; a whistle tells each department, lead and assisting', async () => {
    let a = await appealInStatus(t, 'accepted')
    a = await act(t, await as('bj_sq'), a, 'escalate', { reason: '涉及违建，需要街道协调' })
    expect(await kindsOf('hc_jd', a.id)).toEqual(['escalated'])
    expect(await kindsOf('bmh_jd', a.id)).toEqual([])
    a = await act(t, await as('hc_jd'), a, 'whistle', { departmentIds: [ZJJ, ZFJ] })
    expect(await kindsOf('zn_zjj', a.id)).toEqual(['assigned'])
    expect(await kindsOf('zn_zfj', a.id)).toEqual(['assigned'])
    const lead = (await allOf('zn_zjj')).find((n) => n.appealId === a.id)!
    expect(lead.title).toContain('主办')
    const assist = (await allOf('zn_zfj')).find((n) => n.appealId === a.id)!
    expect(assist.title).toContain('协办')
    expect(await kindsOf('hc_jd', a.id)).toEqual(['escalated'])
  })
})

describe('the inbox is private', () => {
  it('lists only the caller’s own notifications, and another’s cannot be read or marked', async () => {
    const a = await submitAppeal(t, await as('bj_jm'))
    const mine = await allOf('bj_wgy1')
    const theirs = await allOf('bj_wgz1')
    const mineIds = new Set(mine.map((n) => n.id))
    expect(theirs.some((n) => mineIds.has(n.id))).toBe(false)
    expect((await allOf('bj_wgy2')).some((n) => mineIds.has(n.id))).toBe(false)
    expect((await allOf('bj_jm')).some((n) => mineIds.has(n.id))).toBe(false)

    const target = mine.find((n) => n.appealId === a.id)!
    for (const other of ['bj_wgz1', 'bj_wgy2', 'bj_sq', 'sysadmin', 'auditadmin']) {
      const res = await t.request(await as(other), 'POST', `/api/v1/notifications/${target.id}/read`)
      expect(res.statusCode, other).toBe(404)
      expect(res.json().code).toBe('NOT_FOUND')
    }
    // someone else's read-all does not touch it either
    await t.request(await as('bj_wgz1'), 'POST', '/api/v1/notifications/read-all')
    expect((await allOf('bj_wgy1')).find((n) => n.id === target.id)!.readAt).toBeNull()

    const wgy1 = await as('bj_wgy1')
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
    // grid 004's head hears of appeals its worker reports: a fresh inbox for this test
    const worker = await as('bj_wgy4')
    for (let i = 0; i < 3; i++) await submitAppeal(t, worker, { title: `巡查上报 ${i}`, description: '巡查发现的问题' })
    const head = await as('bj_wgz4')
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
    await submitAppeal(t, await as('bj_wgy4'), { title: '又一件', description: '巡查发现的问题' })
    expect((await inbox(head)).unread).toBe(1)
  })
})

describe('keyset paging', () => {
  it('pages newest first through notifications that share a timestamp, with no gap and no repeat', async () => {
    t.clock.set(TEST_START)
    // 5 groups of 3 at the same instant, a minute apart: grid 005's head gets 15 newAppeal notices
    for (let g = 0; g < 5; g++) {
      const worker = await as('bj_wgy5')
      for (let i = 0; i < 3; i++) await submitAppeal(t, worker, { title: `第${g}组第${i}件`, description: '巡查发现的问题' })
      t.clock.advanceMinutes(1)
    }
    const head = await as('bj_wgz5')
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
    const head = await as('bj_wgz6') // grid 006: the paging test above counts grid 005's inbox exactly
    expect((await inbox(head, 'limit=2')).total).toBeUndefined()
    const before = (await inbox(head, 'limit=1&withTotal=true')).total!
    const unreadBefore = (await inbox(head, 'limit=1&withTotal=true&unread=true')).total!
    for (const title of ['再来一件', '又一件', '第三件']) await submitAppeal(t, await as('bj_wgy6'), { title, description: '巡查发现的问题' })
    const all = await inbox(head, 'limit=2&withTotal=true')
    expect(all.total).toBe(before + 3)
    expect(all.items).toHaveLength(2)
    expect((await inbox(head, 'limit=2&withTotal=true&unread=true')).total).toBe(unreadBefore + 3)
    expect((await inbox(head, 'withTotal=true')).total).toBe(before + 3)
  })

  it.each(['limit=0', 'limit=101', 'limit=x', 'cursor=!!', 'cursor=eyJ0IjoxfQ', 'unread=maybe', 'page=2'])('GET /notifications?%s is 400', async (qs) => {
    const res = await t.request(await as('bj_wgz5'), 'GET', `/api/v1/notifications?${qs}`)
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json().code).toMatch(/^[A-Z_]+$/)
  })
})

describe('a lost claim race leaves a claimLost notice for the loser', () => {
  it('two sessions of the property company claim at once: one wins, the other hears it lost', async () => {
    t.clock.set(TEST_START)
    const a = await appealInStatus(t, 'assigned')
    const [s1, s2] = [await as('lc_wy'), await as('lc_wy')]
    const results = await Promise.all(
      [s1, s2].map((tk) => t.request(tk, 'POST', `/api/v1/appeals/${a.id}/actions`, { action: 'claim', version: a.version })),
    )
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409])
    expect(await kindsOf('lc_wy', a.id)).toEqual(['assigned', 'claimLost'])
    const lost = (await allOf('lc_wy')).find((n) => n.appealId === a.id && n.kind === 'claimLost')!
    expect(lost.title).toMatch(/[\u4e00-\u9fa5]/)
    // a stale claim after the race is lost too
    const late = await actRaw(t, s2, a, 'claim')
    expect(late.statusCode).toBe(409)
    expect(await kindsOf('lc_wy', a.id)).toEqual(['assigned', 'claimLost', 'claimLost'])
    expect(await kindsOf('bj_sq', a.id)).toEqual(['toDispatch'])
  })

  it('party members racing for a pooled appeal: every 409 loser gets claimLost, the winner does not', async () => {
    // a second party member of 北街 with an account
    const sec = await as('secadmin')
    const [free] = await q<{ id: number; name: string }>(sql`
      SELECT pm.id, pm.name FROM party_member pm
      WHERE pm.community_code = '520423002013' AND pm.resident_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM user_account u WHERE u.party_member_id = pm.id)
      ORDER BY pm.id LIMIT 1`)
    const created = await t.request(sec, 'POST', '/api/v1/users', {
      username: 'notify_dy',
      password: 'Notify-2026-pw',
      displayName: free!.name,
      role: 'partyMember',
      scope: '520423.520423002.520423002013',
      partyMemberId: String(free!.id),
    })
    expect(created.statusCode, created.body).toBe(201)
    // the administrator chose the password: the member sets their own first, as at any first login
    const first = await t.login('notify_dy', 'Notify-2026-pw')
    const own = await t.request(first, 'POST', '/api/v1/auth/password', { oldPassword: 'Notify-2026-pw', newPassword: 'Notify-2026-own' })
    expect(own.statusCode, own.body).toBe(200)
    const racers = { bj_dy: await as('bj_dy'), notify_dy: own.json<{ token: string }>().token }

    let a = await appealInStatus(t, 'accepted')
    a = await act(t, await as('bj_sq'), a, 'dispatch', { assigneeType: 'partyMember', assigneeId: 'pool' })
    // the pool: every party member of the community with an account is told
    const kinds = async (u: string) =>
      (await inbox(u === 'notify_dy' ? racers.notify_dy : await as(u))).items.filter((n) => n.appealId === a.id).map((n) => n.kind).reverse()
    expect(await kinds('bj_dy')).toEqual(['assigned'])
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
    for (let i = 0; i < 8; i++) await submitAppeal(t, await as('bj_jm'), { title: `批量外发 ${i}` })
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
    const a = await submitAppeal(t, await as('bj_jm'))
    const fresh = await unsentIds()
    expect(fresh).toHaveLength(2) // bj_wgy1 and bj_wgz1
    expect(await deliverOutbox(t.database.db, ch, at)).toBe(2)
    expect(ch.batches.at(-1)).toEqual(fresh)
    expect((await allOf('bj_wgy1')).find((n) => n.appealId === a.id)!.readAt).toBeNull()
  })

  it('a channel failure sends nothing and marks nothing; the next run sends them', async () => {
    await drain()
    await submitAppeal(t, await as('bj_jm'))
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
    await submitAppeal(t, await as('bj_jm'))
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
    const resident = await as('bj_jm')
    for (let i = 0; i < 12; i++) await submitAppeal(t, resident, { title: `外发测试 ${i}` })
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
  const userId = async (username: string) =>
    Number((await q<{ id: number }>(sql`SELECT id FROM user_account WHERE username = ${username}`))[0]!.id)
  const kindsInDb = async (username: string, appealId: string) =>
    (
      await q<{ kind: string }>(sql`
        SELECT n.kind FROM notification n JOIN user_account u ON u.id = n.user_id
        WHERE u.username = ${username} AND n.appeal_id = ${Number(appealId)} ORDER BY n.id`)
    ).map((r) => r.kind)

  it('neither as grid staff nor as a member of a dispatched team', async () => {
    t.clock.set(TEST_START)
    const sec = await as('secadmin')
    // the team (北街社区红色志愿服务队) has the party member bj_dy in it
    let a = await appealInStatus(t, 'accepted')
    a = await dispatchTo(a, 'team')
    expect(await kindsInDb('bj_dy', a.id)).toEqual(['assigned'])

    for (const u of ['bj_dy', 'bj_wgz1']) {
      const res = await t.request(sec, 'POST', `/api/v1/users/${await userId(u)}/disable`)
      expect(res.statusCode, res.body).toBe(200)
    }
    try {
      let b = await submitAppeal(t, await as('bj_jm'))
      expect(await kindsInDb('bj_wgy1', b.id)).toEqual(['newAppeal'])
      expect(await kindsInDb('bj_wgz1', b.id)).toEqual([])
      b = await act(t, await as('bj_wgy1'), b, 'accept')
      b = await dispatchTo(b, 'team')
      expect(b.assignee).toMatchObject({ type: 'team' })
      expect(await kindsInDb('bj_dy', b.id)).toEqual([])
    } finally {
      for (const u of ['bj_dy', 'bj_wgz1']) {
        expect((await t.request(await as('secadmin'), 'POST', `/api/v1/users/${await userId(u)}/enable`)).statusCode).toBe(200)
      }
    }
    const c = await submitAppeal(t, await as('bj_jm'))
    expect(await kindsInDb('bj_wgz1', c.id)).toEqual(['newAppeal'])
  })
})

describe('notifications are written with the change they report', () => {
  it('a refused action leaves no notification behind', async () => {
    const a = await appealInStatus(t, 'submitted')
    const before = await notificationsOfAppeal(a.id)
    // wrong role (403), bad fields (400), stale version (409 for a non-claim)
    expect((await actRaw(t, await as('bj_sq'), a, 'accept')).statusCode).toBe(403)
    expect((await actRaw(t, await as('bj_wgy1'), a, 'reject', {})).statusCode).toBe(400)
    expect((await actRaw(t, await as('bj_wgy1'), { ...a, version: a.version + 5 }, 'accept')).statusCode).toBe(409)
    expect(await notificationsOfAppeal(a.id)).toEqual(before)
    const seen = await getAppeal(t, await as('bj_wgy1'), a.id)
    expect(seen.status).toBe('submitted')
  })
})
