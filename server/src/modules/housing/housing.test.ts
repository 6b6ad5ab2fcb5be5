/**
 * 实有房屋 / 出租房屋 over HTTP: scope, a room's use, one active rental per room, tenants' history kept when they
 * leave, landlord search by blind index, the register updates a visit applies, imports (dry run report, idempotent
 * re-import) and exports (masked, watermarked, audited). Refused requests write nothing.
 */
import { randomBytes } from 'node:crypto'
import ExcelJS from 'exceljs'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BuildingRooms, HousingBuilding, Rental, Room, RoomUseHistory } from '#contracts/housing'
import type { PageOf } from '#contracts/common'
import type { CommitResult, DryRunResult } from '#contracts/imports'
import { makeCtx } from '../../context'
import { inTransaction } from '../../core'
import { rowsOf } from '../../db/client'
import { makeIdNumber } from '../../lib/id-number'
import { shanghaiDate } from '../../lib/time'
import { loadActorByUsername } from '../auth'
import { housingRegisterUpdates } from './index'
import {
  buildAccount,
  buildBuildingWithHouseholds,
  buildGrid,
  buildGridWorker,
  buildPlaceAccount,
  buildResidentRecord,
  type BuiltAccount,
} from '../../../test/factories'
import { createTestApp, type TestApp } from '../../../test/setup'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => t?.close())

const api = (a: BuiltAccount, method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) => t.request(a.token, method, `/api/v1${url}`, body)

async function count(table: string): Promise<number> {
  return rowsOf<{ n: number }>(await t.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n
}
const snapshot = async () => ({ rental: await count('rental'), tenant: await count('rental_tenant'), audit: await count('audit_log'), events: await count('workflow_event') })

/** A grid with a building of six floors (1单元101 … 1单元602), its community, and the accounts that work it. */
async function place() {
  const grid = await buildGrid(t)
  const building = await buildBuildingWithHouseholds(t, grid, { floors: 6 })
  const community = await buildPlaceAccount(t, grid.community, 'community')
  const worker = await buildGridWorker(t, grid)
  return { grid, building, community, worker }
}

let idSeq = 900
const idNumber = () => makeIdNumber('520423', '19700101', idSeq++)

describe('buildings and rooms', () => {
  it('lists the buildings in scope with rooms counted by use, and every room by unit and floor', async () => {
    const p = await place()
    const me = await buildResidentRecord(t, { grid: p.grid, buildingId: p.building.id })
    const list = await api(p.worker, 'GET', `/housing/buildings?place=${p.grid.code}`)
    expect(list.statusCode, list.body).toBe(200)
    const items = list.json<PageOf<HousingBuilding>>().items
    const b = items.find((x) => x.id === String(p.building.id))!
    expect(b.roomCount).toBe(13)
    expect(b.occupancy).toEqual({ owner: 13, rented: 0, vacant: 0, other: 0 })

    const rooms = (await api(p.worker, 'GET', `/housing/buildings/${p.building.id}/rooms`)).json<BuildingRooms>()
    expect(rooms.units.map((u) => u.name)).toEqual(['1单元', '未分单元'])
    const r302 = rooms.rooms.find((r) => r.room === '1单元302')!
    expect(r302.floor).toBe(3)
    const mine = rooms.rooms.find((r) => r.id === String(me.householdId))!
    expect(mine.headName).toBe(`${[...me.name][0]}${'*'.repeat([...me.name].length - 1)}`)
    expect(mine.memberCount).toBe(1)
  })

  it('keeps other places, other roles and other grids out (404 / 403)', async () => {
    const p = await place()
    const elsewhere = await buildGridWorker(t, await buildGrid(t))
    expect((await api(elsewhere, 'GET', `/housing/buildings/${p.building.id}/rooms`)).statusCode).toBe(404)
    expect((await api(elsewhere, 'GET', `/housing/buildings?place=${p.grid.code}`)).statusCode).toBe(404)
    const dept = await buildAccount(t, { role: 'department', scope: 'department:520423-zjj' })
    expect((await api(dept, 'GET', '/housing/buildings')).statusCode).toBe(403)
    expect((await api(dept, 'GET', '/housing/rentals')).statusCode).toBe(403)
    const before = await snapshot()
    const room = p.building.households[0]!
    expect((await api(elsewhere, 'PATCH', `/housing/rooms/${room.id}`, { occupancy: 'vacant', version: 1 })).statusCode).toBe(404)
    expect(await snapshot()).toEqual(before)
  })

  it('changes a room’s use with its version (409 when stale) and audits it', async () => {
    const p = await place()
    const room = p.building.households[1]!
    const ok = await api(p.worker, 'PATCH', `/housing/rooms/${room.id}`, { occupancy: 'vacant', version: 1 })
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json<Room>()).toMatchObject({ occupancy: 'vacant', occupancyName: '空置', version: 2 })
    const before = await snapshot()
    expect((await api(p.worker, 'PATCH', `/housing/rooms/${room.id}`, { occupancy: 'owner', version: 1 })).statusCode).toBe(409)
    expect(await snapshot()).toEqual(before)
    // the change is kept as the room's history of use, dated on the app's clock; out of scope it is 404
    const history = await api(p.worker, 'GET', `/housing/rooms/${room.id}/use-history`)
    expect(history.statusCode, history.body).toBe(200)
    expect(history.json<RoomUseHistory>().items).toEqual([{ day: shanghaiDate(t.clock.now()), from: 'owner', fromName: '自住', to: 'vacant', toName: '空置' }])
    const elsewhere = await buildGridWorker(t, await buildGrid(t))
    expect((await api(elsewhere, 'GET', `/housing/rooms/${room.id}/use-history`)).statusCode).toBe(404)
  })

  it('adds a room to a building (keepers only), refusing the same room twice', async () => {
    const p = await place()
    expect((await api(p.worker, 'POST', '/housing/rooms', { buildingId: String(p.building.id), room: '1单元701' })).statusCode).toBe(403)
    const r = await api(p.community, 'POST', '/housing/rooms', { buildingId: String(p.building.id), room: '1单元701', occupancy: 'vacant' })
    expect(r.statusCode, r.body).toBe(201)
    expect(r.json<Room>()).toMatchObject({ room: '1单元701', floor: 7, occupancy: 'vacant' })
    expect((await api(p.community, 'POST', '/housing/rooms', { buildingId: String(p.building.id), room: '1单元701' })).statusCode).toBe(409)
  })
})

