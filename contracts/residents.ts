/** Residents (居民): always masked; one field revealed at a time to allowed roles, audited. */
import { Id, Nullable, Obj, PageQuery, PlaceCode, Str, Type, type Static } from './common'

export const Resident = Type.Object({
  id: Id,
  name: Type.String(),
  gender: Nullable(Type.String()),
  genderName: Nullable(Type.String()),
  birthDate: Nullable(Type.String()),
  idNumber: Nullable(Type.String({ description: '脱敏：520423********1234' })),
  phone: Nullable(Type.String({ description: '脱敏：138****5678' })),
  gridCode: Type.String(),
  householdId: Nullable(Id),
  address: Nullable(Type.String()),
  tags: Type.Array(Type.String()),
})
export type Resident = Static<typeof Resident>

export const ListResidentsQuery = Obj({
  ...PageQuery,
  place: Type.Optional(PlaceCode),
  name: Type.Optional(Str(20)),
  phone: Type.Optional(Type.String({ pattern: '^1[3-9][0-9]{9}$', description: '按完整手机号精确查找' })),
  idNumber: Type.Optional(Type.String({ pattern: '^[0-9]{17}[0-9Xx]$', description: '按完整身份证号精确查找' })),
  tag: Type.Optional(Str(20)),
})
export type ListResidentsQuery = Static<typeof ListResidentsQuery>

export const REVEAL_FIELDS = ['idNumber', 'phone'] as const
export const RevealBody = Obj({ field: Type.Enum(REVEAL_FIELDS) })
export const RevealResponse = Type.Object({ field: Type.String(), value: Nullable(Type.String()) })
