/**
 * 双报到 through the HTTP API: a party member registers at a community, the community confirms or
 * declines, a confirmed registration is transferred to another community; every change is on the
 * timeline and in the audit log, reaches the right inbox, and follows the core's order of refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Registration } from '#contracts/registrations'
import {
  buildAdmin,
  buildCommunity,
  buildPartyMember,
  buildPlaceAccount,
  buildRegisteredUnit,
  buildResident,
  buildStreetAccount,
  type BuiltAccount,
  type BuiltPlace,
} from '../../../test/factories'
import { createTestApp, type TestApp } from '../../../test/setup'

let t: TestApp
let auditAdmin: BuiltAccount
/** the members' unit: registered at a community of its own (members register where they live) */
let unit: { id: number; name: string; partyOrgName: string }
beforeAll(async () => {
  t = await createTestApp()
  auditAdmin = await buildAdmin(t, 'auditAdmin')
  unit = await buildRegisteredUnit(t)
})
afterAll(async () => t?.close())

async function register(token: string, communityCode: string, extra: Record<string, unknown> = {}) {
  return t.request(token, 'POST', '/api/v1/registrations', { communityCode, unitId: String(unit.id), workUnit: '镇宁自治县住建局', post: 'engineering', ...extra })
}

async function act(token: string, r: Pick<Registration, 'id' | 'version'>, action: string, fields: Record<string, unknown> = {}) {
  return t.request(token, 'POST', `/api/v1/registrations/${r.id}/actions`, { action, version: r.version, ...fields })
}

