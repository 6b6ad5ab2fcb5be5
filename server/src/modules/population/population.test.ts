/**
 * 实有人口 over HTTP: the register's search (name prefix, ID number by blind index, address), registering a person
 * with GB codes and the GB 11643 checksum, the moves and their residence history (moving out keeps the old stay,
 * moving back opens a new one; death; transfer), refused requests writing nothing, scope (another community's
 * person is 404, a resident 403), the audited identity read, the masked and audited export, and the register
 * updates a visit applies.
 */
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Person, PersonCard } from '#contracts/population'
import { makeCtx } from '../../context'
import { inTransaction } from '../../core'
import { makeIdNumber } from '../../lib/id-number'
import { loadActorByUsername } from '../auth'
import { populationRegisterUpdates } from './index'
import {
  buildAdmin,
  buildEmptyHousehold,
  buildGrid,
  buildGridWorker,
  buildPlaceAccount,
  buildResident,
  buildResidentRecord,
  buildStreetAccount,
  type BuiltAccount,
} from '../../../test/factories'
import { submitAppeal } from '../../../test/appeal-helpers'
import { createTestApp, type TestApp } from '../../../test/setup'

let t: TestApp
let grid: Awaited<ReturnType<typeof buildGrid>>
let otherGrid: Awaited<ReturnType<typeof buildGrid>>
let community: BuiltAccount
let otherCommunity: BuiltAccount
let worker: BuiltAccount
let audit: BuiltAccount

beforeAll(async () => {
  t = await createTestApp()
  grid = await buildGrid(t)
  otherGrid = await buildGrid(t)
  community = await buildPlaceAccount(t, grid.community, 'community')
  otherCommunity = await buildPlaceAccount(t, otherGrid.community, 'community')
  worker = await buildGridWorker(t, grid)
  audit = await buildAdmin(t, 'auditAdmin')
}, 120_000)
afterAll(async () => t?.close())

let serial = 100
/** A fresh valid ID number (西秀区 area code, so never one of the demo's or the factories'). */
const idNumber = (birth = '19850615') => makeIdNumber('520402', birth, ++serial)

async function call<T>(token: string, method: 'GET' | 'POST' | 'PATCH', url: string, body: unknown, status: number): Promise<T> {
  const res = await t.request(token, method, `/api/v1${url}`, body)
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status)
  return res.json<T>()
}
const get = <T>(token: string, url: string) => call<T>(token, 'GET', url, undefined, 200)

async function register(token: string, householdId: number, extra: Record<string, unknown> = {}) {
  return call<PersonCard>(token, 'POST', '/population/people', { householdId: String(householdId), name: '韦明', relationCode: '02', ...extra }, 201)
}

async function auditActions(action: string): Promise<{ entityId: string | null; detail: unknown; actor: { role: string } }[]> {
  return (await get<{ items: { entityId: string | null; detail: unknown; actor: { role: string } }[] }>(audit.token, `/audit-logs?action=${action}&limit=100`)).items
}

