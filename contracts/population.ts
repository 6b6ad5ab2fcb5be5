/**
 * 实有人口 — the people register (issue 13): people with the GB/T 31000 person fields (codes of gb-codes.ts, shown
 * with their names), their households and 户主, their housing, and the residence history (居住史): every stay
 * at an address, opened and closed by registering, moving out, death, transfer to another household and moving
 * back in — nothing overwritten. ID numbers and phones are always masked; the full values come only from
 * `GET /population/people/:id/identity`, for community and above, audited.
 */
import { DateParam, Id, IsoDate, IsoTime, Nullable, Obj, PageQuery, PlaceCode, Str, Text, Type, Version, type Static } from './common'

const ResidenceType = Type.Union([Type.Literal('registered'), Type.Literal('floating'), Type.Literal('overseas')], {
  description: 'registered 户籍 · floating 流动 · overseas 境外',
})
const PersonStatus = Type.Union([Type.Literal('present'), Type.Literal('movedOut'), Type.Literal('deceased')], {
  description: 'present 在住 · movedOut 已迁出 · deceased 已死亡',
})
const IdType = Type.Union([Type.Literal('idCard'), Type.Literal('passport'), Type.Literal('other')], { description: 'idCard 居民身份证 · passport 护照 · other 其他证件' })
const Code2 = (description: string) => Type.String({ pattern: '^[0-9]{2}$', description })
const Phone = Type.String({ pattern: '^1[3-9][0-9]{9}$', description: '手机号（11 位）' })
const Tags = Type.Array(Str(20, { min: 1 }), { maxItems: 20, uniqueItems: true, description: '标签：独居老人 低保 残疾 退役军人 …' })
const Day = DateParam('日期（不晚于今天）')

/** A code with its Chinese name (民族 01 汉族 …). */
const Coded = (description: string) => Nullable(Type.Object({ code: Type.String(), name: Type.String() }), description)

/** A person as the register lists them (masked). */
export const Person = Type.Object({
  id: Id,
  name: Type.String(),
  gender: Nullable(Type.String({ description: 'male · female' })),
  genderName: Nullable(Type.String()),
  birthDate: Nullable(Type.String()),
  age: Nullable(Type.Integer()),
  idType: Type.String(),
  idTypeName: Type.String(),
  idNumber: Nullable(Type.String({ description: '脱敏：520423********1234' })),
  phone: Nullable(Type.String({ description: '脱敏：138****5678' })),
  residenceType: Type.String(),
  residenceTypeName: Type.String(),
  status: Type.String(),
  statusName: Type.String(),
  nationality: Type.String(),
  ethnicity: Coded('民族 GB/T 3304'),
  politicalStatus: Coded('政治面貌 GB/T 4762'),
  education: Coded('学历 GB/T 4658'),
  maritalStatus: Coded('婚姻状况 GB/T 2261.2'),
  relation: Coded('与户主关系 GB/T 4761'),
  hukouAddress: Nullable(Type.String()),
  sameAsHukou: Type.Boolean({ description: '人户一致' }),
  occupation: Nullable(Type.String()),
  workplace: Nullable(Type.String()),
  tags: Type.Array(Type.String()),
  gridCode: Type.String(),
  householdId: Nullable(Id),
  address: Nullable(Type.String()),
  buildingId: Nullable(Id),
  version: Type.Integer(),
})
export type Person = Static<typeof Person>

export const ListPeopleQuery = Obj({
  ...PageQuery,
  q: Type.Optional(Str(30, { description: '姓名（前缀）；18 位身份证号或 11 位手机号按完整号码精确查找' })),
  address: Type.Optional(Str(50, { description: '地址包含' })),
  tags: Type.Optional(Type.Array(Str(20, { min: 1 }), { maxItems: 5, description: '同时具有这些标签' })),
  residenceType: Type.Optional(ResidenceType),
  status: Type.Optional(Type.Union([PersonStatus, Type.Literal('all')], { description: '默认 present 在住；all 全部' })),
  placeCode: Type.Optional(PlaceCode),
  buildingId: Type.Optional(Id),
  householdId: Type.Optional(Id),
})
export type ListPeopleQuery = Static<typeof ListPeopleQuery>