async function auditOf(id: string) {
  const admin = await auditAdmin.login()
  const res = await t.request(admin, 'GET', `/api/v1/audit-logs?entityType=registration&entityId=${id}&limit=100`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json<{ items: { action: string; actor: { role: string } }[] }>().items.map((e) => e.action).reverse()
}

async function inboxTitles(token: string) {
  const res = await t.request(token, 'GET', '/api/v1/notifications?limit=100')
  return res.json<{ items: { kind: string; title: string }[] }>().items.filter((n) => n.kind === 'registration').map((n) => n.title)
}

// A story: each step builds on the one before, so its steps keep their order.
describe('a party member registers at a community, which confirms it', { shuffle: false }, () => {
  let home: BuiltPlace
  let member: { id: number; name: string; account: BuiltAccount }
  let community: BuiltAccount

  beforeAll(async () => {
    home = await buildCommunity(t)
    member = await buildPartyMember(t, home)
    community = await buildPlaceAccount(t, home, 'community')
  })

  it('submitted: the member sees it waiting, with nothing to do; the community is told and may confirm or decline', async () => {
    const res = await register(member.account.token, home.code, { skills: '水电维修', phone: '13812345678' })
    expect(res.statusCode, res.body).toBe(201)
    const r = res.json<Registration>()
    expect(r).toMatchObject({
      status: 'submitted',
      statusName: '待确认',
      version: 1,
      member: { id: String(member.id), name: member.name },
      community: { code: home.code, name: home.name },
      workUnit: '镇宁自治县住建局',
      unit: { id: String(unit.id), name: unit.name },
      partyOrg: unit.partyOrgName,
      phone: '138****5678',
      post: 'engineering',
      postName: '工程协管员',
      skills: '水电维修',
      allowedActions: [],
    })
    expect(r.events!.map((e) => [e.action, e.actionName, e.fromStatus, e.toStatus])).toEqual([['submit', '提交报到', null, 'submitted']])

    const seen = (await t.request(community.token, 'GET', `/api/v1/registrations/${r.id}`)).json<Registration>()
    expect(seen.allowedActions).toEqual(['confirm', 'decline'])
    expect(await inboxTitles(community.token)).toEqual([`在职党员报到待确认：${member.name}`])
  })

  it('a second registration at the same community while one is live is 409 ALREADY_REGISTERED', async () => {
    const res = await register(member.account.token, home.code)
    expect(res.statusCode).toBe(409)
    expect(res.json().code).toBe('ALREADY_REGISTERED')
  })

  it('confirmed by the community: the member is told, the timeline and the audit log say so, the version moves on', async () => {
    const [r] = (await t.request(member.account.token, 'GET', '/api/v1/registrations')).json<{ items: Registration[] }>().items
    const res = await act(community.token, r!, 'confirm', { note: '欢迎参加社区志愿服务' })
    expect(res.statusCode, res.body).toBe(200)
    const confirmed = res.json<Registration>()
    expect(confirmed).toMatchObject({ status: 'confirmed', statusName: '已报到', version: 2 })
    expect(confirmed.decidedAt).not.toBeNull()
    expect(confirmed.events!.map((e) => [e.action, e.fromStatus, e.toStatus, e.actor.role])).toEqual([
      ['submit', null, 'submitted', 'partyMember'],
      ['confirm', 'submitted', 'confirmed', 'community'],
    ])
    expect(confirmed.events![1]!.fields).toEqual({ note: '欢迎参加社区志愿服务' })
    expect(await inboxTitles(member.account.token)).toEqual(['社区已确认您的报到'])
    expect(await auditOf(r!.id)).toEqual(['registration.submit', 'registration.confirm'])
    // the member may now transfer it; the community too
    expect((await t.request(member.account.token, 'GET', `/api/v1/registrations/${r!.id}`)).json<Registration>().allowedActions).toEqual(['transfer'])
  })
})

describe('the order of refusals every workflow follows: 404 → 409 → 422 → 403 → 400', () => {
  let home: BuiltPlace
  let other: BuiltPlace
  let community: BuiltAccount
  let otherCommunity: BuiltAccount

  beforeAll(async () => {
    home = await buildCommunity(t)
    other = await buildCommunity(t)
    community = await buildPlaceAccount(t, home, 'community')
    otherCommunity = await buildPlaceAccount(t, other, 'community')
  })

  /** Each test its own member and registration, so the tests stand in any order. */
  async function registered(): Promise<{ member: { id: number; account: BuiltAccount }; r: Registration }> {
    const member = await buildPartyMember(t, home)
    const res = await register(member.account.token, home.code)
    expect(res.statusCode, res.body).toBe(201)
    return { member, r: res.json<Registration>() }
  }

  it('another community does not see it: 404, even with a stale version and a wrong action', async () => {
    const { r } = await registered()
    for (const [action, version] of [['confirm', r.version], ['transfer', r.version + 5]] as const) {
      const res = await act(otherCommunity.token, { id: r.id, version }, action)
      expect(res.statusCode).toBe(404)
    }
    expect((await t.request(otherCommunity.token, 'GET', `/api/v1/registrations/${r.id}`)).statusCode).toBe(404)
  })

  it('a stale version is 409 whatever else is wrong', async () => {
    const { member, r } = await registered()
    const res = await act(member.account.token, { id: r.id, version: r.version + 1 }, 'transfer')
    expect(res.statusCode).toBe(409)
    expect(res.json().code).toBe('VERSION_CONFLICT')
  })

  it('an action the state does not allow is 422, for the member and the community alike', async () => {
    const { member, r } = await registered()
    for (const token of [member.account.token, community.token]) {
      const res = await act(token, r, 'transfer', { toCommunityCode: other.code })
      expect(res.statusCode).toBe(422)
      expect(res.json().code).toBe('INVALID_TRANSITION')
    }
  })

  it('an action only the community may take is 403 for the member', async () => {
    const { member, r } = await registered()
    const res = await act(member.account.token, r, 'confirm')
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('FORBIDDEN_ACTION')
  })

  it('a missing or stray field is 400, and nothing changed', async () => {
    const { r } = await registered()
    const missing = await act(community.token, r, 'decline')
    expect(missing.statusCode).toBe(400)
    expect(missing.json().details).toEqual([{ field: 'reason', message: '缺少必填字段 reason' }])
    const stray = await act(community.token, r, 'confirm', { toCommunityCode: other.code })
    expect(stray.statusCode).toBe(400)
    const still = (await t.request(community.token, 'GET', `/api/v1/registrations/${r.id}`)).json<Registration>()
    expect(still).toMatchObject({ status: 'submitted', version: 1 })
  })

  it('declined with a reason: the member is told why; a declined registration takes no action', async () => {
    const { member, r } = await registered()
    const res = await act(community.token, r, 'decline', { reason: '工作单位信息不完整，请补充后重新报到' })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json<Registration>()).toMatchObject({ status: 'declined', statusName: '未通过', allowedActions: [] })
    expect(await inboxTitles(member.account.token)).toContain('社区未确认您的报到')
    expect((await act(community.token, res.json<Registration>(), 'confirm')).statusCode).toBe(422)
    // declined is not live: the member may register again at the same community
    expect((await register(member.account.token, home.code)).statusCode).toBe(201)
  })
})