describe('the register and its search', () => {
  it('registers a person with GB codes: masked, named, a first stay opened, head of the empty household', async () => {
    const h = await buildEmptyHousehold(t, grid)
    const id = idNumber('19620301')
    const card = await register(community.token, h.id, {
      name: '罗桂英',
      idNumber: id,
      phone: '13800001111',
      ethnicity: '09',
      politicalStatus: '13',
      education: '71',
      maritalStatus: '20',
      residenceType: 'registered',
      fromDate: '2026-11-01',
      tags: ['独居老人'],
    })
    expect(card.person).toMatchObject({
      name: '罗桂英',
      idNumber: `520402********${id.slice(-4)}`,
      phone: '138****1111',
      birthDate: '1962-03-01',
      age: 64,
      ethnicity: { code: '09', name: '布依族' },
      relation: { code: '02', name: '户主' },
      residenceTypeName: '户籍人口',
      statusName: '在住',
    })
    expect(card.household).toMatchObject({ headName: '罗桂英', address: h.address })
    expect(card.history).toEqual([expect.objectContaining({ fromDate: '2026-11-01', toDate: null, startReasonName: '登记', address: h.address })])
    expect(card.allowedActions).toEqual(expect.arrayContaining(['update', 'moveOut', 'death', 'transfer', 'identity']))
  })

  it('finds people by name prefix, by the whole ID number (blind index) and by address', async () => {
    const h = await buildEmptyHousehold(t, grid)
    const id = idNumber('19900712')
    await register(community.token, h.id, { name: '岑晓燕', idNumber: id, phone: '15885551234' })
    const byName = await get<{ items: Person[] }>(community.token, `/population/people?q=${encodeURIComponent('岑晓')}`)
    expect(byName.items.map((p) => p.name)).toEqual(['岑晓燕'])
    const byId = await get<{ items: Person[] }>(community.token, `/population/people?q=${id}`)
    expect(byId.items.map((p) => p.name)).toEqual(['岑晓燕'])
    const byPhone = await get<{ items: Person[] }>(community.token, '/population/people?q=15885551234')
    expect(byPhone.items.map((p) => [p.name, p.phone])).toEqual([['岑晓燕', '158****1234']])
    // a name inside, not at the start, does not match the prefix
    expect((await get<{ items: Person[] }>(community.token, `/population/people?q=${encodeURIComponent('晓燕')}`)).items).toEqual([])
    const byAddress = await get<{ items: Person[] }>(community.token, `/population/people?address=${encodeURIComponent(h.address.slice(-6))}`)
    expect(byAddress.items.map((p) => p.name)).toContain('岑晓燕')
    // the grid worker finds them too; the other community does not
    expect((await get<{ items: Person[] }>(worker.token, `/population/people?q=${id}`)).items).toHaveLength(1)
    expect((await get<{ items: Person[] }>(otherCommunity.token, `/population/people?q=${id}`)).items).toEqual([])
  })

  it('refuses a bad checksum, an unknown code and a future date, writing nothing', async () => {
    const h = await buildEmptyHousehold(t, grid)
    const good = idNumber()
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1')
    const before = (await get<{ total: number }>(community.token, `/population/people?householdId=${h.id}&status=all&withTotal=true`)).total
    const r1 = await t.request(community.token, 'POST', '/api/v1/population/people', { householdId: String(h.id), name: '错号', relationCode: '02', idNumber: bad })
    expect(r1.statusCode).toBe(400)
    expect(r1.json().details[0]).toMatchObject({ field: 'idNumber' })
    const r2 = await t.request(community.token, 'POST', '/api/v1/population/people', { householdId: String(h.id), name: '错码', relationCode: '02', ethnicity: '77' })
    expect(r2.statusCode).toBe(400)
    expect(r2.json().details[0]).toMatchObject({ field: 'ethnicity' })
    const r3 = await t.request(community.token, 'POST', '/api/v1/population/people', { householdId: String(h.id), name: '未来', relationCode: '02', fromDate: '2027-01-01' })
    expect(r3.statusCode).toBe(400)
    const after = (await get<{ total: number }>(community.token, `/population/people?householdId=${h.id}&status=all&withTotal=true`)).total
    expect(after).toBe(before)
    expect(before).toBe(0)
  })

  it('refuses a managed group (社区矫正 …) as a free tag — it would show to every reader of the register — writing nothing', async () => {
    const h = await buildEmptyHousehold(t, grid)
    const r = await t.request(community.token, 'POST', '/api/v1/population/people', { householdId: String(h.id), name: '标签', relationCode: '02', tags: ['独居老人', '社区矫正'] })
    expect(r.statusCode).toBe(422)
    expect(r.json()).toMatchObject({ code: 'MANAGED_GROUP_TAG' })
    expect((await get<{ total: number }>(community.token, `/population/people?householdId=${h.id}&status=all&withTotal=true`)).total).toBe(0)
    const search = await t.request(community.token, 'GET', `/api/v1/population/people?tags=${encodeURIComponent('刑满释放')}`)
    expect(search.statusCode).toBe(422)
    const ok = await register(community.token, h.id, { tags: ['独居老人'] })
    expect(ok.person.tags).toEqual(['独居老人'])
  })

  it('a stale version of a correction is 409', async () => {
    const h = await buildEmptyHousehold(t, grid)
    const card = await register(community.token, h.id, { name: '杨文' })
    const v = card.person.version
    await call(community.token, 'PATCH', `/population/people/${card.person.id}`, { version: v, education: '21', occupation: '教师' }, 200)
    const stale = await t.request(community.token, 'PATCH', `/api/v1/population/people/${card.person.id}`, { version: v, occupation: '医生' })
    expect(stale.statusCode).toBe(409)
    const now = await get<PersonCard>(community.token, `/population/people/${card.person.id}`)
    expect(now.person).toMatchObject({ occupation: '教师', education: { code: '21', name: '大学本科毕业' } })
  })
})

