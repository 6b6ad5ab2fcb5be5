/**
 * 双报到 — units through the HTTP API: a community records a unit, the unit registers at the community
 * under a pairing agreement, the community confirms or declines; members register naming a registered
 * unit (never one that has not registered); a unit's account sees only its own members.
 */
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Registration } from '#contracts/registrations'
import type { Unit, UnitMember, UnitRegistration } from '#contracts/units'
import {
  buildAdmin,
  buildCommunity,
  buildPartyMember,
  buildPlaceAccount,
  buildRegisteredUnit,
  buildStreetAccount,
  buildUnit,
  buildUnitAccount,
  buildWish,
  creditServiceAs,
  type BuiltAccount,
  type BuiltPlace,
} from '../../../test/factories'
import { createTestApp, type TestApp } from '../../../test/setup'
import { createJobRunner } from '../../jobs/runner'
import { uploadPhoto } from '../../../test/appeal-helpers'
import { insertVolunteerActivity, insertVolunteerSignup } from '../volunteers'

let t: TestApp
let auditAdmin: BuiltAccount
beforeAll(async () => {
  t = await createTestApp()
  auditAdmin = await buildAdmin(t, 'auditAdmin')
})
afterAll(async () => t?.close())

const agreement = {
  termStart: '2026-01-01',
  termEnd: '2027-12-31',
  resources: ['会议室（可容纳 50 人）', '每季度义诊一次'],
  yearPlan: '每月第二个周六到社区开展志愿服务',
}

async function registerUnit(token: string, body: Record<string, unknown>) {
  return t.request(token, 'POST', '/api/v1/unit-registrations', { ...agreement, ...body })
}

async function act(token: string, r: Pick<UnitRegistration, 'id' | 'version'>, action: string, fields: Record<string, unknown> = {}) {
  return t.request(token, 'POST', `/api/v1/unit-registrations/${r.id}/actions`, { action, version: r.version, ...fields })
}