describe('rentals', () => {
  it('registers a rental (the room becomes rented), one active rental per room, refused requests writing nothing', async () => {
    const p = await place()
    const room = p.building.households[2]!
    const phone = '13912345678'
    const body = { householdId: String(room.id), landlord: { name: '王建国', phone, idNumber: idNumber() }, purpose: 'residence', startDate: '2026-10-01', securityPledgeSigned: true }
    const r = await api(p.worker, 'POST', '/housing/rentals', body)
    expect(r.statusCode, r.body).toBe(201)
    const rental = r.json<Rental>()
    expect(rental.landlord.phone).toBe('139****5678')
    expect(rental.landlord.idNumber).toMatch(/^520423\*{8}\d{3}[0-9X]$/)
    expect(rental.allowedActions).toContain('end')
    const rooms = (await api(p.worker, 'GET', `/housing/buildings/${p.building.id}/rooms`)).json<BuildingRooms>()
    expect(rooms.rooms.find((x) => x.id === String(room.id))).toMatchObject({ occupancy: 'rented', activeRental: { id: rental.id, landlordName: '王建国' } })

    const before = await snapshot()
    const again = await api(p.worker, 'POST', '/housing/rentals', body)
    expect(again.statusCode).toBe(422)
    expect(again.json().code).toBe('RENTAL_ALREADY_ACTIVE')
    // a room with an active rental stays rented
    const stays = await api(p.worker, 'PATCH', `/housing/rooms/${room.id}`, { occupancy: 'vacant', version: rooms.rooms.find((x) => x.id === String(room.id))!.version })
    expect(stays.json().code).toBe('ROOM_HAS_ACTIVE_RENTAL')
    const badId = await api(p.worker, 'POST', '/housing/rentals', { ...body, householdId: String(p.building.households[3]!.id), landlord: { name: '李四', idNumber: '520423197001010001' } })
    expect(badId.statusCode).toBe(400)
    expect(await snapshot()).toEqual(before)

    // search by the landlord's phone (blind index), and by name
    const byPhone = (await api(p.worker, 'GET', `/housing/rentals?landlordKey=${phone}`)).json<PageOf<Rental>>()
    expect(byPhone.items.map((x) => x.id)).toEqual([rental.id])
    expect((await api(p.worker, 'GET', '/housing/rentals?landlordKey=13900000000')).json<PageOf<Rental>>().items).toEqual([])
    expect((await api(p.community, 'GET', `/housing/rentals?landlordName=建国&place=${p.grid.code}`)).json<PageOf<Rental>>().items.map((x) => x.id)).toEqual([rental.id])

    // the full phone only to staff who may see it, each reveal audited; the street 403, another grid 404
    const shown = await api(p.worker, 'POST', `/housing/rentals/${rental.id}/reveal`, { field: 'landlordPhone' })
    expect(shown.json()).toEqual({ field: 'landlordPhone', value: phone })
    const street = await buildPlaceAccount(t, { code: '520423002' }, 'street')
    expect((await api(street, 'POST', `/housing/rentals/${rental.id}/reveal`, { field: 'landlordPhone' })).statusCode).toBe(403)
    const stranger = await buildGridWorker(t, await buildGrid(t))
    expect((await api(stranger, 'POST', `/housing/rentals/${rental.id}/reveal`, { field: 'landlordIdNumber' })).statusCode).toBe(404)
    const reveals = rowsOf<{ actor_user_id: string; detail: unknown }>(await t.database.db.execute(sql`select actor_user_id, detail from audit_log where action = 'rental.reveal' and entity_id = ${rental.id}`))
    expect(reveals.map((x) => [Number(x.actor_user_id), x.detail])).toEqual([[p.worker.id, { field: 'landlordPhone' }]])
  })

  it('links tenants and keeps their history when they leave and when the rental ends', async () => {
    const p = await place()
    const room = p.building.households[4]!
    const a = await buildResidentRecord(t, { grid: p.grid })
    const b = await buildResidentRecord(t, { grid: p.grid })
    const rental = (await api(p.worker, 'POST', '/housing/rentals', { householdId: String(room.id), landlord: { residentId: String(a.id) }, purpose: 'residence', startDate: '2026-09-01' })).json<Rental>()
    expect(rental.landlord.name).toBe(a.name)
    let r = await api(p.worker, 'POST', `/housing/rentals/${rental.id}/tenants`, { residentId: String(b.id), fromDate: '2026-09-05' })
    expect(r.statusCode, r.body).toBe(200)
    const tenantId = r.json<Rental>().tenants[0]!.id
    expect((await api(p.worker, 'POST', `/housing/rentals/${rental.id}/tenants`, { residentId: String(b.id), fromDate: '2026-09-06' })).json().code).toBe('TENANT_ALREADY_ACTIVE')
    expect((await api(p.worker, 'POST', `/housing/rentals/${rental.id}/tenants/${tenantId}/end`, { toDate: '2026-09-01' })).json().code).toBe('TENANT_DATES')
    r = await api(p.worker, 'POST', `/housing/rentals/${rental.id}/tenants/${tenantId}/end`, { toDate: '2026-10-31' })
    expect(r.json<Rental>().tenants).toEqual([expect.objectContaining({ residentId: String(b.id), fromDate: '2026-09-05', toDate: '2026-10-31', current: false })])
    // the same person comes back; then the rental ends: the open stay closes, both stays are kept
    r = await api(p.worker, 'POST', `/housing/rentals/${rental.id}/tenants`, { residentId: String(b.id), fromDate: '2026-11-10' })
    const cur = r.json<Rental>()
    expect((await api(p.worker, 'POST', `/housing/rentals/${rental.id}/end`, { version: rental.version, endDate: '2026-11-20' })).statusCode).toBe(409)
    const ended = await api(p.worker, 'POST', `/housing/rentals/${rental.id}/end`, { version: cur.version, endDate: '2026-11-20' })
    expect(ended.statusCode, ended.body).toBe(200)
    const e = ended.json<Rental>()
    expect(e).toMatchObject({ status: 'ended', endDate: '2026-11-20', allowedActions: [] })
    expect(e.tenants.map((x) => [x.fromDate, x.toDate])).toEqual([
      ['2026-09-05', '2026-10-31'],
      ['2026-11-10', '2026-11-20'],
    ])
    const rooms = (await api(p.worker, 'GET', `/housing/buildings/${p.building.id}/rooms`)).json<BuildingRooms>()
    expect(rooms.rooms.find((x) => x.id === String(room.id))).toMatchObject({ occupancy: 'vacant', activeRental: null })
    expect((await api(p.worker, 'POST', `/housing/rentals/${rental.id}/tenants`, { residentId: String(b.id), fromDate: '2026-11-21' })).json().code).toBe('RENTAL_ENDED')
    const audits = rowsOf<{ action: string }>(await t.database.db.execute(sql`select action from audit_log where entity_type = 'rental' and entity_id = ${rental.id} order by id`))
    expect(audits.map((x) => x.action)).toEqual(['rental.create', 'rental.addTenant', 'rental.endTenant', 'rental.addTenant', 'rental.end'])
  })
})