describe('moves keep the history', () => {
  it('moving out closes the stay and keeps the person; moving back opens a second stay — the card shows both', async () => {
    const r = await buildResidentRecord(t, { grid })
    const card0 = await get<PersonCard>(worker.token, `/population/people/${r.id}`)
    expect(card0.history).toHaveLength(1)
    // the grid worker records what a visit found
    const out = await call<PersonCard>(worker.token, 'POST', `/population/people/${r.id}/move-out`, { date: '2026-11-10', note: '迁往贵阳' }, 200)
    expect(out.person.status).toBe('movedOut')
    expect(out.history[0]).toMatchObject({ toDate: '2026-11-10', endReasonName: '迁出', note: '迁往贵阳' })
    expect(out.allowedActions).toContain('moveIn')
    // the default list shows people living here; status=all shows them too
    expect((await get<{ items: Person[] }>(community.token, `/population/people?householdId=${r.householdId}`)).items).toEqual([])
    expect((await get<{ items: Person[] }>(community.token, `/population/people?householdId=${r.householdId}&status=all`)).items.map((p) => p.id)).toEqual([String(r.id)])
    // moving out twice is a rule, not a write
    const again = await t.request(worker.token, 'POST', `/api/v1/population/people/${r.id}/move-out`, { date: '2026-11-12' })
    expect(again.statusCode).toBe(422)
    const back = await call<PersonCard>(worker.token, 'POST', `/population/people/${r.id}/move-in`, { householdId: String(r.householdId), date: '2026-11-20' }, 200)
    expect(back.person.status).toBe('present')
    expect(back.history.map((s) => [s.fromDate, s.toDate, s.startReasonName, s.endReasonName])).toEqual([
      ['2026-11-20', null, '迁入', null],
      ['2020-01-01', '2026-11-10', '登记', '迁出'],
    ])
    const audited = await auditActions('person.moveOut')
    expect(audited.map((a) => a.entityId)).toContain(String(r.id))
  })

  it('a death closes the stay; a deceased person cannot move, and the refusal writes nothing', async () => {
    const r = await buildResidentRecord(t, { grid })
    const dead = await call<PersonCard>(community.token, 'POST', `/population/people/${r.id}/death`, { date: '2026-11-15', note: '病故' }, 200)
    expect(dead.person.statusName).toBe('已死亡')
    expect(dead.history[0]).toMatchObject({ toDate: '2026-11-15', endReasonName: '死亡' })
    expect(dead.household?.headResidentId).toBeNull()
    const h = await buildEmptyHousehold(t, grid)
    const refused = await t.request(community.token, 'POST', `/api/v1/population/people/${r.id}/transfer`, { householdId: String(h.id), relationCode: '02', date: '2026-11-20' })
    expect(refused.statusCode).toBe(422)
    expect(refused.json().code).toBe('PERSON_DECEASED')
    const after = await get<PersonCard>(community.token, `/population/people/${r.id}`)
    expect(after.person.version).toBe(dead.person.version)
    expect(after.history).toEqual(dead.history)
  })

  it('a transfer to another household closes one stay and opens the next the same day', async () => {
    const r = await buildResidentRecord(t, { grid })
    const h = await buildEmptyHousehold(t, grid)
    const moved = await call<PersonCard>(worker.token, 'POST', `/population/people/${r.id}/transfer`, { householdId: String(h.id), relationCode: '02', date: '2026-11-18' }, 200)
    expect(moved.person.householdId).toBe(String(h.id))
    expect(moved.household).toMatchObject({ id: String(h.id), headResidentId: String(r.id) })
    expect(moved.history.map((s) => [s.address, s.fromDate, s.toDate, s.endReason])).toEqual([
      [h.address, '2026-11-18', null, null],
      [expect.any(String), '2020-01-01', '2026-11-18', 'transfer'],
    ])
    // a date before the stay began, or in the future, is refused
    const back = await t.request(worker.token, 'POST', `/api/v1/population/people/${r.id}/move-out`, { date: '2026-11-01' })
    expect(back.statusCode).toBe(422)
    const future = await t.request(worker.token, 'POST', `/api/v1/population/people/${r.id}/move-out`, { date: '2026-12-31' })
    expect(future.statusCode).toBe(400)
  })

  it('names a member the household head; someone outside the household is refused', async () => {
    const r = await buildResidentRecord(t, { grid })
    const card = await register(community.token, r.householdId, { name: '王小红', relationCode: '30' })
    const hh = card.household!
    const headed = await call<PersonCard>(community.token, 'PATCH', `/population/households/${hh.id}/head`, { version: hh.version, residentId: card.person.id }, 200)
    expect(headed.household?.headName).toBe('王小红')
    const stranger = await buildResidentRecord(t, { grid })
    const refused = await t.request(community.token, 'PATCH', `/api/v1/population/households/${hh.id}/head`, { version: headed.household!.version, residentId: String(stranger.id) })
    expect(refused.statusCode).toBe(422)
    // grid staff do not name heads
    const byWorker = await t.request(worker.token, 'PATCH', `/api/v1/population/households/${hh.id}/head`, { version: headed.household!.version, residentId: String(r.id) })
    expect(byWorker.statusCode).toBe(403)
  })
})