async function auditActions(entityType: string, id?: string) {
  const admin = await auditAdmin.login()
  const res = await t.request(admin, 'GET', `/api/v1/audit-logs?entityType=${entityType}${id ? `&entityId=${id}` : ''}&limit=100`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json<{ items: { action: string }[] }>().items.map((e) => e.action).reverse()
}

async function inboxTitles(token: string) {
  const res = await t.request(token, 'GET', '/api/v1/notifications?limit=100')
  return res.json<{ items: { kind: string; title: string }[] }>().items.filter((n) => n.kind === 'unitRegistration').map((n) => n.title)
}

// A story: each step builds on the one before.
describe('a unit registers at a community, which confirms it', { shuffle: false }, () => {
  let home: BuiltPlace
  let community: BuiltAccount
  let unit: Unit
  let unitAccount: BuiltAccount
  let reg: UnitRegistration

  beforeAll(async () => {
    home = await buildCommunity(t)
    community = await buildPlaceAccount(t, home, 'community')
  })

  it('the community records the unit once; the same name again in the county is 409', async () => {
    const body = { name: `县人民医院${home.code}`, kind: 'institution', partyOrgName: '县人民医院党委', contactName: '王主任', contactPhone: '0851-36221234' }
    const res = await t.request(community.token, 'POST', '/api/v1/units', body)
    expect(res.statusCode, res.body).toBe(201)
    unit = res.json<Unit>()
    expect(unit).toMatchObject({ name: body.name, kind: 'institution', kindName: '事业单位', partyOrgName: '县人民医院党委', countyCode: '520423', pairedCommunities: [], memberCount: 0 })
    const again = await t.request(community.token, 'POST', '/api/v1/units', body)
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('UNIT_NAME_TAKEN')
    expect(await auditActions('partyUnit', unit.id)).toEqual(['partyUnit.create'])
  })

  it('the unit registers with its agreement: waiting, the community is told and may confirm or decline', async () => {
    unitAccount = await buildUnitAccount(t, { id: Number(unit.id), name: unit.name, partyOrgName: unit.partyOrgName })
    const res = await registerUnit(unitAccount.token, { communityCode: home.code })
    expect(res.statusCode, res.body).toBe(201)
    reg = res.json<UnitRegistration>()
    expect(reg).toMatchObject({
      status: 'submitted',
      statusName: '待确认',
      version: 1,
      unit: { id: unit.id, name: unit.name, kindName: '事业单位' },
      community: { code: home.code, name: home.name },
      agreement,
      allowedActions: ['withdraw'],
    })
    expect(reg.events!.map((e) => [e.action, e.actionName, e.toStatus])).toEqual([['submit', '单位报到', 'submitted']])
    const seen = (await t.request(community.token, 'GET', `/api/v1/unit-registrations/${reg.id}`)).json<UnitRegistration>()
    expect(seen.allowedActions).toEqual(['confirm', 'decline'])
    expect(await inboxTitles(community.token)).toEqual([`单位报到待确认：${unit.name}`])
    // a second live registration at the same community is 409
    const twice = await registerUnit(unitAccount.token, { communityCode: home.code })
    expect(twice.statusCode).toBe(409)
    expect(twice.json().code).toBe('ALREADY_REGISTERED')
  })

  it('confirmed: the unit is told, the timeline and audit log say so, the community lists it and the unit is paired', async () => {
    const res = await act(community.token, reg, 'confirm', { note: '欢迎共驻共建' })
    expect(res.statusCode, res.body).toBe(200)
    const confirmed = res.json<UnitRegistration>()
    expect(confirmed).toMatchObject({ status: 'confirmed', statusName: '已报到', version: 2, allowedActions: ['end'] })
    expect(confirmed.events!.map((e) => [e.action, e.actor.role])).toEqual([
      ['submit', 'unit'],
      ['confirm', 'community'],
    ])
    expect(await inboxTitles(unitAccount.token)).toEqual(['社区已确认单位报到'])
    expect(await auditActions('unitRegistration', reg.id)).toEqual(['unitRegistration.submit', 'unitRegistration.confirm'])

    const list = (await t.request(community.token, 'GET', '/api/v1/unit-registrations?status=confirmed')).json<{ items: UnitRegistration[] }>()
    expect(list.items.map((x) => x.id)).toEqual([reg.id])
    const u = (await t.request(community.token, 'GET', `/api/v1/units/${unit.id}`)).json<Unit>()
    expect(u.pairedCommunities).toEqual([{ code: home.code, name: home.name }])
    const registered = (await t.request(community.token, 'GET', `/api/v1/units?registered=true&q=${encodeURIComponent(unit.name)}`)).json<{ items: Unit[] }>()
    expect(registered.items.map((x) => x.id)).toEqual([unit.id])
    // the unit sees its own registration and may withdraw from it
    const own = (await t.request(unitAccount.token, 'GET', '/api/v1/unit-registrations')).json<{ items: UnitRegistration[] }>()
    expect(own.items.map((x) => [x.id, x.allowedActions])).toEqual([[reg.id, ['withdraw']]])
  })
})

describe('declining, withdrawing and the order of refusals', () => {
  let home: BuiltPlace
  let community: BuiltAccount
  let otherCommunity: BuiltAccount

  beforeAll(async () => {
    home = await buildCommunity(t)
    community = await buildPlaceAccount(t, home, 'community')
    otherCommunity = await buildPlaceAccount(t, await buildCommunity(t), 'community')
  })

  async function submitted() {
    const unit = await buildUnit(t)
    const account = await buildUnitAccount(t, unit)
    const res = await registerUnit(account.token, { communityCode: home.code })
    expect(res.statusCode, res.body).toBe(201)
    return { unit, account, r: res.json<UnitRegistration>() }
  }

  it('declined with a reason: the unit is told why, with the audit row; without a reason 400 and nothing changed', async () => {
    const { account, r } = await submitted()
    const missing = await act(community.token, r, 'decline')
    expect(missing.statusCode).toBe(400)
    expect(missing.json().details).toEqual([{ field: 'reason', message: '缺少必填字段 reason' }])
    expect(await auditActions('unitRegistration', r.id)).toEqual(['unitRegistration.submit'])
    const res = await act(community.token, r, 'decline', { reason: '共建资源与社区需求不符，请调整后再报到' })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json<UnitRegistration>()).toMatchObject({ status: 'declined', statusName: '未通过', allowedActions: [] })
    expect(await inboxTitles(account.token)).toEqual(['社区未确认单位报到'])
    expect(await auditActions('unitRegistration', r.id)).toEqual(['unitRegistration.submit', 'unitRegistration.decline'])
  })

  it('another community: 404 even with a stale version; the unit may not confirm itself (403); a stale version is 409', async () => {
    const { account, r } = await submitted()
    expect((await act(otherCommunity.token, { id: r.id, version: 9 }, 'confirm')).statusCode).toBe(404)
    expect((await t.request(otherCommunity.token, 'GET', `/api/v1/unit-registrations/${r.id}`)).statusCode).toBe(404)
    const self = await act(account.token, r, 'confirm')
    expect(self.statusCode).toBe(403)
    expect((await act(community.token, { id: r.id, version: 2 }, 'confirm')).json().code).toBe('VERSION_CONFLICT')
    expect((await act(community.token, r, 'end')).statusCode).toBe(422)
  })

  it('two community accounts deciding at once: one wins, the other gets 409 and nothing of it is written', async () => {
    const { r } = await submitted()
    const second = await buildPlaceAccount(t, home, 'community')
    const results = await Promise.all([act(community.token, r, 'confirm'), act(second.token, r, 'decline', { reason: '重复报到' })])
    expect(results.map((x) => x.statusCode).sort()).toEqual([200, 409])
    const final = (await t.request(community.token, 'GET', `/api/v1/unit-registrations/${r.id}`)).json<UnitRegistration>()
    expect(final.version).toBe(2)
    expect(final.events).toHaveLength(2)
    expect(await auditActions('unitRegistration', r.id)).toHaveLength(2)
  })

  it('a street sees the registrations under it and takes no action; a party member may not register a unit', async () => {
    const { r } = await submitted()
    const street = await buildStreetAccount(t)
    const seen = (await t.request(street.token, 'GET', `/api/v1/unit-registrations?place=${home.code}`)).json<{ items: UnitRegistration[] }>()
    expect(seen.items.find((x) => x.id === r.id)?.allowedActions).toEqual([])
    const member = await buildPartyMember(t, home)
    const refused = await registerUnit(member.account.token, { communityCode: home.code, unitId: r.unit.id })
    expect(refused.statusCode).toBe(403)
    expect(refused.json().message).toBe('只有报到单位或县、街道、社区账号可以办理单位报到')
  })

  it('the unit withdraws; the community is told', async () => {
    const { unit, account, r } = await submitted()
    const res = await act(account.token, r, 'withdraw', { reason: '单位搬迁' })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json<UnitRegistration>()).toMatchObject({ status: 'withdrawn', statusName: '已退出' })
    expect(await inboxTitles(community.token)).toContain(`单位退出共建：${unit.name}`)
  })
})

