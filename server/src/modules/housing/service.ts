/**
 * 实有房屋 / 出租房屋. Buildings and their rooms (household rows) with each room's use; rentals of rooms with their
 * landlord (encrypted phone and ID number, blind-indexed) and tenants (residents of the register, linked). Every
 * change commits with its audit row (and, for rentals, its timeline event) in one transaction; a refused request
 * writes nothing. Refusals follow the order every workflow uses: 404 (missing or out of scope) → 409 (stale
 * version) → 422 (the rules) → 400 (bad input).
 */
import type { Ctx } from '../../context'
import { commitChange, inTransaction, recordAudit, sameVersion, sharedTimeline, STALE_RECORD, writeChange } from '../../core'
import type { Db } from '../../db/client'
import { AppError, invalidInput, notFound } from '../../errors'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { isValidIdNumber, normalizeIdNumber } from '../../lib/id-number'
import { maskIdNumber, maskPhone } from '../../lib/pii'
import { shanghaiDate } from '../../lib/time'
import { authorize, can } from '../../permissions'
import type { PageOf } from '#contracts/common'
import type {
  AddTenantBody,
  BuildingRooms,
  CreateRentalBody,
  CreateRoomBody,
  EndRentalBody,
  EndTenantBody,
  HousingBuilding,
  ListHousingBuildingsQuery,
  ListRentalsQuery,
  Rental,
  Room,
  RoomUseHistory,
  UpdateRentalBody,
  UpdateRoomBody,
} from '#contracts/housing'
import { OCCUPANCY_NAMES } from '#contracts/ledger-names'
import { createHousehold } from '../registry'
import { presentBuildingRooms, presentHousingBuilding, presentRental, presentRoom } from './presenter'
import {
  countHousingBuildings,
  countRentals,
  endTenanciesOf,
  endTenancy,
  findActiveRentalOfRoom,
  findCurrentTenancy,
  findHousingBuilding,
  findRental,
  findResidentBrief,
  findRoom,
  findTenant,
  insertRental,
  insertTenant,
  listActiveRentalsOfRooms,
  listHousingBuildings,
  listRentals,
  listRoomsOfBuilding,
  listRoomsOfBuildings,
  listRoomUseChanges,
  listTenantsOf,
  listUnitsOfBuilding,
  updateRentalVersioned,
  updateRoomOccupancy,
  type RentalFilter,
  type RentalInsert,
  type RentalRow,
} from './queries'

const RENTAL = 'rental'
const timeline = sharedTimeline(RENTAL)
const ROOM_OUT_OF_SCOPE = '房屋不存在或不在您的辖区内'
const RENTAL_OUT_OF_SCOPE = '出租登记不存在或不在您的辖区内'

/** The place a list reads: the caller's own unless narrowed (403 role, 404 place). */
function readPlace(ctx: Ctx, place: string | undefined): string {
  authorize(ctx.actor, 'housing.read')
  const code = place ?? ctx.actor.placeCode ?? ''
  authorize(ctx.actor, 'housing.place', code)
  return code
}

// ---- 楼栋 and 房屋 ------------------------------------------------------------------------------

export async function listHousingBuildingsFor(ctx: Ctx, q: ListHousingBuildingsQuery): Promise<PageOf<HousingBuilding>> {
  const placePrefix = readPlace(ctx, q.place)
  const limit = q.limit ?? 20
  const cursor = decodeCursor(q.cursor, { id: 'id' })
  const filter = { placePrefix, ...(q.compoundId ? { compoundId: Number(q.compoundId) } : {}), ...(q.q ? { q: q.q } : {}) }
  const rows = await listHousingBuildings(ctx.db, { ...filter, limit, ...(cursor ? { afterId: cursor.id } : {}) })
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    items: page.map(presentHousingBuilding),
    nextCursor: rows.length > limit && last ? encodeCursor({ id: last.building.id }) : null,
    ...(q.withTotal ? { total: await countHousingBuildings(ctx.db, filter) } : {}),
  }
}

async function visibleBuilding(ctx: Ctx, buildingId: number) {
  authorize(ctx.actor, 'housing.read')
  const b = await findHousingBuilding(ctx.db, buildingId)
  if (!b) throw notFound('楼栋不存在或不在您的辖区内')
  authorize(ctx.actor, 'housing.place', b.building.gridCode)
  return b
}