describe("the registry's resident writes keep the history", () => {
  it('creating a resident opens a stay; moving them to another household closes it and opens the next', async () => {
    const from = await buildEmptyHousehold(t, grid)
    const to = await buildEmptyHousehold(t, grid)
    const created = await call<{ id: string; version: number }>(community.token, 'POST', '/registry/residents', { householdId: String(from.id), name: '登记甲', relation: 'householder' }, 201)
    const card = await get<PersonCard>(community.token, `/population/people/${created.id}`)
    expect(card.history.map((s) => [s.address, s.fromDate, s.toDate, s.startReason])).toEqual([[from.address, '2026-11-23', null, 'initial']])
    await call(community.token, 'PATCH', `/registry/residents/${created.id}`, { version: created.version, householdId: String(to.id) }, 200)
    const moved = await get<PersonCard>(community.token, `/population/people/${created.id}`)
    expect(moved.history.map((s) => [s.address, s.toDate, s.startReason, s.endReason])).toEqual([
      [to.address, null, 'transfer', null],
      [from.address, '2026-11-23', 'initial', 'transfer'],
    ])
  })
})

describe('scope and personal data', () => {
  it("another community's person is 404; a resident's role is 403", async () => {
    const r = await buildResident(t, { grid })
    expect((await t.request(otherCommunity.token, 'GET', `/api/v1/population/people/${r.id}`)).statusCode).toBe(404)
    expect((await t.request(otherCommunity.token, 'POST', `/api/v1/population/people/${r.id}/move-out`, { date: '2026-11-20' })).statusCode).toBe(404)
    expect((await t.request(r.account.token, 'GET', `/api/v1/population/people/${r.id}`)).statusCode).toBe(403)
    expect((await t.request(r.account.token, 'GET', '/api/v1/population/people')).statusCode).toBe(403)
    expect((await t.request(community.token, 'GET', `/api/v1/population/people?placeCode=${otherGrid.code}`)).statusCode).toBe(404)
    // still present: the refused move wrote nothing
    expect((await get<PersonCard>(community.token, `/population/people/${r.id}`)).person.status).toBe('present')
  })

  it('the full ID number and phone go to the community, audited; grid staff are refused', async () => {
    const h = await buildEmptyHousehold(t, grid)
    const id = idNumber('19780203')
    const card = await register(community.token, h.id, { name: '陈建', idNumber: id, phone: '13912345678' })
    expect((await t.request(worker.token, 'GET', `/api/v1/population/people/${card.person.id}/identity`)).statusCode).toBe(403)
    const full = await get<{ idNumber: string; phone: string }>(community.token, `/population/people/${card.person.id}/identity`)
    expect(full).toEqual({ idNumber: id, phone: '13912345678' })
    const rows = await auditActions('person.identity')
    expect(rows.filter((a) => a.entityId === card.person.id)).toHaveLength(1)
    expect(rows.find((a) => a.entityId === card.person.id)?.actor.role).toBe('community')
  })

  it("the card lists the appeals about the person that the caller may see", async () => {
    const r = await buildResident(t, { grid })
    const appeal = await submitAppeal(t, r.account.token, { title: '楼道灯不亮' })
    const card = await get<PersonCard>(community.token, `/population/people/${r.id}`)
    expect(card.appeals.map((a) => a.number)).toEqual([appeal.number])
    expect(card.housing).toMatchObject({ occupancyName: '自住', rental: null })
  })

  it('exports the filtered register masked, with the watermark, and audits it', async () => {
    const h = await buildEmptyHousehold(t, grid)
    const id = idNumber('19700909')
    await register(community.token, h.id, { name: '导出人甲', idNumber: id, phone: '13700002222' })
    const street = await buildStreetAccount(t)
    for (const [who, name] of [
      [community, '导出人甲'],
      [street, '导*'],
    ] as const) {
      const res = await t.request(who.token, 'GET', `/api/v1/exports/population?householdId=${h.id}`)
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200)
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
      const ws = wb.worksheets[0]!
      expect(String(ws.getRow(1).getCell(1).value)).toBe('实有人口台账')
      expect(String(ws.getRow(2).getCell(1).value)).toContain('导出人：')
      expect(ws.getRow(3).getCell(1).value).toBe('姓名')
      const row = ws.getRow(4)
      expect(String(row.getCell(1).value)).toMatch(new RegExp(`^${name.replace('*', '\\*+')}$`))
      expect(row.getCell(5).value).toBe(`520402********${id.slice(-4)}`)
      expect(row.getCell(6).value).toBe('137****2222')
      expect(ws.rowCount).toBe(4)
    }
    const rows = await auditActions('person.export')
    expect(rows.filter((a) => (a.detail as { filter: { householdId?: string } }).filter.householdId === String(h.id))).toHaveLength(2)
    expect((await t.request(worker.token, 'GET', `/api/v1/exports/population?placeCode=${otherGrid.code}`)).statusCode).toBe(404)
  })
})