/** The filter of an export: the list's, without paging. */
export const ExportPeopleQuery = Obj({
  q: ListPeopleQuery.properties.q,
  address: ListPeopleQuery.properties.address,
  tags: ListPeopleQuery.properties.tags,
  residenceType: ListPeopleQuery.properties.residenceType,
  status: ListPeopleQuery.properties.status,
  placeCode: ListPeopleQuery.properties.placeCode,
  buildingId: ListPeopleQuery.properties.buildingId,
  householdId: ListPeopleQuery.properties.householdId,
})
export type ExportPeopleQuery = Static<typeof ExportPeopleQuery>

export const HouseholdMember = Type.Object({
  id: Id,
  name: Type.String(),
  relation: Coded('与户主关系'),
  idNumber: Nullable(Type.String({ description: '脱敏' })),
  age: Nullable(Type.Integer()),
  isHead: Type.Boolean(),
})
export type HouseholdMember = Static<typeof HouseholdMember>

export const PersonHousehold = Type.Object({
  id: Id,
  address: Type.String(),
  gridCode: Type.String(),
  headResidentId: Nullable(Id),
  headName: Nullable(Type.String()),
  members: Type.Array(HouseholdMember, { description: '在住成员' }),
  version: Type.Integer(),
})
export type PersonHousehold = Static<typeof PersonHousehold>

export const PersonHousing = Type.Object({
  buildingId: Nullable(Id),
  buildingName: Nullable(Type.String()),
  unitName: Nullable(Type.String()),
  room: Nullable(Type.String()),
  occupancy: Type.String(),
  occupancyName: Type.String(),
  rental: Nullable(
    Type.Object({
      id: Id,
      landlordName: Type.String(),
      purposeName: Type.String(),
      startDate: Type.String(),
      endDate: Nullable(Type.String()),
      tenantCount: Type.Integer(),
    }),
  ),
})
export type PersonHousing = Static<typeof PersonHousing>

export const Stay = Type.Object({
  id: Id,
  householdId: Nullable(Id),
  address: Type.String(),
  relationName: Nullable(Type.String()),
  residenceTypeName: Type.String(),
  fromDate: Type.String(),
  toDate: Nullable(Type.String()),
  startReason: Type.String(),
  startReasonName: Type.String(),
  endReason: Nullable(Type.String()),
  endReasonName: Nullable(Type.String()),
  note: Nullable(Type.String()),
})
export type Stay = Static<typeof Stay>

export const PersonAppeal = Type.Object({
  id: Id,
  number: Type.String(),
  title: Type.String(),
  status: Type.String(),
  statusName: Type.String(),
  createdAt: IsoTime,
})
export type PersonAppeal = Static<typeof PersonAppeal>

export const PERSON_ACTIONS = ['update', 'moveOut', 'death', 'transfer', 'moveIn', 'setHead', 'identity'] as const
export type PersonAction = (typeof PERSON_ACTIONS)[number]

/** 人员档案: the whole picture of one resident (masked). */
export const PersonCard = Type.Object({
  person: Person,
  household: Nullable(PersonHousehold),
  housing: Nullable(PersonHousing),
  history: Type.Array(Stay, { description: '居住史，最近的在前' }),
  appeals: Type.Array(PersonAppeal, { description: '与本人有关的诉求（按调用者可见范围）' }),
  allowedActions: Type.Array(Type.String(), { description: 'update · moveOut · death · transfer · moveIn · setHead · identity' }),
})
export type PersonCard = Static<typeof PersonCard>

export const PersonIdentity = Type.Object({ idNumber: Nullable(Type.String()), phone: Nullable(Type.String()) })
export type PersonIdentity = Static<typeof PersonIdentity>