/** Rooms with their active rental (and its current tenants counted). */
async function roomsPresented(ctx: Ctx, rooms: Awaited<ReturnType<typeof listRoomsOfBuilding>>): Promise<Room[]> {
  const rentals = await listActiveRentalsOfRooms(ctx.db, rooms.map((r) => r.room.id))
  const tenants = await listTenantsOf(ctx.db, rentals.map((r) => r.id))
  const current = new Map<number, number>()
  for (const t of tenants) if (t.tenant.toDate === null) current.set(t.tenant.rentalId, (current.get(t.tenant.rentalId) ?? 0) + 1)
  const byRoom = new Map(rentals.map((r) => [r.householdId, { row: r, tenants: current.get(r.id) ?? 0 }]))
  return rooms.map((r) => presentRoom(ctx.actor, r, byRoom.get(r.room.id)))
}

/** GET /housing/buildings/:id/rooms — every room of the building, by unit and floor. */
export async function getBuildingRooms(ctx: Ctx, buildingId: number): Promise<BuildingRooms> {
  const b = await visibleBuilding(ctx, buildingId)
  const [units, rooms] = [await listUnitsOfBuilding(ctx.db, buildingId), await listRoomsOfBuilding(ctx.db, buildingId)]
  return presentBuildingRooms(ctx.actor, b, units, await roomsPresented(ctx, rooms))
}

export async function getRoom(ctx: Ctx, roomId: number): Promise<Room> {
  authorize(ctx.actor, 'housing.read')
  const r = await findRoom(ctx.db, roomId)
  if (!r || r.room.buildingId === null) throw notFound(ROOM_OUT_OF_SCOPE)
  authorize(ctx.actor, 'housing.place', r.room.gridCode)
  return (await roomsPresented(ctx, [r]))[0]!
}

/** GET /housing/rooms/:id/use-history — the room's changes of use (房屋用途变更), as the room is read. */
export async function getRoomUseHistory(ctx: Ctx, roomId: number): Promise<RoomUseHistory> {
  await getRoom(ctx, roomId)
  const rows = await listRoomUseChanges(ctx.db, roomId)
  const name = (u: string) => OCCUPANCY_NAMES[u as keyof typeof OCCUPANCY_NAMES] ?? u
  type Use = RoomUseHistory['items'][number]['from']
  return { items: rows.map((r) => ({ day: r.day, from: r.fromUse as Use, fromName: name(r.fromUse), to: r.toUse as Use, toName: name(r.toUse) })) }
}

/** PATCH /housing/rooms/:id — a room's use (自住/出租/空置/其他). A room with an active rental stays rented. */
export async function updateRoom(ctx: Ctx, roomId: number, body: UpdateRoomBody): Promise<Room> {
  authorize(ctx.actor, 'housing.record')
  const r = await findRoom(ctx.db, roomId)
  if (!r || r.room.buildingId === null) throw notFound(ROOM_OUT_OF_SCOPE)
  authorize(ctx.actor, 'housing.place', r.room.gridCode)
  sameVersion(r.room.version, body.version)
  if (r.rentalId !== null && body.occupancy !== 'rented') throw new AppError('ROOM_HAS_ACTIVE_RENTAL')
  if (body.occupancy !== r.room.occupancy) {
    await commitChange(ctx, {
      entityId: roomId,
      apply: (tx) => updateRoomOccupancy(tx, roomId, body.version, body.occupancy, shanghaiDate(ctx.now)),
      conflict: { message: STALE_RECORD },
      audit: { action: 'room.occupancy', entityType: 'household', before: { occupancy: r.room.occupancy }, after: { occupancy: body.occupancy } },
    })
  }
  return getRoom(ctx, roomId)
}

/** POST /housing/rooms — a new room of a building (a household row, through the register's own use case). */
export async function createRoom(ctx: Ctx, body: CreateRoomBody): Promise<Room> {
  authorize(ctx.actor, 'housing.keep')
  const b = await visibleBuilding(ctx, Number(body.buildingId))
  const room = body.room.trim()
  const unitId = body.unitId ? Number(body.unitId) : null
  const existing = await listRoomsOfBuildings(ctx.db, [b.building.id])
  if (existing.some((h) => h.unitId === unitId && h.room === room)) throw new AppError('ROOM_EXISTS')
  const h = await createHousehold(ctx, { buildingId: body.buildingId, ...(body.unitId ? { unitId: body.unitId } : {}), room })
  const created = await findRoom(ctx.db, Number(h.id))
  if (body.occupancy && body.occupancy !== created!.room.occupancy) {
    await commitChange(ctx, {
      entityId: h.id,
      // the use a new room is registered with: not a change of use
      apply: (tx) => updateRoomOccupancy(tx, Number(h.id), null, body.occupancy!, null),
      audit: { action: 'room.occupancy', entityType: 'household', before: { occupancy: created!.room.occupancy }, after: { occupancy: body.occupancy } },
    })
  }
  return getRoom(ctx, Number(h.id))
}