describe('register updates a visit applies', () => {
  it('changes a room’s use, adds and ends a tenant, inside the caller’s transaction and rules', async () => {
    const p = await place()
    const room = p.building.households[5]!
    const person = await buildResidentRecord(t, { grid: p.grid })
    const ctx = makeCtx(t.deps, (await loadActorByUsername(t.database.db, p.worker.username))!, null)
    const [occ, endTenant, addTenant] = housingRegisterUpdates
    const s1 = await inTransaction(ctx, (tx) => occ.apply({ ...ctx, db: tx }, { type: 'household', id: room.id }, { occupancy: 'vacant' }))
    expect(s1.summary).toBe('房屋使用状态：自住 → 空置')
    const rental = (await api(p.worker, 'POST', '/housing/rentals', { householdId: String(room.id), landlord: { name: '赵六' }, purpose: 'business', startDate: '2026-11-01' })).json<Rental>()
    const s2 = await inTransaction(ctx, (tx) => addTenant.apply({ ...ctx, db: tx }, { type: 'rental', id: Number(rental.id) }, { residentId: String(person.id), fromDate: '2026-11-02' }))
    expect(s2.summary).toContain(person.name)
    const tenantId = (await api(p.worker, 'GET', `/housing/rentals/${rental.id}`)).json<Rental>().tenants[0]!.id
    await inTransaction(ctx, (tx) => endTenant.apply({ ...ctx, db: tx }, { type: 'rental', id: Number(rental.id) }, { tenantId, toDate: '2026-11-15' }))
    expect((await api(p.worker, 'GET', `/housing/rentals/${rental.id}`)).json<Rental>().tenants[0]).toMatchObject({ toDate: '2026-11-15', current: false })
    // a worker of another grid is refused, and the visit's transaction writes nothing
    const other = await buildGridWorker(t, await buildGrid(t))
    const octx = makeCtx(t.deps, (await loadActorByUsername(t.database.db, other.username))!, null)
    const before = await snapshot()
    await expect(inTransaction(octx, (tx) => occ.apply({ ...octx, db: tx }, { type: 'household', id: room.id }, { occupancy: 'owner' }))).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(await snapshot()).toEqual(before)
  })
})

