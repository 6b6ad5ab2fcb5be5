/**
 * 实有房屋 and 出租房屋 (issue 13): every room of every building (a `household` row: building, unit, room) with its
 * use — owner-occupied, rented, vacant — and rental housing with its landlord and tenants. The landlord's phone and
 * ID number are stored encrypted and always leave masked; tenants are residents of the register (linked, never
 * created here).
 */
import { DateParam, Id, IsoDate, Literals, Nullable, Obj, PageQuery, PlaceCode, Str, Text, Type, Version, type Static } from './common'
import { OCCUPANCY_NAMES, RENTAL_PURPOSE_NAMES, RENTAL_STATUS_NAMES } from './ledger-names'

export const OCCUPANCIES = Object.keys(OCCUPANCY_NAMES) as (keyof typeof OCCUPANCY_NAMES)[]
export const RENTAL_PURPOSES = Object.keys(RENTAL_PURPOSE_NAMES) as (keyof typeof RENTAL_PURPOSE_NAMES)[]
export const RENTAL_STATUSES = Object.keys(RENTAL_STATUS_NAMES) as (keyof typeof RENTAL_STATUS_NAMES)[]
export type RentalPurpose = (typeof RENTAL_PURPOSES)[number]
export type RentalStatus = (typeof RENTAL_STATUSES)[number]

export const Occupancy = Literals(OCCUPANCIES, '使用状态：owner 自住 · rented 出租 · vacant 空置 · other 其他')
/** what an action on a rental may be; the response says which the caller may take now */
export const RENTAL_ACTIONS = ['update', 'end', 'addTenant', 'endTenant'] as const
export type RentalAction = (typeof RENTAL_ACTIONS)[number]

const OccupancyCounts = Type.Object({ owner: Type.Integer(), rented: Type.Integer(), vacant: Type.Integer(), other: Type.Integer() })

// ---- 楼栋 and 房屋 ------------------------------------------------------------------------------

export const ListHousingBuildingsQuery = Obj({
  ...PageQuery,
  place: Type.Optional(PlaceCode),
  compoundId: Type.Optional(Id),
  q: Type.Optional(Str(50, { description: '按小区或楼栋名称查找' })),
})
export type ListHousingBuildingsQuery = Static<typeof ListHousingBuildingsQuery>

export const HousingBuilding = Type.Object({
  id: Id,
  name: Type.String(),
  compoundName: Nullable(Type.String()),
  address: Nullable(Type.String()),
  floors: Nullable(Type.Integer()),
  gridCode: Type.String(),
  gridName: Type.String(),
  roomCount: Type.Integer(),
  occupancy: OccupancyCounts,
  activeRentals: Type.Integer(),
})
export type HousingBuilding = Static<typeof HousingBuilding>

export const RoomRental = Type.Object({
  id: Id,
  landlordName: Type.String(),
  purposeName: Type.String(),
  startDate: IsoDate,
  tenantCount: Type.Integer(),
})

export const Room = Type.Object({
  id: Id,
  buildingId: Id,
  unitId: Nullable(Id),
  unitName: Nullable(Type.String()),
  room: Nullable(Type.String()),
  /** the floor, read from the room number (1单元302 → 3); null when it does not say */
  floor: Nullable(Type.Integer()),
  address: Type.String(),
  gridCode: Type.String(),
  occupancy: Occupancy,
  occupancyName: Type.String(),
  /** 户主's name, masked (张*) */
  headName: Nullable(Type.String({ description: '户主姓名（脱敏）' })),
  memberCount: Type.Integer({ description: '在住人数' }),
  activeRental: Nullable(RoomRental),
  version: Type.Integer(),
  canEdit: Type.Boolean({ description: '调用者可以修改使用状态' }),
})
export type Room = Static<typeof Room>

/** 房屋用途变更: the room's use changed on `day` (a rental's start or end, a worker's correction, an import). */
export const RoomUseChange = Type.Object({
  day: IsoDate,
  from: Occupancy,
  fromName: Type.String(),
  to: Occupancy,
  toName: Type.String(),
})
export type RoomUseChange = Static<typeof RoomUseChange>
export const RoomUseHistory = Type.Object({ items: Type.Array(RoomUseChange, { description: '最近的在前' }) })
export type RoomUseHistory = Static<typeof RoomUseHistory>

export const BuildingRooms = Type.Object({
  building: HousingBuilding,
  /** the building's units in order (rooms without a unit are under null) */
  units: Type.Array(Type.Object({ id: Nullable(Id), name: Type.String() })),
  rooms: Type.Array(Room),
})
export type BuildingRooms = Static<typeof BuildingRooms>

export const UpdateRoomBody = Obj({ occupancy: Occupancy, version: Version })
export type UpdateRoomBody = Static<typeof UpdateRoomBody>

export const CreateRoomBody = Obj({
  buildingId: Id,
  unitId: Type.Optional(Id),
  room: Text(20, '房号，如 1单元302 或 302'),
  occupancy: Type.Optional(Occupancy),
})
export type CreateRoomBody = Static<typeof CreateRoomBody>

// ---- 出租房屋 ------------------------------------------------------------------------------------