// ---- 出租房屋 ------------------------------------------------------------------------------------

/** A typed phone or ID number as its blind index (ID numbers in their canonical form). */
function landlordIndex(ctx: Ctx, key: string): string {
  const t = key.normalize('NFKC').replace(/[\s-]/g, '')
  return ctx.deps.pii.blindIndex(/^[0-9]{17}[0-9Xx]$/.test(t) ? normalizeIdNumber(t) : t)
}

export function rentalFilterOf(ctx: Ctx, q: Omit<ListRentalsQuery, 'limit' | 'cursor' | 'withTotal'>): RentalFilter {
  return {
    placePrefix: readPlace(ctx, q.place),
    ...(q.buildingId ? { buildingId: Number(q.buildingId) } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.purpose ? { purpose: q.purpose } : {}),
    ...(q.landlordName ? { landlordName: q.landlordName } : {}),
    ...(q.landlordKey ? { landlordIdx: landlordIndex(ctx, q.landlordKey) } : {}),
  }
}

async function presented(ctx: Ctx, rows: Awaited<ReturnType<typeof listRentals>>): Promise<Rental[]> {
  const tenants = await listTenantsOf(ctx.db, rows.map((r) => r.rental.id))
  return rows.map((r) => presentRental(ctx.actor, ctx.deps.pii, r, tenants))
}

export async function listRentalsFor(ctx: Ctx, q: ListRentalsQuery): Promise<PageOf<Rental>> {
  const filter = rentalFilterOf(ctx, q)
  const limit = q.limit ?? 20
  const cursor = decodeCursor(q.cursor, { id: 'id' })
  const rows = await listRentals(ctx.db, { ...filter, limit, ...(cursor ? { beforeId: cursor.id } : {}) })
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    items: await presented(ctx, page),
    nextCursor: rows.length > limit && last ? encodeCursor({ id: last.rental.id }) : null,
    ...(q.withTotal ? { total: await countRentals(ctx.db, filter) } : {}),
  }
}

async function visibleRental(ctx: Ctx, id: number) {
  const r = await findRental(ctx.db, id)
  if (!r) throw notFound(RENTAL_OUT_OF_SCOPE)
  authorize(ctx.actor, 'housing.place', r.rental.gridCode)
  return r
}

export async function getRental(ctx: Ctx, id: number): Promise<Rental> {
  authorize(ctx.actor, 'housing.read')
  return (await presented(ctx, [await visibleRental(ctx, id)]))[0]!
}

/** What the audit row keeps of a rental: the landlord's phone and ID number masked, never the cipher texts. */
function audited(ctx: Ctx, r: RentalRow) {
  const pii = ctx.deps.pii
  return {
    householdId: r.householdId,
    gridCode: r.gridCode,
    landlordResidentId: r.landlordResidentId,
    landlordName: r.landlordName,
    landlordPhone: r.landlordPhoneEnc ? maskPhone(pii.decrypt(r.landlordPhoneEnc)) : null,
    landlordIdNumber: r.landlordIdNumberEnc ? maskIdNumber(pii.decrypt(r.landlordIdNumberEnc)) : null,
    purpose: r.purpose,
    startDate: r.startDate,
    endDate: r.endDate,
    status: r.status,
    securityPledgeSigned: r.securityPledgeSigned,
  }
}

/** Who the landlord is: a resident of the caller's place, or a name with a phone and ID number (encrypted). */
async function landlordOf(ctx: Ctx, body: CreateRentalBody['landlord']) {
  const pii = ctx.deps.pii
  if ('residentId' in body) {
    const r = await findResidentBrief(ctx.db, Number(body.residentId))
    if (!r || !can(ctx.actor, 'housing.place', r.gridCode)) throw new AppError('UNKNOWN_LANDLORD', undefined, [{ field: 'landlord.residentId', message: '居民不存在或不在您的辖区内' }])
    return { landlordResidentId: r.id, landlordName: r.name, landlordPhoneEnc: r.phoneEnc, landlordPhoneIdx: r.phoneIdx, landlordIdNumberEnc: r.idNumberEnc, landlordIdNumberIdx: r.idNumberIdx }
  }
  const idNumber = body.idNumber ? normalizeIdNumber(body.idNumber) : null
  if (idNumber && !isValidIdNumber(idNumber)) throw invalidInput([{ field: 'landlord.idNumber', message: '身份证号校验不通过，请核对（GB 11643）' }])
  return {
    landlordResidentId: null,
    landlordName: body.name.trim(),
    landlordPhoneEnc: body.phone ? pii.encrypt(body.phone) : null,
    landlordPhoneIdx: body.phone ? pii.blindIndex(body.phone) : null,
    landlordIdNumberEnc: idNumber ? pii.encrypt(idNumber) : null,
    landlordIdNumberIdx: idNumber ? pii.blindIndex(idNumber) : null,
  }
}