// ---- imports and exports -------------------------------------------------------------------------

async function xlsx(headers: string[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('台账')
  ws.addRow(headers)
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}
function multipart(data: Buffer) {
  const boundary = `----yw${randomBytes(8).toString('hex')}`
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="sheet.xlsx"\r\ncontent-type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}
async function importSheet(a: BuiltAccount, register: string, data: Buffer) {
  const m = multipart(data)
  const dry = await t.request(a.token, 'POST', `/api/v1/imports/${register}/dry-run`, m.body, m.headers)
  expect(dry.statusCode, dry.body).toBe(200)
  return dry.json<DryRunResult>()
}
const commit = async (a: BuiltAccount, register: string, id: string) => t.request(a.token, 'POST', `/api/v1/imports/${register}/${id}/commit`, {})

describe('imports', () => {
  it('rooms: a faulty sheet reports exactly its bad rows and writes nothing; the fixed one imports once', async () => {
    const p = await place()
    const name = p.building.name
    const headers = ['小区', '楼栋', '单元', '室', '使用状态']
    const rooms = await count('household')
    const bad = await importSheet(p.community, 'rooms', await xlsx(headers, [
      ['', name, '1单元', '101', '出租'],
      ['', '不存在的楼', '1单元', '101', '自住'],
      ['', name, '9单元', '101', '自住'],
      ['', name, '1单元', '801', '闲置'],
      ['', name, '1单元', '801', '空置'],
    ]))
    expect(bad.errors.map((e) => [e.row, e.column])).toEqual([
      [3, '楼栋'],
      [4, '单元'],
      [5, '使用状态'],
    ])
    expect((await commit(p.community, 'rooms', bad.importId)).statusCode).toBe(422)
    expect(await count('household')).toBe(rooms)

    const good = await xlsx(headers, [
      ['', name, '1单元', '101', '出租'],
      ['', name, '1单元', '801', '空置'],
      ['', name, '1单元', '102', '自住'],
    ])
    const first = await importSheet(p.community, 'rooms', good)
    expect(first.errors).toEqual([])
    const c1 = (await commit(p.community, 'rooms', first.importId)).json<CommitResult>()
    expect(c1).toMatchObject({ inserted: 1, updated: 1, unchanged: 1 })
    const again = await importSheet(p.community, 'rooms', good)
    expect((await commit(p.community, 'rooms', again.importId)).json<CommitResult>()).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 })
    expect(await count('household')).toBe(rooms + 1)
    // grid staff may not import
    const m = multipart(good)
    expect((await t.request(p.worker.token, 'POST', '/api/v1/imports/rooms/dry-run', m.body, m.headers)).statusCode).toBe(403)
  })

  it('rentals: imported once, a second import changes nothing; unknown rooms and bad ID numbers are reported', async () => {
    const p = await place()
    const name = p.building.name
    const headers = ['楼栋', '单元', '室', '房东姓名', '房东身份证号', '房东电话', '用途', '起租日期']
    const id = idNumber()
    const badSheet = await importSheet(p.community, 'rentals', await xlsx(headers, [
      [name, '1单元', '201', '孙七', id, '13811112222', '居住', '2026-08-01'],
      [name, '1单元', '999', '周八', '', '', '居住', '2026-08-01'],
      [name, '1单元', '202', '吴九', '520423197001010001', '', '经营', '2026/08/01'],
    ]))
    expect(badSheet.errors.map((e) => [e.row, e.column])).toEqual([
      [3, '室'],
      [4, '房东身份证号'],
    ])
    const sheet = await xlsx(headers, [
      [name, '1单元', '201', '孙七', id, '13811112222', '居住', '2026-08-01'],
      [name, '1单元', '202', '吴九', '', '', '经营', '2026/08/01'],
    ])
    const d1 = await importSheet(p.community, 'rentals', sheet)
    expect((await commit(p.community, 'rentals', d1.importId)).json<CommitResult>()).toMatchObject({ inserted: 2, updated: 0, unchanged: 0 })
    const d2 = await importSheet(p.community, 'rentals', sheet)
    expect((await commit(p.community, 'rentals', d2.importId)).json<CommitResult>()).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 })
    const found = (await api(p.community, 'GET', `/housing/rentals?landlordKey=${id}`)).json<PageOf<Rental>>().items
    expect(found.map((r) => [r.landlord.name, r.landlord.phone, r.household.room])).toEqual([['孙七', '138****2222', '1单元201']])
  })
})

