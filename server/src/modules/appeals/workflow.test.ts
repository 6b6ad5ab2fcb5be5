/**
 * The workflow table enforced over HTTP: every action outside its states is 422, the right state
 * with the wrong role is 403, and the order of checks is 404 → 409 → 422 → 403 → 400 (DOMAIN §3.2).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/setup'
import { act, actRaw, getAppeal, submitAppeal, uploadPhoto } from '../../../test/appeal-helpers'
import {
  buildAppeal,
  buildCast,
  buildDepartmentAccount,
  buildGrid,
  buildGridWorker,
  buildHouseholdLeader,
  buildPartyMember,
  buildPlaceAccount,
  buildResident,
  buildStreetAccount,
  type AppealCast,
  type BuiltAccount,
  type LoopStatus,
} from '../../../test/factories'
import { ACTIONS, WORKFLOW } from '#contracts/workflow'
import { rowsOf } from '../../db/client'
import type { Appeal } from '#contracts/appeals'

type Who =
  | 'resident'
  | 'gridWorker'
  | 'community'
  | 'property'
  | 'leader'
  | 'partyMember'
  | 'otherGridWorker'
  | 'otherCommunity'
  | 'otherResident'
  | 'department'
  | 'otherStreet'

let t: TestApp
/** A grid in small (resident, grid worker, community, the compound's property company) and its neighbours. */
let cast: AppealCast
let people: Record<Who, BuiltAccount>
beforeAll(async () => {
  t = await createTestApp()
  cast = await buildCast(t)
  const home = cast.resident.grid.community
  const elsewhere = await buildResident(t)
  people = {
    resident: cast.resident.account,
    gridWorker: cast.gridWorker,
    community: cast.community,
    property: cast.property.account,
    leader: (await buildHouseholdLeader(t, [cast.resident])).account,
    partyMember: (await buildPartyMember(t, home)).account,
    otherGridWorker: await buildGridWorker(t, await buildGrid(t, { community: home })),
    otherCommunity: await buildPlaceAccount(t, elsewhere.grid.community, 'community'),
    otherResident: elsewhere.account,
    department: await buildDepartmentAccount(t, '520423-zjj'),
    otherStreet: await buildStreetAccount(t, '520423001'),
  }
})
afterAll(async () => t?.close())

/** A fresh session of one of the people built for this file. */
const login = (who: Who) => people[who].login()
/** An appeal of the cast's resident, dispatched to the compound's property company, brought to `status`. */
const appealIn = async (status: LoopStatus) => (await buildAppeal(t, { status, cast, handler: 'property' })).appeal

const STATES: LoopStatus[] = ['submitted', 'accepted', 'assigned', 'in_progress', 'resolved', 'verified', 'replied', 'reopened', 'closed']

async function countEvents(id: string): Promise<number> {
  const r = await t.database.db.execute(sql`SELECT count(*)::int AS n FROM appeal_event WHERE appeal_id = ${Number(id)}`)
  return rowsOf<{ n: number }>(r)[0]!.n
}

describe('illegal transitions', () => {
  it.each(STATES)('from %s, every action the table does not allow is 422 and changes nothing', async (status) => {
    const a = await appealIn(status)
    expect(a.status).toBe(status)
    const before = await countEvents(a.id)
    // The community can see every appeal of its place, so scope is never the reason.
    const token = await login('community')
    const illegal = ACTIONS.filter((action) => !WORKFLOW.some((w) => w.action === action && w.from.includes(status)))
    expect(illegal.length).toBeGreaterThan(0)
    for (const action of illegal) {
      const res = await actRaw(t, token, a, action)
      expect(res.statusCode, `${status} → ${action}: ${res.body}`).toBe(422)
      expect(res.json().code).toBe('INVALID_TRANSITION')
    }
    const after = await getAppeal(t, token, a.id)
    expect(after.status).toBe(status)
    expect(after.version).toBe(a.version)
    expect(await countEvents(a.id)).toBe(before)
  })
})

describe('wrong roles', () => {
  const cases: [LoopStatus, string, Who, Record<string, unknown>][] = [
    ['submitted', 'accept', 'community', {}],
    ['submitted', 'accept', 'resident', {}],
    ['accepted', 'dispatch', 'gridWorker', { assigneeType: 'property', assigneeId: '1' }],
    ['assigned', 'claim', 'community', {}],
    ['assigned', 'claim', 'gridWorker', {}],
    ['in_progress', 'resolve', 'gridWorker', { result: 'x' }],
    ['in_progress', 'resolve', 'community', { result: 'x' }],
    ['resolved', 'verify', 'community', {}],
    ['resolved', 'verify', 'property', {}],
    ['verified', 'reply', 'gridWorker', { message: 'x' }],
    ['replied', 'rate', 'community', { rating: 'satisfied' }],
    ['reopened', 'resolve', 'gridWorker', { result: 'x' }],
  ]
  it.each(cases)('in %s, %s by %s is 403', async (status, action, username, fields) => {
    const a = await appealIn(status)
    const res = await actRaw(t, await login(username), a, action, fields)
    expect(res.statusCode, res.body).toBe(403)
    expect(res.json().code).toBe('FORBIDDEN_ACTION')
    expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/)
  })

  it('someone who cannot see the appeal gets 404, whatever the action', async () => {
    const a = await appealIn('submitted')
    for (const username of ['otherGridWorker', 'otherCommunity', 'property', 'otherResident', 'department', 'otherStreet'] as const) {
      const res = await actRaw(t, await login(username), a, 'accept')
      expect(res.statusCode, username).toBe(404)
    }
  })
})