/** POST /housing/rentals — 出租登记: the room becomes rented; one active rental per room (422). */
export async function createRental(ctx: Ctx, body: CreateRentalBody): Promise<Rental> {
  authorize(ctx.actor, 'housing.record')
  const room = await findRoom(ctx.db, Number(body.householdId))
  if (!room || !can(ctx.actor, 'housing.place', room.room.gridCode)) {
    throw new AppError('UNKNOWN_HOUSEHOLD', undefined, [{ field: 'householdId', message: '房屋不存在或不在您的辖区内' }])
  }
  if (room.rentalId !== null) throw new AppError('RENTAL_ALREADY_ACTIVE')
  const landlord = await landlordOf(ctx, body.landlord)
  const r = await commitChange<RentalRow>(ctx, {
    entityId: (x) => x.id,
    apply: (tx) =>
      insertRental(tx, {
        householdId: room.room.id,
        gridCode: room.room.gridCode,
        ...landlord,
        purpose: body.purpose,
        startDate: body.startDate,
        securityPledgeSigned: body.securityPledgeSigned ?? false,
        note: body.note?.trim() || null,
        createdAt: ctx.now,
      }),
    conflict: { code: 'RENTAL_ALREADY_ACTIVE' },
    event: { write: timeline, entry: { action: 'create', fromStatus: null, toStatus: 'active', fields: { householdId: String(room.room.id), purpose: body.purpose, startDate: body.startDate } } },
    audit: (x) => ({ action: 'rental.create', entityType: RENTAL, after: audited(ctx, x) }),
    after: async (tx) => {
      if (room.room.occupancy !== 'rented') await updateRoomOccupancy(tx, room.room.id, null, 'rented', body.startDate)
    },
  })
  return getRental(ctx, r.id)
}

/** A rental the caller records changes to: 404 → 409 → 422 (ended). */
async function activeRental(ctx: Ctx, id: number, version?: number) {
  authorize(ctx.actor, 'housing.record')
  const r = await visibleRental(ctx, id)
  if (version !== undefined) sameVersion(r.rental.version, version)
  if (r.rental.status !== 'active') throw new AppError('RENTAL_ENDED')
  return r.rental
}

export async function updateRental(ctx: Ctx, id: number, body: UpdateRentalBody): Promise<Rental> {
  const r = await activeRental(ctx, id, body.version)
  const { version, landlordPhone, ...rest } = body
  const patch: Partial<RentalInsert> = {
    ...(Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Partial<RentalInsert>),
    ...(landlordPhone ? { landlordPhoneEnc: ctx.deps.pii.encrypt(landlordPhone), landlordPhoneIdx: ctx.deps.pii.blindIndex(landlordPhone) } : {}),
  }
  if (!Object.keys(patch).length) throw invalidInput([{ message: '没有需要修改的内容' }], '没有需要修改的内容')
  await commitChange(ctx, {
    entityId: id,
    apply: (tx) => updateRentalVersioned(tx, id, version, patch),
    conflict: { message: STALE_RECORD },
    event: { write: timeline, entry: { action: 'update', fromStatus: 'active', toStatus: 'active', fields: { changed: Object.keys(body).filter((k) => k !== 'version') } } },
    audit: (x) => ({ action: 'rental.update', entityType: RENTAL, before: audited(ctx, r), after: audited(ctx, x) }),
  })
  return getRental(ctx, id)
}

/** POST /housing/rentals/:id/end — 退租: current tenants leave that day (their rows kept); the room becomes vacant unless told. */
export async function endRental(ctx: Ctx, id: number, body: EndRentalBody): Promise<Rental> {
  const r = await activeRental(ctx, id, body.version)
  if (body.endDate < r.startDate) throw new AppError('TENANT_DATES', '退租日期不能早于起租日期')
  const occupancy = body.occupancy ?? 'vacant'
  await commitChange(ctx, {
    entityId: id,
    apply: (tx) => updateRentalVersioned(tx, id, body.version, { status: 'ended', endDate: body.endDate, ...(body.note ? { note: body.note } : {}) }),
    conflict: { message: STALE_RECORD },
    event: { write: timeline, entry: { action: 'end', fromStatus: 'active', toStatus: 'ended', fields: { endDate: body.endDate, occupancy } } },
    audit: (x) => ({ action: 'rental.end', entityType: RENTAL, before: audited(ctx, r), after: { ...audited(ctx, x), roomOccupancy: occupancy } }),
    after: async (tx) => {
      await endTenanciesOf(tx, id, body.endDate)
      await updateRoomOccupancy(tx, r.householdId, null, occupancy, body.endDate)
    },
  })
  return getRental(ctx, id)
}