describe('bad input is 400 with a Chinese message, and nothing is written', () => {
  it('missing fields, a malformed or unknown community, a term ending before it starts', async () => {
    const home = await buildCommunity(t)
    const community = await buildPlaceAccount(t, home, 'community')
    const unit = await buildUnit(t)
    const account = await buildUnitAccount(t, unit)
    const before = await auditActions('unitRegistration')

    const noResources = await t.request(account.token, 'POST', '/api/v1/unit-registrations', { communityCode: home.code, termStart: '2026-01-01', termEnd: '2026-12-31' })
    expect(noResources.statusCode).toBe(400)
    expect(noResources.json().details).toEqual([{ field: 'resources', message: '缺少必填字段 resources' }])
    const badCode = await registerUnit(account.token, { communityCode: '52042300201' })
    expect(badCode.statusCode).toBe(400)
    expect(badCode.json().message).toMatch(/[\u4e00-\u9fa5]/)
    expect(badCode.json().details[0].field).toBe('communityCode')
    const unknown = await registerUnit(account.token, { communityCode: '520423002999' })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json()).toMatchObject({ code: 'UNKNOWN_COMMUNITY', message: '社区不存在或不在单位所在县' })
    const backwards = await registerUnit(account.token, { communityCode: home.code, termStart: '2027-01-01', termEnd: '2026-01-01' })
    expect(backwards.statusCode).toBe(422)
    expect(backwards.json().code).toBe('INVALID_TERM')
    const noName = await t.request(community.token, 'POST', '/api/v1/units', { kind: 'organ', partyOrgName: '某党支部' })
    expect(noName.statusCode).toBe(400)
    expect(noName.json().details).toEqual([{ field: 'name', message: '缺少必填字段 name' }])
    const badKind = await t.request(community.token, 'POST', '/api/v1/units', { name: '某单位', kind: 'club', partyOrgName: '某党支部' })
    expect(badKind.statusCode).toBe(400)

    expect(await auditActions('unitRegistration')).toEqual(before)
    const list = (await t.request(account.token, 'GET', '/api/v1/unit-registrations?withTotal=true')).json<{ total: number }>()
    expect(list.total).toBe(0)
  })
})

