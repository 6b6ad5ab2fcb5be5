/**
 * 单位场所 (issue 13): shops, restaurants, 九小场所, enterprises and key units (安全生产 / 消防 / 治安重点), each
 * with a responsible person (phone encrypted, shown masked) and a grid. The 统一社会信用代码 is checked (GB 32100).
 */
import { DateParam, Id, IsoDate, Literals, Nullable, Obj, PageQuery, PlaceCode, Str, Text, Type, Version, type Static } from './common'
import { KEY_TYPE_NAMES, SMALL_VENUE_TYPE_NAMES, VENUE_KIND_NAMES, VENUE_STATUS_NAMES } from './ledger-names'

export const VENUE_KINDS = Object.keys(VENUE_KIND_NAMES) as (keyof typeof VENUE_KIND_NAMES)[]
export const SMALL_VENUE_TYPES = Object.keys(SMALL_VENUE_TYPE_NAMES) as (keyof typeof SMALL_VENUE_TYPE_NAMES)[]
export const KEY_TYPES = Object.keys(KEY_TYPE_NAMES) as (keyof typeof KEY_TYPE_NAMES)[]
export const VENUE_STATUSES = Object.keys(VENUE_STATUS_NAMES) as (keyof typeof VENUE_STATUS_NAMES)[]
export const VENUE_ACTIONS = ['update', 'close'] as const
export type VenueAction = (typeof VENUE_ACTIONS)[number]

const Phone = Type.String({ pattern: '^(?:1[3-9][0-9]{9}|0[0-9]{9,11})$', description: '负责人电话（加密保存，返回时脱敏）' })
const CreditCode = Type.String({ minLength: 18, maxLength: 24, description: '统一社会信用代码（18 位，按 GB 32100 校验）' })
const GridCode = Type.String({ pattern: '^[0-9]{15}$', description: '所在网格（15 位代码）' })

export const CreateVenueBody = Obj({
  gridCode: GridCode,
  name: Text(100, '名称'),
  kind: Literals(VENUE_KINDS, '类别'),
  /** required when kind = smallVenue */
  smallVenueType: Type.Optional(Literals(SMALL_VENUE_TYPES, '九小场所类型（类别为九小场所时必填）')),
  keyTypes: Type.Optional(Type.Array(Literals(KEY_TYPES), { maxItems: 3, uniqueItems: true, description: '重点单位类型' })),
  address: Text(200, '地址'),
  creditCode: Type.Optional(CreditCode),
  responsibleName: Text(50, '负责人'),
  responsiblePhone: Type.Optional(Phone),
  employees: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, description: '从业人数' })),
  buildingId: Type.Optional(Id),
  note: Type.Optional(Str(500)),
})
export type CreateVenueBody = Static<typeof CreateVenueBody>

export const UpdateVenueBody = Obj({
  version: Version,
  name: Type.Optional(Text(100)),
  kind: Type.Optional(Literals(VENUE_KINDS)),
  smallVenueType: Type.Optional(Nullable(Literals(SMALL_VENUE_TYPES))),
  keyTypes: Type.Optional(Type.Array(Literals(KEY_TYPES), { maxItems: 3, uniqueItems: true })),
  address: Type.Optional(Text(200)),
  creditCode: Type.Optional(Nullable(CreditCode)),
  responsibleName: Type.Optional(Text(50)),
  responsiblePhone: Type.Optional(Nullable(Phone)),
  employees: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 1_000_000 }))),
  note: Type.Optional(Nullable(Str(500))),
})
export type UpdateVenueBody = Static<typeof UpdateVenueBody>

export const CloseVenueBody = Obj({ version: Version, date: DateParam('停业/注销日期'), note: Type.Optional(Str(500)) })
export type CloseVenueBody = Static<typeof CloseVenueBody>

export const ListVenuesQuery = Obj({
  ...PageQuery,
  place: Type.Optional(PlaceCode),
  kind: Type.Optional(Literals(VENUE_KINDS)),
  smallVenueType: Type.Optional(Literals(SMALL_VENUE_TYPES)),
  keyType: Type.Optional(Literals(KEY_TYPES)),
  status: Type.Optional(Literals(VENUE_STATUSES)),
  q: Type.Optional(Str(50, { description: '按名称或地址查找' })),
})
export type ListVenuesQuery = Static<typeof ListVenuesQuery>

export const Venue = Type.Object({
  id: Id,
  gridCode: Type.String(),
  gridName: Type.String(),
  buildingId: Nullable(Id),
  name: Type.String(),
  kind: Literals(VENUE_KINDS),
  kindName: Type.String(),
  smallVenueType: Nullable(Literals(SMALL_VENUE_TYPES)),
  smallVenueTypeName: Nullable(Type.String()),
  keyTypes: Type.Array(Literals(KEY_TYPES)),
  keyTypeNames: Type.Array(Type.String()),
  address: Type.String(),
  creditCode: Nullable(Type.String()),
  responsibleName: Type.String(),
  responsiblePhone: Nullable(Type.String({ description: '脱敏' })),
  employees: Nullable(Type.Integer()),
  status: Literals(VENUE_STATUSES),
  statusName: Type.String(),
  closedAt: Nullable(IsoDate),
  note: Nullable(Type.String()),
  version: Type.Integer(),
  allowedActions: Type.Array(Literals(VENUE_ACTIONS)),
})
export type Venue = Static<typeof Venue>

export const ExportVenuesQuery = Obj({
  place: Type.Optional(PlaceCode),
  kind: Type.Optional(Literals(VENUE_KINDS)),
  smallVenueType: Type.Optional(Literals(SMALL_VENUE_TYPES)),
  keyType: Type.Optional(Literals(KEY_TYPES)),
  status: Type.Optional(Literals(VENUE_STATUSES)),
  q: Type.Optional(Str(50)),
})
export type ExportVenuesQuery = Static<typeof ExportVenuesQuery>

/** 查看负责人完整电话, for a role that may (audited). */
export const RevealVenueBody = Obj({ field: Literals(['responsiblePhone'] as const, '要查看的字段') })
export type RevealVenueBody = Static<typeof RevealVenueBody>