describe('transfer: the member moves, and the registration goes with them', () => {
  it('the old one is transferred and points to a new one submitted at the new community, in one step', async () => {
    const home = await buildCommunity(t)
    const next = await buildCommunity(t)
    const member = await buildPartyMember(t, home)
    const community = await buildPlaceAccount(t, home, 'community')
    const nextCommunity = await buildPlaceAccount(t, next, 'community')
    let r = (await register(member.account.token, home.code)).json<Registration>()
    r = (await act(community.token, r, 'confirm')).json<Registration>()

    expect((await act(member.account.token, r, 'transfer', { toCommunityCode: home.code })).json().code).toBe('TRANSFER_TO_SAME_COMMUNITY')
    const unknown = await act(member.account.token, r, 'transfer', { toCommunityCode: '520423002999' })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().code).toBe('UNKNOWN_COMMUNITY')

    const res = await act(member.account.token, r, 'transfer', { toCommunityCode: next.code })
    expect(res.statusCode, res.body).toBe(200)
    const moved = res.json<Registration>()
    expect(moved).toMatchObject({ status: 'transferred', statusName: '已转出', allowedActions: [] })
    expect(moved.transferredToId).not.toBeNull()

    const fresh = (await t.request(nextCommunity.token, 'GET', `/api/v1/registrations/${moved.transferredToId}`)).json<Registration>()
    expect(fresh).toMatchObject({ status: 'submitted', community: { code: next.code }, workUnit: r.workUnit, allowedActions: ['confirm', 'decline'] })
    expect(fresh.events!.map((e) => [e.action, e.fields])).toEqual([['submit', { communityCode: next.code, transferredFrom: r.id }]])
    expect(await inboxTitles(nextCommunity.token)).toEqual([`在职党员报到待确认：${member.name}`])
    // the old community no longer sees the new registration
    expect((await t.request(community.token, 'GET', `/api/v1/registrations/${moved.transferredToId}`)).statusCode).toBe(404)
    expect(await auditOf(r.id)).toEqual(['registration.submit', 'registration.confirm', 'registration.transfer'])
  })

  it('two communities deciding at once: exactly one wins, the other gets 409 and changes nothing', async () => {
    const home = await buildCommunity(t)
    const member = await buildPartyMember(t, home)
    const a = await buildPlaceAccount(t, home, 'community')
    const b = await buildPlaceAccount(t, home, 'community')
    const r = (await register(member.account.token, home.code)).json<Registration>()
    const results = await Promise.all([act(a.token, r, 'confirm'), act(b.token, r, 'decline', { reason: '重复报到' })])
    expect(results.map((x) => x.statusCode).sort()).toEqual([200, 409])
    const final = (await t.request(a.token, 'GET', `/api/v1/registrations/${r.id}`)).json<Registration>()
    expect(final.version).toBe(2)
    expect(final.events).toHaveLength(2)
  })
})

describe('who sees what', () => {
  it('the street sees registrations under it, a resident may neither register nor list', async () => {
    const home = await buildCommunity(t)
    const member = await buildPartyMember(t, home)
    const r = (await register(member.account.token, home.code)).json<Registration>()
    const street = (await buildStreetAccount(t)).token
    const list = (await t.request(street, 'GET', `/api/v1/registrations?place=${home.code}`)).json<{ items: Registration[] }>()
    expect(list.items.map((x) => x.id)).toEqual([r.id])
    expect(list.items[0]!.allowedActions).toEqual([])
    const resident = (await buildResident(t)).account.token
    expect((await register(resident, home.code)).statusCode).toBe(403)
    expect((await t.request(resident, 'GET', '/api/v1/registrations')).statusCode).toBe(403)
    // a place outside the caller's scope is 404
    expect((await t.request(street, 'GET', '/api/v1/registrations?place=520423001')).statusCode).toBe(404)
  })
})