describe('members name a registered unit', () => {
  async function memberRegistration(token: string, communityCode: string, unitId: number, extra: Record<string, unknown> = {}) {
    return t.request(token, 'POST', '/api/v1/registrations', { communityCode, unitId: String(unitId), post: 'volunteer', ...extra })
  }

  it('a unit that has not registered (or is still waiting) is 422 UNIT_NOT_REGISTERED, and nothing is written', async () => {
    const home = await buildCommunity(t)
    const community = await buildPlaceAccount(t, home, 'community')
    const member = await buildPartyMember(t, home)
    const unit = await buildUnit(t)
    const unitAccount = await buildUnitAccount(t, unit)
    const count = async () => (await t.request(community.token, 'GET', '/api/v1/registrations?withTotal=true')).json<{ total: number }>().total
    const audits = await auditActions('registration')

    const res = await memberRegistration(member.account.token, home.code, unit.id)
    expect(res.statusCode).toBe(422)
    expect(res.json()).toMatchObject({ code: 'UNIT_NOT_REGISTERED', message: '所选工作单位尚未到社区报到（须有社区确认的单位报到），请先请单位党组织报到' })
    // a registration waiting for confirmation is not enough
    expect((await registerUnit(unitAccount.token, { communityCode: home.code })).statusCode).toBe(201)
    expect((await memberRegistration(member.account.token, home.code, unit.id)).json().code).toBe('UNIT_NOT_REGISTERED')
    // a unit that does not exist is 400
    const unknown = await memberRegistration(member.account.token, home.code, 999999)
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().code).toBe('UNKNOWN_PARTY_UNIT')
    // no unit at all is 400
    const none = await t.request(member.account.token, 'POST', '/api/v1/registrations', { communityCode: home.code, workUnit: '某单位' })
    expect(none.statusCode).toBe(400)
    expect(none.json().details).toEqual([{ field: 'unitId', message: '缺少必填字段 unitId' }])

    expect(await count()).toBe(0)
    expect(await auditActions('registration')).toEqual(audits)
    expect(await inboxTitles(community.token)).toEqual([`单位报到待确认：${unit.name}`])
  })

  it('a unit paired elsewhere in the county will do: approved, then transferred, the unit and phone go with it', async () => {
    const unit = await buildRegisteredUnit(t)
    const home = await buildCommunity(t)
    const next = await buildCommunity(t)
    const member = await buildPartyMember(t, home)
    const community = await buildPlaceAccount(t, home, 'community')
    const nextCommunity = await buildPlaceAccount(t, next, 'community')
    const res = await memberRegistration(member.account.token, home.code, unit.id, { phone: '13987654321', skills: '急救' })
    expect(res.statusCode, res.body).toBe(201)
    let r = res.json<Registration>()
    expect(r).toMatchObject({ workUnit: unit.name, unit: { id: String(unit.id), name: unit.name }, partyOrg: unit.partyOrgName, phone: '139****4321' })
    r = (await act2(community.token, r, 'confirm')).json<Registration>()
    expect(r.status).toBe('confirmed')
    const moved = (await act2(member.account.token, r, 'transfer', { toCommunityCode: next.code })).json<Registration>()
    expect(moved.status).toBe('transferred')
    const fresh = (await t.request(nextCommunity.token, 'GET', `/api/v1/registrations/${moved.transferredToId}`)).json<Registration>()
    expect(fresh).toMatchObject({ status: 'submitted', unit: { id: String(unit.id) }, partyOrg: unit.partyOrgName, phone: '139****4321', skills: '急救' })
  })

  async function act2(token: string, r: Pick<Registration, 'id' | 'version'>, action: string, fields: Record<string, unknown> = {}) {
    return t.request(token, 'POST', `/api/v1/registrations/${r.id}/actions`, { action, version: r.version, ...fields })
  }

  it("a unit's account sees only its own members; another unit's are 404", async () => {
    const home = await buildCommunity(t)
    const community = await buildPlaceAccount(t, home, 'community')
    const a = await buildRegisteredUnit(t, { community: home })
    const b = await buildRegisteredUnit(t, { community: home })
    const aAccount = await buildUnitAccount(t, a)
    const ofA = await buildPartyMember(t, home)
    const ofB = await buildPartyMember(t, home)
    const ra = (await memberRegistration(ofA.account.token, home.code, a.id)).json<Registration>()
    const rb = (await memberRegistration(ofB.account.token, home.code, b.id)).json<Registration>()
    await act2(community.token, ra, 'confirm')

    const mine = await t.request(aAccount.token, 'GET', `/api/v1/units/${a.id}/members`)
    expect(mine.statusCode, mine.body).toBe(200)
    const items = mine.json<{ items: UnitMember[] }>().items
    expect(items.map((m) => [m.member.name, m.community.code, m.status, m.postName])).toEqual([[ofA.name, home.code, 'confirmed', '志愿服务员']])
    expect((await t.request(aAccount.token, 'GET', `/api/v1/units/${b.id}/members`)).statusCode).toBe(404)
    expect((await t.request(aAccount.token, 'GET', `/api/v1/units/${b.id}`)).statusCode).toBe(404)
    expect((await t.request(aAccount.token, 'GET', `/api/v1/registrations/${rb.id}`)).statusCode).toBe(404)
    const list = (await t.request(aAccount.token, 'GET', '/api/v1/registrations')).json<{ items: Registration[] }>()
    expect(list.items.map((x) => x.id)).toEqual([ra.id])
    expect((await t.request(aAccount.token, 'GET', '/api/v1/units')).json<{ items: Unit[] }>().items.map((u) => u.id)).toEqual([String(a.id)])
    // a unit handles no appeals
    expect((await t.request(aAccount.token, 'GET', '/api/v1/appeals')).statusCode).toBe(403)
    // the unit may not act on its members' registrations
    expect((await act2(aAccount.token, rb, 'confirm')).statusCode).toBe(404)
    // the community sees the units registered with it, and both units' members
    const units = (await t.request(community.token, 'GET', `/api/v1/unit-registrations?place=${home.code}`)).json<{ items: UnitRegistration[] }>()
    expect(units.items.map((x) => x.unit.id).sort()).toEqual([String(a.id), String(b.id)].sort())
    expect((await t.request(community.token, 'GET', `/api/v1/units/${b.id}/members`)).json<{ items: UnitMember[] }>().items.map((m) => m.member.name)).toEqual([ofB.name])
  })
})