const Phone = Type.String({ pattern: '^(?:1[3-9][0-9]{9}|0[0-9]{9,11})$', description: '手机号或带区号的固定电话（加密保存，返回时脱敏）' })
const IdNumber = Type.String({ pattern: '^[0-9]{17}[0-9Xx]$', description: '18 位居民身份证号（加密保存，返回时脱敏；按盲索引精确查找）' })

export const LandlordInput = Type.Union([
  Obj({ residentId: Id }, { description: '房东是本辖区登记的居民' }),
  Obj({ name: Text(50, '房东姓名'), phone: Type.Optional(Phone), idNumber: Type.Optional(IdNumber) }, { description: '房东不在本辖区登记' }),
])
export type LandlordInput = Static<typeof LandlordInput>

export const CreateRentalBody = Obj({
  householdId: Id,
  landlord: LandlordInput,
  purpose: Literals(RENTAL_PURPOSES, '用途'),
  startDate: DateParam('起租日期'),
  securityPledgeSigned: Type.Optional(Type.Boolean({ description: '已签订治安责任书' })),
  note: Type.Optional(Str(500)),
})
export type CreateRentalBody = Static<typeof CreateRentalBody>

export const UpdateRentalBody = Obj({
  version: Version,
  purpose: Type.Optional(Literals(RENTAL_PURPOSES, '用途')),
  startDate: Type.Optional(DateParam('起租日期')),
  securityPledgeSigned: Type.Optional(Type.Boolean()),
  landlordPhone: Type.Optional(Phone),
  note: Type.Optional(Nullable(Str(500))),
})
export type UpdateRentalBody = Static<typeof UpdateRentalBody>

export const EndRentalBody = Obj({
  version: Version,
  endDate: DateParam('退租日期'),
  /** what the room becomes: vacant 空置 unless told */
  occupancy: Type.Optional(Literals(['vacant', 'owner', 'other'] as const, '房屋变为：vacant 空置（默认）· owner 自住 · other 其他')),
  note: Type.Optional(Str(500)),
})
export type EndRentalBody = Static<typeof EndRentalBody>

export const AddTenantBody = Obj({ residentId: Id, fromDate: DateParam('入住日期') })
export type AddTenantBody = Static<typeof AddTenantBody>
export const EndTenantBody = Obj({ toDate: DateParam('搬离日期') })
export type EndTenantBody = Static<typeof EndTenantBody>
export const TenantParams = Obj({ id: Id, tenantId: Id })

export const ListRentalsQuery = Obj({
  ...PageQuery,
  place: Type.Optional(PlaceCode),
  buildingId: Type.Optional(Id),
  status: Type.Optional(Literals(RENTAL_STATUSES)),
  purpose: Type.Optional(Literals(RENTAL_PURPOSES)),
  landlordName: Type.Optional(Str(50, { description: '房东姓名（包含）' })),
  /** a phone or ID number: matched exactly by blind index */
  landlordKey: Type.Optional(Str(20, { description: '房东手机号或身份证号（精确匹配）' })),
})
export type ListRentalsQuery = Static<typeof ListRentalsQuery>

export const Tenant = Type.Object({
  id: Id,
  residentId: Id,
  name: Type.String(),
  fromDate: IsoDate,
  toDate: Nullable(IsoDate),
  current: Type.Boolean(),
})
export type Tenant = Static<typeof Tenant>

export const Rental = Type.Object({
  id: Id,
  household: Type.Object({ id: Id, address: Type.String(), buildingId: Nullable(Id), buildingName: Nullable(Type.String()), room: Nullable(Type.String()) }),
  gridCode: Type.String(),
  gridName: Type.String(),
  landlord: Type.Object({
    residentId: Nullable(Id),
    name: Type.String(),
    phone: Nullable(Type.String({ description: '脱敏' })),
    idNumber: Nullable(Type.String({ description: '脱敏' })),
  }),
  purpose: Literals(RENTAL_PURPOSES),
  purposeName: Type.String(),
  startDate: IsoDate,
  endDate: Nullable(IsoDate),
  status: Literals(RENTAL_STATUSES),
  statusName: Type.String(),
  securityPledgeSigned: Type.Boolean(),
  note: Nullable(Type.String()),
  tenants: Type.Array(Tenant, { description: '租客（含已搬离的，历史保留）' }),
  version: Type.Integer(),
  allowedActions: Type.Array(Literals(RENTAL_ACTIONS)),
})
export type Rental = Static<typeof Rental>

// ---- 导出 ---------------------------------------------------------------------------------------

export const ExportRentalsQuery = Obj({
  place: Type.Optional(PlaceCode),
  buildingId: Type.Optional(Id),
  status: Type.Optional(Literals(RENTAL_STATUSES)),
  purpose: Type.Optional(Literals(RENTAL_PURPOSES)),
  landlordName: Type.Optional(Str(50)),
  landlordKey: Type.Optional(Str(20)),
})
export type ExportRentalsQuery = Static<typeof ExportRentalsQuery>
export const ExportRoomsQuery = Obj({ buildingId: Id })
export type ExportRoomsQuery = Static<typeof ExportRoomsQuery>

/** 查看完整信息: one landlord field in full, for a role that may (audited). */
export const RevealLandlordBody = Obj({ field: Literals(['landlordPhone', 'landlordIdNumber'] as const, '要查看的字段') })
export type RevealLandlordBody = Static<typeof RevealLandlordBody>
export const RevealedField = Type.Object({ field: Type.String(), value: Nullable(Type.String()) })