describe('exports', () => {
  async function sheetOf(body: Buffer) {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(body as unknown as ArrayBuffer)
    return wb.worksheets[0]!
  }

  it('exports rentals and rooms as .xlsx with a watermark, masked by role, and audits each export', async () => {
    const p = await place()
    await api(p.worker, 'POST', '/housing/rentals', { householdId: String(p.building.households[6]!.id), landlord: { name: '郑十一', phone: '13700001111' }, purpose: 'residence', startDate: '2026-07-01' })
    const street = await buildPlaceAccount(t, { code: '520423002' }, 'street')
    for (const [who, landlord] of [
      [p.worker, '郑十一'],
      [street, '郑**'],
    ] as const) {
      const r = await api(who, 'GET', `/exports/rentals?place=${p.grid.code}`)
      expect(r.statusCode, r.body.slice(0, 200)).toBe(200)
      const ws = await sheetOf(r.rawPayload)
      expect(String(ws.getRow(1).getCell(1).value)).toBe('出租房屋台账')
      expect(String(ws.getRow(2).getCell(1).value)).toContain('导出人：')
      expect(ws.getRow(4).getCell(3).value).toBe(landlord)
      expect(ws.getRow(4).getCell(4).value).toBe('137****1111')
    }
    const rooms = await api(p.worker, 'GET', `/exports/rooms?buildingId=${p.building.id}`)
    expect(rooms.statusCode).toBe(200)
    expect((await sheetOf(rooms.rawPayload)).rowCount).toBe(3 + 12)
    const audits = rowsOf<{ action: string }>(await t.database.db.execute(sql`select action from audit_log where action in ('rental.export', 'room.export') order by id`))
    expect(audits.map((a) => a.action)).toEqual(['rental.export', 'rental.export', 'room.export'])
    const dept = await buildAccount(t, { role: 'department', scope: 'department:520423-zjj' })
    expect((await api(dept, 'GET', '/exports/rentals')).statusCode).toBe(403)
  })
})
