/**
 * 特殊人群 — typed, sensitive sub-records of a resident (issue 13): care groups (关爱服务) and managed groups
 * (服务管理). Which roles see which kind is permissions/policies/special-group.ts; a kind the caller may not see
 * never appears in a response (not in lists, counts or the person card). Every read is audited; the detail is
 * masked (ID number, phones, sensitive fields shown as 已登记) unless read through `/full` by a role that may.
 */
import { Id, IsoDate, IsoTime, Literals, Nullable, Obj, PageQuery, PlaceCode, Str, Text, Type, Version, type Static, type TSchema } from './common'
import {
  CORRECTION_TYPES,
  DISABILITY_GRADES,
  DISABILITY_TYPES,
  DRUG_USER_STATUSES,
  KEY_YOUTH_TYPES,
  SPECIAL_GROUP_KINDS,
  SPECIAL_GROUP_LEVEL_NAMES,
  SPECIAL_GROUP_STATUS_NAMES,
  VETERAN_TYPES,
  type SpecialGroupKind,
} from './ledger-names'

/** The plain data of the special groups lives in ledger-names.ts (the pages import it without TypeBox). */
export {
  CORRECTION_TYPES,
  DISABILITY_GRADES,
  DISABILITY_TYPES,
  DRUG_USER_STATUSES,
  KEY_YOUTH_TYPES,
  REGISTERED_MARK,
  SPECIAL_GROUP_DETAIL_NAMES,
  VETERAN_TYPES,
  detailsInWords,
} from './ledger-names'

export const SPECIAL_GROUP_LEVELS = Object.keys(SPECIAL_GROUP_LEVEL_NAMES) as (keyof typeof SPECIAL_GROUP_LEVEL_NAMES)[]
export const SPECIAL_GROUP_STATUSES = Object.keys(SPECIAL_GROUP_STATUS_NAMES) as (keyof typeof SPECIAL_GROUP_STATUS_NAMES)[]
export const SpecialGroupKindT = Literals(SPECIAL_GROUP_KINDS, '特殊人群类别')
export const SpecialGroupLevelT = Literals(SPECIAL_GROUP_LEVELS, '等级：normal 一般 · attention 关注 · key 重点')

const Phone = Type.String({ pattern: '^1[3-9][0-9]{9}$|^0[0-9]{2,3}-?[0-9]{7,8}$', description: '手机或固话' })
const Day = Type.String({ format: 'date', pattern: '^(?:19[0-9]{2}|20[0-9]{2}|2100)-', description: 'YYYY-MM-DD' })
const Opt = Type.Optional

/**
 * Each kind's own fields (`details`). Phones in details are stored encrypted (AES-256-GCM / SM4 like every phone)
 * and shown masked; the `sensitive` fields (crime, diagnosis-like risk level) read 已登记 in a masked detail.
 */
export const SPECIAL_GROUP_DETAILS = {
  elderlyAlone: Obj({ emergencyContactName: Opt(Str(50)), emergencyContactPhone: Opt(Phone) }),
  advancedAge: Obj({}),
  minimumLiving: Obj({ certificateNo: Opt(Str(40)), memberCount: Opt(Type.Integer({ minimum: 1, maximum: 30 })) }),
  extremePoverty: Obj({ certificateNo: Opt(Str(40)), memberCount: Opt(Type.Integer({ minimum: 1, maximum: 30 })) }),
  disabled: Obj({ grade: Opt(Literals([...DISABILITY_GRADES])), type: Opt(Literals([...DISABILITY_TYPES])), certificateNo: Opt(Str(40)) }),
  veteran: Obj({ type: Opt(Literals([...VETERAN_TYPES])) }),
  leftBehindChild: Obj({ guardianName: Opt(Str(50)), guardianRelation: Opt(Str(20)), parentsWorkplace: Opt(Str(100)) }),
  communityCorrection: Obj({ correctionType: Opt(Literals([...CORRECTION_TYPES])), termStart: Opt(Day), termEnd: Opt(Day), crime: Opt(Str(100)) }),
  released: Obj({ releasedOn: Opt(Day), crime: Opt(Str(100)), resettled: Opt(Type.Boolean()) }),
  severeMental: Obj({ riskLevel: Opt(Type.Integer({ minimum: 0, maximum: 5 })), guardianName: Opt(Str(50)), guardianPhone: Opt(Phone) }),
  drugUser: Obj({ status: Opt(Literals([...DRUG_USER_STATUSES])) }),
  keyYouth: Obj({ type: Opt(Literals([...KEY_YOUTH_TYPES])) }),
} as const satisfies Record<SpecialGroupKind, TSchema>

/** Detail fields that are phones (stored encrypted, shown masked). */
export const SPECIAL_GROUP_PHONE_FIELDS = ['emergencyContactPhone', 'guardianPhone'] as const
/** Detail fields shown only as 已登记 in a masked read. */
export const SPECIAL_GROUP_SENSITIVE_FIELDS = ['crime', 'riskLevel', 'certificateNo'] as const

