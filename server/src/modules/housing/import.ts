/**
 * 实有房屋 and 出租房屋 imports through the shared Excel pipeline (core/excel). Addresses resolve to rooms of
 * existing buildings under the caller's place: 小区 (optional when the building's name is unique) + 楼栋 + 单元 + 室.
 * `rooms` creates the missing rooms of existing buildings and sets each room's use (natural key: building, unit,
 * room); `rentals` registers rental housing with its landlord (ID number and phone encrypted + blind index; natural
 * key: the room). Re-importing the same sheet changes nothing.
 */
import type { ImportCounts } from '#contracts/imports'
import { RENTAL_PURPOSES } from '#contracts/housing'
import { OCCUPANCY_NAMES, RENTAL_PURPOSE_NAMES } from '#contracts/ledger-names'
import type { Ctx } from '../../context'
import { writeTimelineEvents, type TimelineEntry } from '../../core'
import { defineImporter, type ImportColumn, type ImportValues, type RowProblem } from '../../core/excel/index'
import type { Db } from '../../db/client'
import { maskIdNumber, maskPhone } from '../../lib/pii'
import { shanghaiDate } from '../../lib/time'
import { authorize } from '../../permissions'
import {
  insertImportedRooms,
  insertRental,
  listActiveRentalsOfRooms,
  listBuildingsForImport,
  listRoomsOfBuildings,
  updateRentalVersioned,
  updateRoomOccupancy,
} from './queries'

type BuildingRef = { id: number; name: string; gridCode: string; address: string | null; compoundName: string | null }
interface Places {
  /** buildings by name, and by 小区|name */
  byName: Map<string, BuildingRef[]>
  byCompound: Map<string, BuildingRef>
  /** units by building id → name → id */
  units: Map<number, Map<string, number>>
  /** existing rooms: key building|unit|room → id, occupancy */
  rooms: Map<string, { id: number; occupancy: string }>
  /** rooms with an active rental */
  rented: Set<number>
}

const roomKey = (buildingId: number, unitId: number | null, room: string) => `${buildingId}|${unitId ?? ''}|${room}`

async function loadPlaces(ctx: Ctx): Promise<Places> {
  const { buildings, units } = await listBuildingsForImport(ctx.db, ctx.actor.placeCode ?? '')
  const byName = new Map<string, BuildingRef[]>()
  const byCompound = new Map<string, BuildingRef>()
  for (const b of buildings) {
    byName.set(b.name, [...(byName.get(b.name) ?? []), b])
    if (b.compoundName) byCompound.set(`${b.compoundName}|${b.name}`, b)
  }
  const unitMap = new Map<number, Map<string, number>>()
  for (const u of units) {
    if (!unitMap.has(u.buildingId)) unitMap.set(u.buildingId, new Map())
    unitMap.get(u.buildingId)!.set(u.name, u.id)
  }
  const rooms = await listRoomsOfBuildings(ctx.db, buildings.map((b) => b.id))
  const rentals = await listActiveRentalsOfRooms(ctx.db, rooms.map((r) => r.id))
  return {
    byName,
    byCompound,
    units: unitMap,
    rooms: new Map(rooms.filter((r) => r.buildingId !== null && r.room !== null).map((r) => [roomKey(r.buildingId!, r.unitId, r.room!), { id: r.id, occupancy: r.occupancy }])),
    rented: new Set(rentals.map((r) => r.householdId)),
  }
}

const ADDRESS_COLUMNS: ImportColumn[] = [
  { key: 'compound', header: '小区', type: 'text', maxLength: 50, aliases: ['小区名称', '小区(院落)'], note: '楼栋名称在辖区内重复时必填', width: 16 },
  { key: 'building', header: '楼栋', required: true, type: 'text', maxLength: 50, aliases: ['楼栋号', '栋', '楼号'], note: '已登记的楼栋名称，如 3栋', width: 10 },
  { key: 'unit', header: '单元', type: 'text', maxLength: 20, aliases: ['单元号'], note: '已登记的单元名称，如 1单元', width: 10 },
  { key: 'room', header: '室', required: true, type: 'text', maxLength: 20, aliases: ['房号', '室号', '门牌号'], note: '房号，如 302', width: 10 },
]