describe('the ledgers export through the shared export: watermarked, masked, audited', () => {
  async function sheet(body: Buffer) {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(body as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]!
    const rows: string[][] = []
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))))
    return rows
  }

  it('units and members of a community: the community exports both; a street gets names masked; phones are always masked', async () => {
    const home = await buildCommunity(t)
    const community = await buildPlaceAccount(t, home, 'community')
    const unit = await buildRegisteredUnit(t, { community: home })
    const member = await buildPartyMember(t, home)
    const reg = await t.request(member.account.token, 'POST', '/api/v1/registrations', { communityCode: home.code, unitId: String(unit.id), phone: '13600001234', post: 'mediation' })
    expect(reg.statusCode, reg.body).toBe(201)

    const units = await t.request(community.token, 'GET', `/api/v1/exports/unit-registrations?place=${home.code}`)
    expect(units.statusCode, units.body.slice(0, 200)).toBe(200)
    const u = await sheet(units.rawPayload)
    expect(u[0]![0]).toBe('单位报到台账')
    expect(u[1]![0]).toContain('导出人：')
    expect(u[2]!.slice(0, 5)).toEqual(['单位', '类别', '单位党组织', '报到社区', '状态'])
    expect(u.slice(3).map((r) => [r[0], r[3], r[4], r[5]])).toEqual([[unit.name, home.name, '已报到', '2026-01-01 至 2028-12-31']])

    const members = await sheet((await t.request(community.token, 'GET', `/api/v1/exports/registrations?place=${home.code}`)).rawPayload)
    expect(members[0]![0]).toBe('在职党员报到台账')
    expect(members.slice(3).map((r) => [r[0], r[1], r[3], r[5], r[6]])).toEqual([[member.name, unit.name, '136****1234', '待确认', '矛盾调解员']])

    const street = await buildStreetAccount(t)
    const masked = await sheet((await t.request(street.token, 'GET', `/api/v1/exports/registrations?place=${home.code}`)).rawPayload)
    expect(masked[3]![0]).toMatch(/^.\*+$/)
    expect(masked[3]![3]).toBe('136****1234')

    const admin = await auditAdmin.login()
    const audit = (await t.request(admin, 'GET', '/api/v1/audit-logs?action=unitRegistration.export&limit=100')).json<{ items: { detail: { filter: unknown } }[] }>()
    expect(audit.items.map((e) => e.detail.filter)).toContainEqual({ place: home.code })
    // refused before any file starts: a place out of scope is 404, a resident's role 403
    expect((await t.request(community.token, 'GET', '/api/v1/exports/registrations?place=520423001')).statusCode).toBe(404)
  })
})