describe('order of checks: 404 → 409 → 422 → 403 → 400', () => {
  it('a stale version is 409 even when the action is also illegal or forbidden', async () => {
    const a = await appealIn('accepted')
    const stale = { id: a.id, version: a.version - 1 }
    const community = await login('community')
    expect((await actRaw(t, community, stale, 'dispatch', { assigneeType: 'property', assigneeId: '1' })).statusCode).toBe(409)
    expect((await actRaw(t, community, stale, 'verify')).statusCode).toBe(409) // illegal in accepted
    const wrongRole = await actRaw(t, await login('resident'), stale, 'dispatch', { assigneeType: 'property', assigneeId: '1' })
    expect(wrongRole.statusCode).toBe(409)
    expect(wrongRole.json().code).toBe('VERSION_CONFLICT')
    // but out of scope stays 404 (no leak of existence or version)
    expect((await actRaw(t, await login('otherCommunity'), stale, 'dispatch')).statusCode).toBe(404)
  })

  it('an illegal action is 422 even for a role that could never take it', async () => {
    const a = await appealIn('submitted')
    const res = await actRaw(t, await login('resident'), a, 'reply', { message: 'x' })
    expect(res.statusCode).toBe(422)
  })

  it('a permitted action with missing or extra fields is 400 and writes nothing', async () => {
    const a = await appealIn('accepted')
    const community = await login('community')
    const missing = await actRaw(t, community, a, 'dispatch', {})
    expect(missing.statusCode).toBe(400)
    expect(missing.json().details.map((d: { field: string }) => d.field).sort()).toEqual(['assigneeId', 'assigneeType'])
    const extra = await actRaw(t, community, a, 'reject', { reason: '重复', rating: 'satisfied' })
    expect(extra.statusCode).toBe(400)
    expect(extra.json().details).toEqual([{ field: 'rating', message: '此操作不需要该字段' }])
    expect((await getAppeal(t, community, a.id)).version).toBe(a.version)
  })

})

