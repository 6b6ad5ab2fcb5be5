/** 实有房屋 / 出租房屋 rows → the contract. Personal data leaves masked: head's name 张*, landlord's phone and ID number. */
import type { BuildingRooms, HousingBuilding, Rental, RentalAction, Room, Tenant } from '#contracts/housing'
import { OCCUPANCY_NAMES, RENTAL_PURPOSE_NAMES, RENTAL_STATUS_NAMES } from '#contracts/ledger-names'
import { maskIdNumber, maskName, maskPhone, type Pii } from '../../lib/pii'
import type { Actor } from '../../permissions'
import { can } from '../../permissions'
import type { HousingBuildingRow, RentalRow, RentalWithPlace, RoomWithFacts, TenantWithName } from './queries'

type Occ = keyof typeof OCCUPANCY_NAMES

/** The floor a room number says: 1单元302 → 3, 1201 → 12; null when it says none. */
export function floorOf(room: string | null, unitName: string | null): number | null {
  if (!room) return null
  const rest = unitName && room.startsWith(unitName) ? room.slice(unitName.length) : room
  const m = /(\d+)\D*$/.exec(rest)
  if (!m) return null
  const digits = m[1]!
  return digits.length >= 3 ? Number(digits.slice(0, -2)) : null
}

export function presentHousingBuilding(r: HousingBuildingRow): HousingBuilding {
  const occupancy = { owner: r.owner, rented: r.rented, vacant: r.vacant, other: r.other }
  return {
    id: String(r.building.id),
    name: r.building.name,
    compoundName: r.compoundName ?? null,
    address: r.building.address,
    floors: r.building.floors,
    gridCode: r.building.gridCode,
    gridName: r.gridName,
    roomCount: r.owner + r.rented + r.vacant + r.other,
    occupancy,
    activeRentals: r.activeRentals,
  }
}

export function presentRoom(actor: Actor, r: RoomWithFacts, rental: { row: RentalRow; tenants: number } | undefined): Room {
  const h = r.room
  const occupancy = h.occupancy as Occ
  return {
    id: String(h.id),
    buildingId: String(h.buildingId),
    unitId: h.unitId === null ? null : String(h.unitId),
    unitName: r.unitName ?? null,
    room: h.room,
    floor: floorOf(h.room, r.unitName ?? null),
    address: h.address,
    gridCode: h.gridCode,
    occupancy,
    occupancyName: OCCUPANCY_NAMES[occupancy] ?? h.occupancy,
    headName: r.headName ? maskName(r.headName) : null,
    memberCount: r.memberCount,
    activeRental: rental
      ? {
          id: String(rental.row.id),
          landlordName: rental.row.landlordName,
          purposeName: RENTAL_PURPOSE_NAMES[rental.row.purpose as keyof typeof RENTAL_PURPOSE_NAMES] ?? rental.row.purpose,
          startDate: rental.row.startDate,
          tenantCount: rental.tenants,
        }
      : null,
    version: h.version,
    canEdit: can(actor, 'housing.record') && can(actor, 'housing.place', h.gridCode),
  }
}

export function presentBuildingRooms(actor: Actor, b: HousingBuildingRow, units: { id: number; name: string }[], rooms: Room[]): BuildingRooms {
  const unitList: BuildingRooms['units'] = units.map((u) => ({ id: String(u.id), name: u.name }))
  if (rooms.some((r) => r.unitId === null)) unitList.push({ id: null, name: '未分单元' })
  void actor
  return { building: presentHousingBuilding(b), units: unitList, rooms }
}

export function presentTenant(t: TenantWithName): Tenant {
  return {
    id: String(t.tenant.id),
    residentId: String(t.tenant.residentId),
    name: t.name,
    fromDate: t.tenant.fromDate,
    toDate: t.tenant.toDate,
    current: t.tenant.toDate === null,
  }
}

function rentalActions(actor: Actor, r: RentalRow): RentalAction[] {
  if (r.status !== 'active' || !can(actor, 'housing.record') || !can(actor, 'housing.place', r.gridCode)) return []
  return ['update', 'end', 'addTenant', 'endTenant']
}

export function presentRental(actor: Actor, pii: Pii, r: RentalWithPlace, tenants: TenantWithName[]): Rental {
  const x = r.rental
  return {
    id: String(x.id),
    household: { id: String(x.householdId), address: r.address, buildingId: r.buildingId === null ? null : String(r.buildingId), buildingName: r.buildingName ?? null, room: r.room },
    gridCode: x.gridCode,
    gridName: r.gridName,
    landlord: {
      residentId: x.landlordResidentId === null ? null : String(x.landlordResidentId),
      name: x.landlordName,
      phone: x.landlordPhoneEnc ? maskPhone(pii.decrypt(x.landlordPhoneEnc)) : null,
      idNumber: x.landlordIdNumberEnc ? maskIdNumber(pii.decrypt(x.landlordIdNumberEnc)) : null,
    },
    purpose: x.purpose as Rental['purpose'],
    purposeName: RENTAL_PURPOSE_NAMES[x.purpose as keyof typeof RENTAL_PURPOSE_NAMES] ?? x.purpose,
    startDate: x.startDate,
    endDate: x.endDate,
    status: x.status as Rental['status'],
    statusName: RENTAL_STATUS_NAMES[x.status as keyof typeof RENTAL_STATUS_NAMES] ?? x.status,
    securityPledgeSigned: x.securityPledgeSigned,
    note: x.note,
    tenants: tenants.filter((t) => t.tenant.rentalId === x.id).map(presentTenant),
    version: x.version,
    allowedActions: rentalActions(actor, x),
  }
}