describe('a unit account, made by the security administrator', () => {
  it('takes the scope unit:<id> of a unit of the county; its own page names the unit; an unknown unit is 400', async () => {
    const unit = await buildUnit(t)
    const secadmin = await buildAdmin(t, 'securityAdmin')
    const body = { username: `dw_${unit.id}`, password: 'Unit@2026x', displayName: unit.partyOrgName, role: 'unit', scope: `unit:${unit.id}` }
    const res = await t.request(secadmin.token, 'POST', '/api/v1/users', body)
    expect(res.statusCode, res.body).toBe(201)
    const token = await t.login(body.username, body.password)
    const me = (await t.request(token, 'GET', '/api/v1/me')).json<{ role: string; roleName: string; scopeName: string }>()
    expect(me).toMatchObject({ role: 'unit', roleName: '报到单位', scopeName: unit.name })
    const unknown = await t.request(secadmin.token, 'POST', '/api/v1/users', { ...body, username: 'dw_none', scope: 'unit:999999' })
    expect(unknown.statusCode).toBe(400)
    const wrongForm = await t.request(secadmin.token, 'POST', '/api/v1/users', { ...body, username: 'dw_place', scope: '520423002013' })
    expect(wrongForm.statusCode).toBe(400)
  })
})

describe('协议期满: the leader’s job ends agreements whose term is over', () => {
  it('a confirmed registration whose term ended yesterday is ended by the system, audited, the unit told; a running one is left alone', async () => {
    const home = await buildCommunity(t)
    const community = await buildPlaceAccount(t, home, 'community')
    const old = await buildUnit(t)
    const current = await buildUnit(t)
    const oldAccount = await buildUnitAccount(t, old)
    // TEST_START is 2026-11-23 (Asia/Shanghai)
    let expired = (await registerUnit(oldAccount.token, { communityCode: home.code, termStart: '2025-11-23', termEnd: '2026-11-22' })).json<UnitRegistration>()
    expired = (await act(community.token, expired, 'confirm')).json<UnitRegistration>()
    let running = (await registerUnit((await buildUnitAccount(t, current)).token, { communityCode: home.code, termEnd: '2026-11-23' })).json<UnitRegistration>()
    running = (await act(community.token, running, 'confirm')).json<UnitRegistration>()

    const runner = createJobRunner(t.deps)
    await runner.tick()
    await runner.stop()

    const after = (await t.request(community.token, 'GET', `/api/v1/unit-registrations/${expired.id}`)).json<UnitRegistration>()
    expect(after).toMatchObject({ status: 'ended', statusName: '协议期满', allowedActions: [] })
    expect(after.events!.at(-1)).toMatchObject({ action: 'end', actor: { role: 'system' }, fields: { termEnd: '2026-11-22' } })
    expect(await auditActions('unitRegistration', expired.id)).toEqual(['unitRegistration.submit', 'unitRegistration.confirm', 'unitRegistration.end'])
    expect(await inboxTitles(oldAccount.token)).toContain('共驻共建协议期满')
    expect((await t.request(community.token, 'GET', `/api/v1/unit-registrations/${running.id}`)).json<UnitRegistration>().status).toBe('confirmed')
  })
})

describe('the OpenAPI document', () => {
  it('lists the units, unit registrations and a unit’s members, and the role unit', async () => {
    const res = await t.request(null, 'GET', '/docs/json')
    const doc = res.json<{ paths: Record<string, Record<string, unknown>> }>()
    for (const [path, method] of [
      ['/api/v1/units', 'post'],
      ['/api/v1/units', 'get'],
      ['/api/v1/units/{id}', 'get'],
      ['/api/v1/units/{id}/members', 'get'],
      ['/api/v1/unit-registrations', 'post'],
      ['/api/v1/unit-registrations', 'get'],
      ['/api/v1/unit-registrations/{id}/actions', 'post'],
      ['/api/v1/exports/unit-registrations', 'get'],
      ['/api/v1/exports/registrations', 'get'],
    ] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined()
    }
    const users = doc.paths['/api/v1/users']!.post as { requestBody: { content: Record<string, { schema: { properties: { role: { enum?: string[]; anyOf?: { const: string }[] } } } }> } }
    const role = users.requestBody.content['application/json']!.schema.properties.role
    expect(role.enum ?? role.anyOf?.map((x) => x.const)).toContain('unit')
  })
})