/** Details as any kind has them (the per-kind schema is checked by the server against the record's kind). */
const AnyDetails = Type.Record(Type.String(), Type.Unknown(), { description: '该类别的专项信息（各类别字段见 SPECIAL_GROUP_DETAILS）' })

export const SpecialGroup = Type.Object({
  id: Id,
  kind: SpecialGroupKindT,
  kindName: Type.String(),
  category: Literals(['care', 'managed']),
  categoryName: Type.String(),
  level: SpecialGroupLevelT,
  levelName: Type.String(),
  status: Literals(SPECIAL_GROUP_STATUSES),
  statusName: Type.String(),
  resident: Type.Object({
    id: Id,
    name: Type.String(),
    gender: Nullable(Type.String()),
    birthDate: Nullable(Type.String()),
    idNumber: Nullable(Type.String({ description: '身份证号：脱敏，完整信息时为原值' })),
    phone: Nullable(Type.String({ description: '电话：脱敏，完整信息时为原值' })),
  }),
  grid: Type.Object({ code: Type.String(), name: Type.String() }),
  community: Type.Object({ code: Type.String(), name: Type.String() }),
  address: Nullable(Type.String()),
  details: AnyDetails,
  since: Nullable(Type.String()),
  until: Nullable(Type.String()),
  endReason: Nullable(Type.String()),
  note: Nullable(Type.String()),
  version: Type.Integer(),
  createdAt: IsoTime,
  /** true when read through /full (unmasked, audited) */
  full: Type.Boolean(),
  allowedActions: Type.Array(Literals(['update', 'end', 'readFull'])),
})
export type SpecialGroup = Static<typeof SpecialGroup>

export const ListSpecialGroupsQuery = Obj({
  kind: Opt(SpecialGroupKindT),
  category: Opt(Literals(['care', 'managed'])),
  level: Opt(SpecialGroupLevelT),
  status: Opt(Literals(SPECIAL_GROUP_STATUSES)),
  place: Opt(PlaceCode),
  residentId: Opt(Id),
  q: Opt(Str(40, { description: '姓名（包含）或完整身份证号（盲索引精确匹配）' })),
  ...PageQuery,
})
export type ListSpecialGroupsQuery = Static<typeof ListSpecialGroupsQuery>

/** The person: `residentId`, or the full ID number (found by blind index under the caller's place) — one of them. */
export const CreateSpecialGroupBody = Obj({
  residentId: Opt(Id),
  idNumber: Opt(Type.String({ pattern: '^[0-9]{17}[0-9Xx]$', description: '完整身份证号（按盲索引在辖区内查找居民）' })),
  kind: SpecialGroupKindT,
  level: Opt(SpecialGroupLevelT),
  details: Opt(AnyDetails),
  since: Opt(IsoDate),
  note: Opt(Str(500)),
})
export type CreateSpecialGroupBody = Static<typeof CreateSpecialGroupBody>

export const UpdateSpecialGroupBody = Obj({
  version: Version,
  level: Opt(SpecialGroupLevelT),
  /** the fields named replace those of the record; fields not named are kept */
  details: Opt(AnyDetails),
  since: Opt(Nullable(IsoDate)),
  note: Opt(Nullable(Str(500))),
})
export type UpdateSpecialGroupBody = Static<typeof UpdateSpecialGroupBody>

export const EndSpecialGroupBody = Obj({
  version: Version,
  until: IsoDate,
  endReason: Text(200, '解除原因：如 矫正期满、迁出、死亡、不再符合条件'),
})
export type EndSpecialGroupBody = Static<typeof EndSpecialGroupBody>

/** Counts per kind (only the kinds the caller may see). */
export const SpecialGroupCounts = Type.Object({
  items: Type.Array(Type.Object({ kind: SpecialGroupKindT, kindName: Type.String(), active: Type.Integer() })),
})
export type SpecialGroupCounts = Static<typeof SpecialGroupCounts>
export const SpecialGroupCountsQuery = Obj({ place: Opt(PlaceCode) })
export type SpecialGroupCountsQuery = Static<typeof SpecialGroupCountsQuery>

/** The kinds the caller may read and write — what the page's tabs and the create form offer. */
export const SpecialGroupAbilities = Type.Object({
  readable: Type.Array(SpecialGroupKindT),
  writable: Type.Array(SpecialGroupKindT),
  mayReadFull: Type.Array(SpecialGroupKindT),
})
export type SpecialGroupAbilities = Static<typeof SpecialGroupAbilities>

/** GET /exports/special-groups: the list's filter, every page. */
export const ExportSpecialGroupsQuery = Obj({
  kind: Opt(SpecialGroupKindT),
  category: Opt(Literals(['care', 'managed'])),
  level: Opt(SpecialGroupLevelT),
  status: Opt(Literals(SPECIAL_GROUP_STATUSES)),
  place: Opt(PlaceCode),
  q: Opt(Str(40)),
})
export type ExportSpecialGroupsQuery = Static<typeof ExportSpecialGroupsQuery>