describe('register updates a visit applies', () => {
  const update = (kind: string) => populationRegisterUpdates.find((u) => u.kind === kind)!

  it('moves out, records a death and registers a newcomer through the same service, in the visit transaction', async () => {
    const a = await buildResidentRecord(t, { grid })
    const b = await buildResidentRecord(t, { grid })
    const ctx = makeCtx(t.deps, await loadActorByUsername(t.database.db, worker.username), null)
    const summaries = await inTransaction(ctx, async (tx) => {
      const inTx = { ...ctx, db: tx }
      return [
        (await update('person.moveOut').apply(inTx, { type: 'resident', id: a.id }, { date: '2026-11-20', note: '外出务工' })).summary,
        (await update('person.death').apply(inTx, { type: 'resident', id: b.id }, { date: '2026-11-21' })).summary,
        (await update('person.newResident').apply(inTx, { type: 'household', id: a.householdId }, { name: '新住户', relationCode: '99' })).summary,
      ]
    })
    expect(summaries[0]).toContain('2026-11-20')
    expect(summaries[2]).toBe('登记新住人员 新住户（非亲属）')
    expect((await get<PersonCard>(community.token, `/population/people/${a.id}`)).person.status).toBe('movedOut')
    expect((await get<PersonCard>(community.token, `/population/people/${b.id}`)).person.status).toBe('deceased')
    const newcomer = await get<{ items: Person[] }>(community.token, `/population/people?householdId=${a.householdId}`)
    expect(newcomer.items.map((p) => p.name)).toEqual(['新住户'])
    // a refused update rolls the whole visit back
    const c = await buildResidentRecord(t, { grid })
    await expect(
      inTransaction(ctx, async (tx) => {
        const inTx = { ...ctx, db: tx }
        await update('person.moveOut').apply(inTx, { type: 'resident', id: c.id }, { date: '2026-11-20' })
        await update('person.moveOut').apply(inTx, { type: 'resident', id: b.id }, { date: '2026-11-20' })
      }),
    ).rejects.toMatchObject({ code: 'PERSON_DECEASED' })
    expect((await get<PersonCard>(community.token, `/population/people/${c.id}`)).person.status).toBe('present')
  })
})

describe('the household lookup by building', () => {
  it("lists the grid's buildings and a building's rooms with members, masked", async () => {
    const r = await buildResidentRecord(t, { grid })
    const buildings = await get<{ id: string; peopleCount: number }[]>(worker.token, '/population/buildings')
    expect(buildings.find((b) => b.id === String(r.buildingId))?.peopleCount).toBe(1)
    const hh = await get<{ units: { households: { id: string; members: { name: string; idNumber: string }[] }[] }[] }>(worker.token, `/population/buildings/${r.buildingId}/households`)
    const members = hh.units.flatMap((u) => u.households).find((h) => h.id === String(r.householdId))!.members
    expect(members).toEqual([expect.objectContaining({ name: r.name, isHead: false, idNumber: expect.stringMatching(/^520423\*{8}[0-9X]{4}$/) })])
    expect((await t.request(otherCommunity.token, 'GET', `/api/v1/population/buildings/${r.buildingId}/households`)).statusCode).toBe(404)
  })
})