/** A row's address → building, unit and the room's canonical name (1单元 + 302 = 1单元302, as rooms are kept). */
function resolveAddress(v: ImportValues, ref: Places, problems: RowProblem[]) {
  const name = String(v.building)
  const compound = v.compound === null ? null : String(v.compound)
  const named = ref.byName.get(name) ?? []
  const b = compound ? ref.byCompound.get(`${compound}|${name}`) : named.length === 1 ? named[0] : undefined
  if (!b) {
    problems.push({
      column: compound ? 'compound' : 'building',
      message: compound ? `辖区内没有「${compound}${name}」` : named.length > 1 ? `辖区内有 ${named.length} 个「${name}」，请填写小区` : `辖区内没有楼栋「${name}」`,
    })
    return undefined
  }
  const unitName = v.unit === null ? null : String(v.unit)
  const unitId = unitName ? ref.units.get(b.id)?.get(unitName) : null
  if (unitName && !unitId) {
    problems.push({ column: 'unit', message: `${b.compoundName ?? ''}${b.name}没有「${unitName}」` })
    return undefined
  }
  const typed = String(v.room)
  const room = unitName && !typed.startsWith(unitName) ? `${unitName}${typed}` : typed
  return { building: b, unitId: unitId ?? null, unitName, room, address: `${b.address ?? b.name}${room}`, key: roomKey(b.id, unitId ?? null, room) }
}

const occupancyOptions = Object.entries(OCCUPANCY_NAMES).map(([value, label]) => ({ value, label }))

// ---- 实有房屋 -----------------------------------------------------------------------------------

export interface StagedRoom {
  buildingId: number
  gridCode: string
  unitId: number | null
  room: string
  address: string
  occupancy: string
  label: string
}

export const roomsImporter = defineImporter<Places, StagedRoom>({
  register: 'rooms',
  title: '实有房屋',
  columns: [
    ...ADDRESS_COLUMNS,
    { key: 'occupancy', header: '使用状态', required: true, type: 'code', options: occupancyOptions, aliases: ['房屋用途', '居住状态', '使用情况'], width: 12 },
  ],
  authorize: (actor) => authorize(actor, 'housing.keep'),
  prepare: loadPlaces,
  check(_ctx, v, ref) {
    const problems: RowProblem[] = []
    const at = resolveAddress(v, ref, problems)
    if (!at) return { problems }
    const existing = ref.rooms.get(at.key)
    const occupancy = String(v.occupancy)
    if (existing && ref.rented.has(existing.id) && occupancy !== 'rented') {
      problems.push({ column: 'occupancy', message: '该房屋有在租的出租登记，须先退租才能改为其他使用状态' })
      return { problems }
    }
    return {
      problems,
      staged: { buildingId: at.building.id, gridCode: at.building.gridCode, unitId: at.unitId, room: at.room, address: at.address, occupancy, label: `${at.building.compoundName ?? ''}${at.building.name}` },
    }
  },
  naturalKey: (r) => roomKey(r.buildingId, r.unitId, r.room),
  present: (r) => ({ compound: '', building: r.label, unit: '', room: r.room, occupancy: OCCUPANCY_NAMES[r.occupancy as keyof typeof OCCUPANCY_NAMES] }),
  async publish(ctx, tx, rows) {
    const counts: ImportCounts = { inserted: 0, updated: 0, unchanged: 0 }
    const existing = await listRoomsOfBuildings(tx, [...new Set(rows.map((r) => r.buildingId))])
    const byKey = new Map(existing.filter((h) => h.room !== null).map((h) => [roomKey(h.buildingId!, h.unitId, h.room!), h]))
    const fresh: StagedRoom[] = []
    for (const r of rows) {
      const h = byKey.get(roomKey(r.buildingId, r.unitId, r.room))
      if (!h) fresh.push(r)
      else if (h.occupancy === r.occupancy) counts.unchanged++
      else {
        await updateRoomOccupancy(tx, h.id, null, r.occupancy, shanghaiDate(ctx.now))
        counts.updated++
      }
    }
    counts.inserted = (await insertImportedRooms(tx, fresh.map((r) => ({ gridCode: r.gridCode, buildingId: r.buildingId, unitId: r.unitId, room: r.room, address: r.address, occupancy: r.occupancy })))).length
    return counts
  },
})

// ---- 出租房屋 -----------------------------------------------------------------------------------

export interface StagedRental {
  householdId: number
  gridCode: string
  address: string
  landlordName: string
  idEnc: string | null
  idIdx: string | null
  idMasked: string | null
  phoneEnc: string | null
  phoneIdx: string | null
  phoneMasked: string | null
  purpose: string
  startDate: string
}