const PersonFields = {
  residenceType: Type.Optional(ResidenceType),
  nationality: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$', description: '国籍 ISO 3166-1 三位字母码（默认 CHN）' })),
  ethnicity: Type.Optional(Nullable(Code2('民族 GB/T 3304'))),
  politicalStatus: Type.Optional(Nullable(Code2('政治面貌 GB/T 4762'))),
  education: Type.Optional(Nullable(Code2('学历 GB/T 4658'))),
  maritalStatus: Type.Optional(Nullable(Code2('婚姻状况 GB/T 2261.2'))),
  hukouAddress: Type.Optional(Nullable(Str(100))),
  sameAsHukou: Type.Optional(Type.Boolean()),
  occupation: Type.Optional(Nullable(Str(50))),
  workplace: Type.Optional(Nullable(Str(100))),
  tags: Type.Optional(Tags),
}

export const CreatePersonBody = Obj({
  householdId: Id,
  name: Text(30, '姓名'),
  idType: Type.Optional(IdType),
  idNumber: Type.Optional(Str(30, { min: 1, description: '证件号码；居民身份证须通过 GB 11643 校验' })),
  phone: Type.Optional(Phone),
  gender: Type.Optional(Type.Union([Type.Literal('male'), Type.Literal('female')])),
  birthDate: Type.Optional(IsoDate),
  relationCode: Code2('与户主关系 GB/T 4761'),
  fromDate: Type.Optional(Day),
  startReason: Type.Optional(Type.Union([Type.Literal('moveIn'), Type.Literal('birth'), Type.Literal('initial')], { description: '迁入 · 出生 · 登记（默认）' })),
  ...PersonFields,
})
export type CreatePersonBody = Static<typeof CreatePersonBody>

export const UpdatePersonBody = Obj({
  version: Version,
  name: Type.Optional(Text(30, '姓名')),
  phone: Type.Optional(Nullable(Phone)),
  relationCode: Type.Optional(Code2('与户主关系 GB/T 4761')),
  ...PersonFields,
})
export type UpdatePersonBody = Static<typeof UpdatePersonBody>

const MaybeVersion = Type.Optional(Version)
export const MoveOutBody = Obj({ version: MaybeVersion, date: Day, note: Type.Optional(Str(200)) })
export type MoveOutBody = Static<typeof MoveOutBody>
export const DeathBody = Obj({ version: MaybeVersion, date: Day, note: Type.Optional(Str(200)) })
export type DeathBody = Static<typeof DeathBody>
export const TransferBody = Obj({ version: MaybeVersion, householdId: Id, relationCode: Code2('在新户中与户主关系'), date: Day })
export type TransferBody = Static<typeof TransferBody>
export const MoveInBody = Obj({ version: MaybeVersion, householdId: Id, date: Day, relationCode: Type.Optional(Code2('与户主关系')) })
export type MoveInBody = Static<typeof MoveInBody>

export const SetHeadBody = Obj({ version: Version, residentId: Id })
export type SetHeadBody = Static<typeof SetHeadBody>

/** 按楼栋查户 (the grid worker's phone): a building's units, rooms and their households' members (masked). */
export const BuildingHouseholds = Type.Object({
  building: Type.Object({ id: Id, name: Type.String(), address: Nullable(Type.String()), gridCode: Type.String() }),
  units: Type.Array(
    Type.Object({
      name: Type.String(),
      households: Type.Array(
        Type.Object({
          id: Id,
          room: Nullable(Type.String()),
          address: Type.String(),
          occupancyName: Type.String(),
          members: Type.Array(HouseholdMember),
        }),
      ),
    }),
  ),
})
export type BuildingHouseholds = Static<typeof BuildingHouseholds>

export const MyBuilding = Type.Object({ id: Id, name: Type.String(), address: Nullable(Type.String()), householdCount: Type.Integer(), peopleCount: Type.Integer() })
export type MyBuilding = Static<typeof MyBuilding>
export const MyBuildings = Type.Array(MyBuilding)
export const MyBuildingsQuery = Obj({ placeCode: Type.Optional(PlaceCode) })
export type MyBuildingsQuery = Static<typeof MyBuildingsQuery>