describe('工作在单位、服务在社区: a unit sees its members\' service', () => {
  it('hours, wishes fulfilled and points of its own members after they served — never another unit\'s', async () => {
    const home = await buildCommunity(t)
    const community = await buildPlaceAccount(t, home, 'community')
    const a = await buildRegisteredUnit(t, { community: home })
    const b = await buildRegisteredUnit(t, { community: home })
    const aAccount = await buildUnitAccount(t, a)
    const ofA = await buildPartyMember(t, home)
    const idle = await buildPartyMember(t, home)
    const ofB = await buildPartyMember(t, home)
    for (const [m, u] of [[ofA, a], [idle, a], [ofB, b]] as const) {
      const r = (await t.request(m.account.token, 'POST', '/api/v1/registrations', { communityCode: home.code, unitId: String(u.id), post: 'volunteer' })).json<Registration>()
      expect((await t.request(community.token, 'POST', `/api/v1/registrations/${r.id}/actions`, { action: 'confirm', version: r.version })).statusCode).toBe(200)
    }
    // both served 2.5 hours at an activity (the check-out flow itself is tested in volunteers)
    const now = t.clock.now()
    const startsAt = new Date(now.getTime() - 5 * 3600_000)
    const endsAt = new Date(now.getTime() - 2 * 3600_000)
    const activity = await insertVolunteerActivity(t.database.db, {
      communityCode: home.code,
      title: '敬老院义务理发',
      venue: '社区敬老院',
      startsAt,
      endsAt,
      slots: 10,
      taken: 2,
      kind: 'fixed',
      status: 'finished',
      checkInCode: '123456',
      createdByUserId: community.id,
      createdAt: startsAt,
      updatedAt: endsAt,
    })
    for (const m of [ofA, ofB]) {
      const signup = await insertVolunteerSignup(t.database.db, {
        activityId: activity.id,
        userId: m.account.id,
        role: 'volunteer',
        partyMemberId: m.id,
        status: 'completed',
        signedUpAt: startsAt,
        checkedInAt: startsAt,
        checkedOutAt: endsAt,
        hours: 2.5,
        updatedAt: endsAt,
      })
      await creditServiceAs(t, community, { earnerUserId: m.account.id, communityCode: home.code, source: { kind: 'activity', id: signup!.id }, quantity: 2.5, occurredAt: endsAt, reason: '参加“敬老院义务理发”志愿服务 2.5 小时' })
    }
    // A's member also claimed and fulfilled a wish
    let w = await buildWish(t, community)
    w = (await t.request(ofA.account.token, 'POST', `/api/v1/wishes/${w.id}/actions`, { action: 'claim', version: w.version })).json()
    const photo = await uploadPhoto(t, ofA.account.token)
    const done = await t.request(ofA.account.token, 'POST', `/api/v1/wishes/${w.id}/actions`, { action: 'fulfil', version: w.version, photoIds: [photo] })
    expect(done.statusCode, done.body).toBe(200)
    const balance = (await t.request(ofA.account.token, 'GET', `/api/v1/points/accounts/${ofA.account.id}`)).json<{ balance: number }>().balance

    const res = await t.request(aAccount.token, 'GET', `/api/v1/units/${a.id}/members`)
    expect(res.statusCode, res.body).toBe(200)
    const rows = res.json<{ items: UnitMember[] }>().items
    const byName = new Map(rows.map((m) => [m.member.name, m]))
    expect([...byName.keys()].sort()).toEqual([ofA.name, idle.name].sort())
    expect(byName.get(ofA.name)).toMatchObject({ serviceHours: 2.5, tasksDone: 1, households: 0, points: balance })
    expect(balance).toBeGreaterThan(0)
    expect(byName.get(idle.name)).toMatchObject({ serviceHours: 0, tasksDone: 0, households: 0, points: 0 })
    // B's member, who served too, is never in A's view, and B's view is not A's to read
    expect(rows.some((m) => m.member.name === ofB.name)).toBe(false)
    expect((await t.request(aAccount.token, 'GET', `/api/v1/units/${b.id}/members`)).statusCode).toBe(404)
  })
})