export const rentalsImporter = defineImporter<Places, StagedRental>({
  register: 'rentals',
  title: '出租房屋',
  columns: [
    ...ADDRESS_COLUMNS,
    { key: 'landlordName', header: '房东姓名', required: true, type: 'text', maxLength: 50, aliases: ['房东', '出租人', '房主姓名'], width: 10 },
    { key: 'landlordIdNumber', header: '房东身份证号', type: 'idNumber', aliases: ['房东身份证', '出租人身份证号', '身份证号'], width: 22 },
    { key: 'landlordPhone', header: '房东电话', type: 'phone', aliases: ['房东手机号', '联系电话', '出租人电话'], width: 14 },
    { key: 'purpose', header: '用途', required: true, type: 'code', options: RENTAL_PURPOSES.map((p) => ({ value: p, label: RENTAL_PURPOSE_NAMES[p] })), aliases: ['出租用途'], width: 12 },
    { key: 'startDate', header: '起租日期', required: true, type: 'date', aliases: ['出租日期', '起租时间'], width: 12 },
  ],
  authorize: (actor) => authorize(actor, 'housing.keep'),
  prepare: loadPlaces,
  check(ctx, v, ref) {
    const problems: RowProblem[] = []
    const at = resolveAddress(v, ref, problems)
    if (!at) return { problems }
    const room = ref.rooms.get(at.key)
    if (!room) return { problems: [{ column: 'room', message: `房屋「${at.address}」尚未登记，请先导入实有房屋` }] }
    const pii = ctx.deps.pii
    const id = v.landlordIdNumber === null ? null : String(v.landlordIdNumber)
    const phone = v.landlordPhone === null ? null : String(v.landlordPhone)
    return {
      problems,
      staged: {
        householdId: room.id,
        gridCode: at.building.gridCode,
        address: at.address,
        landlordName: String(v.landlordName),
        idEnc: id && pii.encrypt(id),
        idIdx: id && pii.blindIndex(id),
        idMasked: maskIdNumber(id),
        phoneEnc: phone && pii.encrypt(phone),
        phoneIdx: phone && pii.blindIndex(phone),
        phoneMasked: maskPhone(phone),
        purpose: String(v.purpose),
        startDate: String(v.startDate),
      },
    }
  },
  naturalKey: (r) => String(r.householdId),
  present: (r) => ({
    compound: '',
    building: '',
    unit: '',
    room: r.address,
    landlordName: r.landlordName,
    landlordIdNumber: r.idMasked ?? '',
    landlordPhone: r.phoneMasked ?? '',
    purpose: RENTAL_PURPOSE_NAMES[r.purpose as keyof typeof RENTAL_PURPOSE_NAMES],
    startDate: r.startDate,
  }),
  publish: publishRentals,
})

/**
 * A room's active rental is the row's record: the same landlord, use and start leave it unchanged; a difference
 * updates it (the sheet is the community's own register); a room with none gets a new rental and becomes rented.
 */
async function publishRentals(ctx: Ctx, tx: Db, rows: StagedRental[]): Promise<ImportCounts> {
  const counts: ImportCounts = { inserted: 0, updated: 0, unchanged: 0 }
  const active = new Map((await listActiveRentalsOfRooms(tx, rows.map((r) => r.householdId))).map((r) => [r.householdId, r]))
  const events: { entityId: number; entry: TimelineEntry }[] = []
  for (const r of rows) {
    const a = active.get(r.householdId)
    if (!a) {
      const created = await insertRental(tx, {
        householdId: r.householdId,
        gridCode: r.gridCode,
        landlordName: r.landlordName,
        landlordIdNumberEnc: r.idEnc,
        landlordIdNumberIdx: r.idIdx,
        landlordPhoneEnc: r.phoneEnc,
        landlordPhoneIdx: r.phoneIdx,
        purpose: r.purpose,
        startDate: r.startDate,
        createdAt: ctx.now,
      })
      await updateRoomOccupancy(tx, r.householdId, null, 'rented', r.startDate)
      events.push({ entityId: created!.id, entry: { action: 'import', fromStatus: null, toStatus: 'active', fields: { via: 'excel' } } })
      counts.inserted++
      continue
    }
    const changed = [
      a.landlordName !== r.landlordName ? 'landlordName' : null,
      r.idIdx && a.landlordIdNumberIdx !== r.idIdx ? 'landlordIdNumber' : null,
      r.phoneIdx && a.landlordPhoneIdx !== r.phoneIdx ? 'landlordPhone' : null,
      a.purpose !== r.purpose ? 'purpose' : null,
      a.startDate !== r.startDate ? 'startDate' : null,
    ].filter((x): x is string => x !== null)
    if (!changed.length) {
      counts.unchanged++
      continue
    }
    await updateRentalVersioned(tx, a.id, a.version, {
      landlordName: r.landlordName,
      ...(r.idIdx ? { landlordIdNumberEnc: r.idEnc, landlordIdNumberIdx: r.idIdx } : {}),
      ...(r.phoneIdx ? { landlordPhoneEnc: r.phoneEnc, landlordPhoneIdx: r.phoneIdx } : {}),
      purpose: r.purpose,
      startDate: r.startDate,
    })
    events.push({ entityId: a.id, entry: { action: 'import', fromStatus: 'active', toStatus: 'active', fields: { via: 'excel', changed } } })
    counts.updated++
  }
  await writeTimelineEvents(ctx, tx, 'rental', events)
  return counts
}