describe('the other roads through the loop', () => {
  it('a grid worker resolves on the spot with a photo; the community replies; a phone follow-up rates it', async () => {
    const gw = await login('gridWorker')
    let a = await submitAppeal(t, gw, {
      categoryCode: 'sanitation.garbage',
      title: '3栋门口垃圾堆放',
      description: '垃圾两天未清运',
      gridCode: cast.resident.grid.code,
    })
    expect(a.channel).toBe('patrol')
    expect(a.allowedActions).toEqual(expect.arrayContaining(['accept', 'resolveOnSpot', 'reject', 'merge']))
    const noPhoto = await actRaw(t, gw, a, 'resolveOnSpot', { result: '已清理' })
    expect(noPhoto.statusCode).toBe(400)
    const photo = await uploadPhoto(t, gw)
    a = await act(t, gw, a, 'resolveOnSpot', { result: '已联系保洁清理干净', photoIds: [photo] })
    expect(a.status).toBe('verified')
    expect(a.resolutionLevel).toBe('grid')
    const community = await login('community')
    a = await act(t, community, a, 'reply', { message: '已清理' })
    // raised by a grid worker: no resident account, so the rating is a follow-up on the resident's behalf
    const selfRate = await actRaw(t, await login('resident'), a, 'rate', { rating: 'satisfied' })
    expect(selfRate.statusCode).toBe(404) // not the resident's appeal
    const wrong = await actRaw(t, community, a, 'rate', { rating: 'satisfied' })
    expect(wrong.statusCode).toBe(422)
    expect(wrong.json().code).toBe('NO_RESIDENT_ACCOUNT')
    a = await act(t, community, a, 'rateOnBehalf', { rating: 'basic', comment: '电话回访：基本满意', via: 'phone' })
    expect(a.status).toBe('closed')
    expect(a.closeReason).toBe('basic')
    expect(a.photoIds).toEqual([])
    const detail = await getAppeal(t, community, a.id)
    expect(detail.events!.find((e) => e.action === 'resolveOnSpot')!.fields.photoIds).toEqual([photo])
    // the photo is readable by the community now that the appeal references it
    const file = await t.request(community, 'GET', `/api/v1/files/${photo}`)
    expect(file.statusCode).toBe(200)
    expect(file.headers['content-type']).toBe('image/png')
  })

  it('a 联户长 resolves a problem of their own building on the spot (resolution level 楼栋)', async () => {
    let a = await submitAppeal(t, await login('resident'), { categoryCode: 'property.facility', title: '楼道灯不亮', description: '2单元3楼楼道灯坏了' })
    const leader = await login('leader')
    a = await getAppeal(t, leader, a.id)
    expect(a.allowedActions).toEqual(['resolveOnSpot'])
    const photo = await uploadPhoto(t, leader)
    a = await act(t, leader, a, 'resolveOnSpot', { result: '已更换灯泡', photoIds: [photo] })
    expect(a.resolutionLevel).toBe('building')
  })

  it('verification can fail and send the work back to the same handler', async () => {
    let a = await appealIn('resolved')
    const gw = await login('gridWorker')
    a = await act(t, gw, a, 'verifyFail', { reason: '现场查看电梯仍有异响' })
    expect(a.status).toBe('in_progress')
    expect(a.assignee?.type).toBe('property')
    a = await act(t, await login('property'), a, 'resolve', { result: '更换导轨，试运行正常' })
    expect(a.status).toBe('resolved')
  })

  it('the grid rejects what is not for it and merges a duplicate into an open appeal', async () => {
    const gw = await login('gridWorker')
    const first = await submitAppeal(t, await login('resident'), { title: '电梯又坏了', description: '同一部电梯' })
    const dup = await submitAppeal(t, await login('resident'), { title: '电梯坏了（重复）', description: '同一部电梯' })
    const selfMerge = await actRaw(t, gw, dup, 'merge', { duplicateOf: dup.id })
    expect(selfMerge.statusCode).toBe(422)
    const merged = await act(t, gw, dup, 'merge', { duplicateOf: first.id })
    expect(merged).toMatchObject({ status: 'closed', closeReason: 'merged', duplicateOf: first.id })
    const toClosed = await submitAppeal(t, await login('resident'), { title: '再次重复', description: '同一部电梯' })
    const intoClosed = await actRaw(t, gw, toClosed, 'merge', { duplicateOf: merged.id })
    expect(intoClosed.statusCode).toBe(422)
    expect(intoClosed.json().code).toBe('INVALID_DUPLICATE')
    const rejected = await act(t, gw, toClosed, 'reject', { reason: '属于重复反映，已在处理中' })
    expect(rejected).toMatchObject({ status: 'closed', closeReason: 'rejected' })
  })

  it('accepting may re-colour the appeal', async () => {
    const a = await submitAppeal(t, await login('resident'), { categoryCode: 'noise.neighbour', title: '楼上噪音', description: '每晚十二点后仍有噪音' })
    expect(a.color).toBe('blue')
    const accepted = await act(t, await login('gridWorker'), a, 'accept', { importance: 'high', urgency: 'urgent' })
    expect(accepted.color).toBe('red')
    const detail = await getAppeal(t, await login('community'), a.id)
    expect(detail.events!.at(-1)!.fields).toMatchObject({ color: 'red', previousColor: 'blue' })
  })

  it('a resident flagging urgent gets an orange appeal with a two-hour response limit', async () => {
    const a = await submitAppeal(t, await login('resident'), { categoryCode: 'noise.business', title: '烧烤店噪音', description: '深夜扰民', isUrgent: true })
    expect(a.color).toBe('orange')
    expect(Date.parse(a.deadlines.responseDueAt!) - Date.parse(a.createdAt)).toBe(2 * 3600_000)
  })

  it('the party-member pool: any registered party member may claim, and the claimer becomes the handler', async () => {
    let a = await appealIn('accepted')
    const community = await login('community')
    a = await act(t, community, a, 'dispatch', { assigneeType: 'partyMember', assigneeId: 'pool' })
    const dy = await login('partyMember')
    const seen = await getAppeal(t, dy, a.id)
    expect(seen.allowedActions).toContain('claim')
    a = await act(t, dy, seen, 'claim')
    expect(a.assignee).toMatchObject({ type: 'partyMember' })
    expect(a.assignee!.id).not.toBe('pool')
    a = await act(t, dy, a, 'resolve', { result: '党员上门协助处理完毕' })
    expect(a.status).toBe('resolved')
  })

  it('dispatching to someone outside the candidates is refused', async () => {
    const a = await appealIn('accepted')
    const res = await actRaw(t, await login('community'), a, 'dispatch', { assigneeType: 'property', assigneeId: '999999' })
    expect(res.statusCode).toBe(422)
    expect(res.json().code).toBe('INVALID_ASSIGNEE')
  })

  it('the to-do view shows each role what waits for it', async () => {
    const a = await appealIn('submitted')
    const gw = await login('gridWorker')
    const todo = (await t.request(gw, 'GET', '/api/v1/appeals?view=todo&limit=100')).json<{ items: Appeal[] }>()
    expect(todo.items.some((x) => x.id === a.id)).toBe(true)
    expect(todo.items.every((x) => x.allowedActions.length > 0)).toBe(true)
    const cm = (await t.request(await login('community'), 'GET', '/api/v1/appeals?view=todo&limit=100')).json<{ items: Appeal[] }>()
    expect(cm.items.some((x) => x.id === a.id)).toBe(false)
  })
})