/** The rental's version moves with every change to its tenants (a stale screen loses with 409). */
const touch = (tx: Db, r: RentalRow) => updateRentalVersioned(tx, r.id, r.version, {})

/** POST /housing/rentals/:id/tenants — a resident of the register moves in (linked, never created here). */
export async function addTenant(ctx: Ctx, id: number, body: AddTenantBody): Promise<Rental> {
  const r = await activeRental(ctx, id)
  const person = await findResidentBrief(ctx.db, Number(body.residentId))
  if (!person || !can(ctx.actor, 'housing.place', person.gridCode)) {
    throw new AppError('UNKNOWN_RESIDENT', undefined, [{ field: 'residentId', message: '居民不存在或不在您的辖区内' }])
  }
  if (await findCurrentTenancy(ctx.db, id, person.id)) throw new AppError('TENANT_ALREADY_ACTIVE')
  if (body.fromDate < r.startDate) throw new AppError('TENANT_DATES', '入住日期不能早于起租日期')
  await inTransaction(ctx, async (tx) => {
    const t = await insertTenant(tx, { rentalId: id, residentId: person.id, fromDate: body.fromDate })
    await writeChange(ctx, tx, {
      entityId: id,
      apply: (tx2) => touch(tx2, r),
      conflict: { message: STALE_RECORD },
      event: { write: timeline, entry: { action: 'addTenant', fromStatus: 'active', toStatus: 'active', fields: { tenantId: String(t.id), residentId: String(person.id), fromDate: body.fromDate } } },
      audit: { action: 'rental.addTenant', entityType: RENTAL, after: { tenantId: t.id, residentId: person.id, name: person.name, fromDate: body.fromDate } },
    })
  })
  return getRental(ctx, id)
}

/** POST /housing/rentals/:id/tenants/:tenantId/end — a tenant left; the row stays with its dates (history). */
export async function endTenant(ctx: Ctx, id: number, tenantId: number, body: EndTenantBody): Promise<Rental> {
  const r = await activeRental(ctx, id)
  const t = await findTenant(ctx.db, id, tenantId)
  if (!t) throw notFound('租客不存在')
  if (t.toDate !== null) throw new AppError('TENANT_ENDED')
  if (body.toDate < t.fromDate) throw new AppError('TENANT_DATES', '搬离日期不能早于入住日期')
  await inTransaction(ctx, async (tx) => {
    if (!(await endTenancy(tx, tenantId, body.toDate))) throw new AppError('TENANT_ENDED')
    await writeChange(ctx, tx, {
      entityId: id,
      apply: (tx2) => touch(tx2, r),
      conflict: { message: STALE_RECORD },
      event: { write: timeline, entry: { action: 'endTenant', fromStatus: 'active', toStatus: 'active', fields: { tenantId: String(tenantId), residentId: String(t.residentId), toDate: body.toDate } } },
      audit: { action: 'rental.endTenant', entityType: RENTAL, before: { tenantId, toDate: null }, after: { tenantId, residentId: t.residentId, toDate: body.toDate } },
    })
  })
  return getRental(ctx, id)
}

/** Is there an active rental of this room? (the room drawer, the importers) */
export const activeRentalOfRoom = (ctx: Ctx, householdId: number) => findActiveRentalOfRoom(ctx.db, householdId)

/** POST /housing/rentals/:id/reveal — one landlord field in full, for community and grid staff; every reveal audited. */
export async function revealLandlordField(ctx: Ctx, id: number, field: 'landlordPhone' | 'landlordIdNumber'): Promise<{ field: string; value: string | null }> {
  authorize(ctx.actor, 'housing.read')
  const r = await visibleRental(ctx, id)
  authorize(ctx.actor, 'housing.reveal')
  const enc = field === 'landlordPhone' ? r.rental.landlordPhoneEnc : r.rental.landlordIdNumberEnc
  await recordAudit(ctx, ctx.db, { action: 'rental.reveal', entityType: RENTAL, entityId: id, detail: { field } })
  return { field, value: enc ? ctx.deps.pii.decrypt(enc) : null }
}
