/**
 * 基础信息登记 — the register that turns a seeded county into a working one: the county's departments
 * and property companies; inside a community its compounds (小区), buildings (楼栋), units (单元),
 * households (户) and residents (居民); 十联户 groups and their leaders (联户长); service teams; the
 * party-organisation tree on the places (党组织) and its members. Every list is keyset-paged, every
 * update and removal carries the version it saw (a stale one is 409).
 */
import { Id, Literals, Nullable, Obj, PageQuery, PlaceCode, Str, Text, Type, Version, type Static } from './common'
import { Resident } from './residents'

const CountyCode = Type.String({ pattern: '^[0-9]{6}$', description: '县级代码（6 位）' })
const CommunityCode = Type.String({ pattern: '^[0-9]{12}$', description: '社区代码（12 位）' })
const GridCode = Type.String({ pattern: '^[0-9]{15}$', description: '网格代码（15 位）' })
const Phone = Type.String({ pattern: '^(?:1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$', description: '手机号或座机（如 0851-33221100）' })
const Named = { id: Id, name: Type.String() }

/** The version to remove: `DELETE …?version=3`. */
export const RemoveQuery = Obj({ version: Version })
export type RemoveQuery = Static<typeof RemoveQuery>

/** A removal's answer: what went, and its last version. */
export const Removed = Type.Object({ id: Type.String({ description: '已删除记录的 ID（部门为部门代码）' }), removed: Type.Literal(true) })
export type Removed = Static<typeof Removed>

/** Every list: keyset paging; `place` narrows to a place under the caller's own (default: the caller's place). */
const PlaceListQuery = { ...PageQuery, place: Type.Optional(PlaceCode) }

// ---- 部门 (county departments a street can whistle in) -------------------------------------------

export const Department = Type.Object({
  code: Type.String({ description: '部门代码：县级代码-简称，如 520402-zjj' }),
  name: Type.String(),
  countyCode: Type.String(),
  version: Type.Integer(),
})
export type Department = Static<typeof Department>

export const CreateDepartmentBody = Obj({
  suffix: Type.String({ pattern: '^[a-z][a-z0-9]{1,15}$', description: '部门简称（小写拼音首字母，如 zjj 住建局），代码为 县级代码-简称' }),
  name: Text(50, '部门全称，如 西秀区住房和城乡建设局'),
})
export type CreateDepartmentBody = Static<typeof CreateDepartmentBody>

export const UpdateDepartmentBody = Obj({ version: Version, name: Type.Optional(Text(50, '部门全称')) })
export type UpdateDepartmentBody = Static<typeof UpdateDepartmentBody>

export const DepartmentParams = Obj({ code: Type.String({ pattern: '^[0-9]{6}-[a-z][a-z0-9]{1,15}$', description: '部门代码' }) })

export const ListDepartmentsQuery = Obj({ ...PageQuery, county: Type.Optional(CountyCode) })
export type ListDepartmentsQuery = Static<typeof ListDepartmentsQuery>

// ---- 物业公司 ----------------------------------------------------------------------------------------

export const PropertyCompany = Type.Object({
  id: Id,
  name: Type.String(),
  creditCode: Nullable(Type.String({ description: '统一社会信用代码' })),
  contactPhone: Nullable(Type.String({ description: '公司联系电话（单位电话，不脱敏）' })),
  countyCode: Type.String(),
  compoundCount: Type.Integer({ description: '服务的小区数' }),
  version: Type.Integer(),
})
export type PropertyCompany = Static<typeof PropertyCompany>

const CreditCode = Type.String({ pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$', description: '统一社会信用代码（18 位）' })

export const CreatePropertyCompanyBody = Obj({
  name: Text(100, '公司名称'),
  creditCode: Type.Optional(CreditCode),
  contactPhone: Type.Optional(Phone),
})
export type CreatePropertyCompanyBody = Static<typeof CreatePropertyCompanyBody>

export const UpdatePropertyCompanyBody = Obj({
  version: Version,
  name: Type.Optional(Text(100, '公司名称')),
  creditCode: Type.Optional(Nullable(CreditCode)),
  contactPhone: Type.Optional(Nullable(Phone)),
})
export type UpdatePropertyCompanyBody = Static<typeof UpdatePropertyCompanyBody>

export const ListPropertyCompaniesQuery = Obj({ ...PageQuery, county: Type.Optional(CountyCode), q: Type.Optional(Str(50, { description: '按名称查找' })) })
export type ListPropertyCompaniesQuery = Static<typeof ListPropertyCompaniesQuery>

// ---- 小区 ----------------------------------------------------------------------------------------

export const Compound = Type.Object({
  id: Id,
  communityCode: Type.String(),
  communityName: Type.String(),
  name: Type.String(),
  address: Nullable(Type.String()),
  propertyCompany: Nullable(Type.Object(Named, { description: '物业服务企业；无物业（老旧小区）为 null' })),
  buildingCount: Type.Integer(),
  version: Type.Integer(),
})
export type Compound = Static<typeof Compound>

export const CreateCompoundBody = Obj({
  communityCode: CommunityCode,
  name: Text(50, '小区名称'),
  address: Type.Optional(Text(200, '地址')),
  propertyCompanyId: Type.Optional(Id),
})
export type CreateCompoundBody = Static<typeof CreateCompoundBody>

export const UpdateCompoundBody = Obj({
  version: Version,
  name: Type.Optional(Text(50, '小区名称')),
  address: Type.Optional(Nullable(Text(200, '地址'))),
  propertyCompanyId: Type.Optional(Nullable(Id, '更换物业；null 为无物业')),
})
export type UpdateCompoundBody = Static<typeof UpdateCompoundBody>

export const ListCompoundsQuery = Obj({ ...PlaceListQuery, propertyCompanyId: Type.Optional(Id) })
export type ListCompoundsQuery = Static<typeof ListCompoundsQuery>

// ---- 楼栋 / 单元 --------------------------------------------------------------------------------

export const Building = Type.Object({
  id: Id,
  gridCode: Type.String(),
  gridName: Type.String(),
  compound: Nullable(Type.Object(Named)),
  name: Type.String(),
  address: Nullable(Type.String()),
  floors: Nullable(Type.Integer()),
  lat: Nullable(Type.Number()),
  lng: Nullable(Type.Number()),
  unitCount: Type.Integer(),
  householdCount: Type.Integer(),
  version: Type.Integer(),
})
export type Building = Static<typeof Building>

const Floors = Type.Integer({ minimum: 1, maximum: 200, description: '层数' })
const Lat = Type.Number({ minimum: 3, maximum: 54, description: '纬度（WGS-84）' })
const Lng = Type.Number({ minimum: 73, maximum: 136, description: '经度（WGS-84）' })
const UnitName = Text(20, '单元名称，如 1单元')

export const CreateBuildingBody = Obj({
  gridCode: GridCode,
  compoundId: Type.Optional(Id),
  name: Text(50, '楼栋名称，如 3栋'),
  address: Type.Optional(Text(200, '地址；不填时为 小区地址 + 楼栋名称')),
  floors: Type.Optional(Floors),
  lat: Type.Optional(Lat),
  lng: Type.Optional(Lng),
  units: Type.Optional(Type.Array(UnitName, { maxItems: 20, uniqueItems: true, description: '同时建立的单元' })),
})
export type CreateBuildingBody = Static<typeof CreateBuildingBody>

export const UpdateBuildingBody = Obj({
  version: Version,
  compoundId: Type.Optional(Nullable(Id)),
  name: Type.Optional(Text(50, '楼栋名称')),
  address: Type.Optional(Nullable(Text(200, '地址'))),
  floors: Type.Optional(Nullable(Floors)),
  lat: Type.Optional(Nullable(Lat)),
  lng: Type.Optional(Nullable(Lng)),
})
export type UpdateBuildingBody = Static<typeof UpdateBuildingBody>

export const ListBuildingsQuery = Obj({ ...PlaceListQuery, compoundId: Type.Optional(Id), q: Type.Optional(Str(50, { description: '按名称查找' })) })
export type ListBuildingsQuery = Static<typeof ListBuildingsQuery>

export const Unit = Type.Object({ id: Id, buildingId: Id, name: Type.String(), householdCount: Type.Integer(), version: Type.Integer() })
export type Unit = Static<typeof Unit>

export const CreateUnitBody = Obj({ buildingId: Id, name: UnitName })
export type CreateUnitBody = Static<typeof CreateUnitBody>
export const UpdateUnitBody = Obj({ version: Version, name: Type.Optional(UnitName) })
export type UpdateUnitBody = Static<typeof UpdateUnitBody>
export const ListUnitsQuery = Obj({ ...PageQuery, buildingId: Id })
export type ListUnitsQuery = Static<typeof ListUnitsQuery>

// ---- 户 ------------------------------------------------------------------------------------------

export const Household = Type.Object({
  id: Id,
  gridCode: Type.String(),
  building: Nullable(Type.Object(Named)),
  unit: Nullable(Type.Object(Named)),
  room: Nullable(Type.String()),
  address: Type.String(),
  groupId: Nullable(Id, '所在十联户'),
  residentCount: Type.Integer(),
  version: Type.Integer(),
})
export type Household = Static<typeof Household>

const Room = Text(20, '门牌/房号，如 1单元302')

export const CreateHouseholdBody = Obj(
  {
    buildingId: Type.Optional(Id),
    unitId: Type.Optional(Id),
    gridCode: Type.Optional(Type.String({ pattern: '^[0-9]{15}$', description: '不在楼栋里的户（平房、自建房）给出网格代码与地址' })),
    room: Type.Optional(Room),
    address: Type.Optional(Text(200, '地址；不填时为 楼栋地址 + 单元 + 房号')),
  },
  { description: '楼栋里的户给出 buildingId（可加 unitId、room）；其他户给出 gridCode 与 address' },
)
export type CreateHouseholdBody = Static<typeof CreateHouseholdBody>

export const UpdateHouseholdBody = Obj({
  version: Version,
  unitId: Type.Optional(Nullable(Id)),
  room: Type.Optional(Nullable(Room)),
  address: Type.Optional(Text(200, '地址')),
})
export type UpdateHouseholdBody = Static<typeof UpdateHouseholdBody>

export const ListHouseholdsQuery = Obj({
  ...PlaceListQuery,
  buildingId: Type.Optional(Id),
  groupId: Type.Optional(Id),
  ungrouped: Type.Optional(Type.Boolean({ description: '只看尚未编入十联户的户' })),
})
export type ListHouseholdsQuery = Static<typeof ListHouseholdsQuery>

// ---- 居民 ----------------------------------------------------------------------------------------

export const RELATIONS = ['householder', 'spouse', 'child', 'parent', 'other'] as const
export type ResidentRelation = (typeof RELATIONS)[number]
export const RELATION_NAMES: Record<ResidentRelation, string> = {
  householder: '户主',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  other: '其他',
}
export const GENDERS = ['male', 'female'] as const

const IdNumber = Type.String({ pattern: '^[0-9]{17}[0-9Xx]$', description: '居民身份证号（18 位，GB 11643 校验）；加密保存，返回时脱敏' })
const Mobile = Type.String({ pattern: '^1[3-9][0-9]{9}$', description: '手机号；加密保存，返回时脱敏' })
const Tags = Type.Array(Str(20, { min: 1 }), { maxItems: 10, uniqueItems: true, description: '标签：独居老人 低保 残疾 退役军人 流动人口 留守儿童 …' })

/** A registered resident: masked as everywhere (GET /residents/:id reads the same person). */
export const RegisteredResident = Type.Object({
  ...Resident.properties,
  relation: Nullable(Literals(RELATIONS)),
  relationName: Nullable(Type.String()),
  version: Type.Integer(),
})
export type RegisteredResident = Static<typeof RegisteredResident>

export const CreateResidentBody = Obj({
  householdId: Id,
  name: Text(20, '姓名'),
  idNumber: Type.Optional(IdNumber),
  gender: Type.Optional(Literals(GENDERS, '性别；给出身份证号时由其得出')),
  birthDate: Type.Optional(Type.String({ format: 'date', description: '出生日期；给出身份证号时由其得出' })),
  phone: Type.Optional(Mobile),
  relation: Literals(RELATIONS, '与户主关系'),
  tags: Type.Optional(Tags),
})
export type CreateResidentBody = Static<typeof CreateResidentBody>

export const UpdateResidentBody = Obj({
  version: Version,
  name: Type.Optional(Text(20, '姓名')),
  phone: Type.Optional(Nullable(Mobile)),
  relation: Type.Optional(Literals(RELATIONS)),
  tags: Type.Optional(Tags),
  householdId: Type.Optional(Id),
})
export type UpdateResidentBody = Static<typeof UpdateResidentBody>

// ---- 十联户 --------------------------------------------------------------------------------------

/** 十联户: about ten neighbouring households; 1–20 are accepted (practice: 5–15). */
export const MAX_GROUP_HOUSEHOLDS = 20

export const HouseholdGroup = Type.Object({
  id: Id,
  gridCode: Type.String(),
  name: Type.String(),
  leader: Nullable(
    Type.Object({
      residentId: Id,
      name: Type.String(),
      householdId: Nullable(Id),
      accountId: Nullable(Id, '联户长账号（由安全管理员创建，角色 householdLeader）；尚未创建为 null'),
    }),
    '联户长：本组某户的居民；未指定为 null',
  ),
  householdCount: Type.Integer(),
  households: Type.Optional(Type.Array(Type.Object({ id: Id, address: Type.String() }), { description: '详情中列出本组各户' })),
  version: Type.Integer(),
})
export type HouseholdGroup = Static<typeof HouseholdGroup>

const GroupHouseholds = Type.Array(Id, { minItems: 1, maxItems: MAX_GROUP_HOUSEHOLDS, uniqueItems: true, description: `本组的户（同一网格，1–${MAX_GROUP_HOUSEHOLDS} 户）` })

export const CreateHouseholdGroupBody = Obj({
  gridCode: GridCode,
  name: Text(30, '组名，如 十联户第3组'),
  householdIds: GroupHouseholds,
  leaderResidentId: Type.Optional(Id),
})
export type CreateHouseholdGroupBody = Static<typeof CreateHouseholdGroupBody>

export const UpdateHouseholdGroupBody = Obj({
  version: Version,
  name: Type.Optional(Text(30, '组名')),
  leaderResidentId: Type.Optional(Nullable(Id, '更换联户长；null 为暂缺')),
  householdIds: Type.Optional(GroupHouseholds),
})
export type UpdateHouseholdGroupBody = Static<typeof UpdateHouseholdGroupBody>

export const ListHouseholdGroupsQuery = Obj({ ...PlaceListQuery })
export type ListHouseholdGroupsQuery = Static<typeof ListHouseholdGroupsQuery>

// ---- 服务队伍 ------------------------------------------------------------------------------------

export const Team = Type.Object({
  id: Id,
  communityCode: Type.String(),
  name: Type.String(),
  members: Type.Array(Type.Object({ userId: Id, name: Type.String(), role: Type.String() })),
  version: Type.Integer(),
})
export type Team = Static<typeof Team>

const TeamMembers = Type.Array(Id, { maxItems: 200, uniqueItems: true, description: '成员账号 ID（本社区内的账号）' })

export const CreateTeamBody = Obj({ communityCode: CommunityCode, name: Text(50, '队伍名称'), memberUserIds: Type.Optional(TeamMembers) })
export type CreateTeamBody = Static<typeof CreateTeamBody>
export const UpdateTeamBody = Obj({ version: Version, name: Type.Optional(Text(50, '队伍名称')), memberUserIds: Type.Optional(TeamMembers) })
export type UpdateTeamBody = Static<typeof UpdateTeamBody>
export const ListTeamsQuery = Obj({ ...PlaceListQuery })
export type ListTeamsQuery = Static<typeof ListTeamsQuery>

// ---- 党组织 / 党员 --------------------------------------------------------------------------------

/** The party-organisation tree on the places, top down. */
export const PARTY_ORG_KINDS = ['streetWorkingCommittee', 'communityCommittee', 'gridBranch', 'gridGroup', 'buildingGroup'] as const
export type PartyOrgKind = (typeof PARTY_ORG_KINDS)[number]
export const PARTY_ORG_KIND_NAMES: Record<PartyOrgKind, string> = {
  streetWorkingCommittee: '街道党工委（乡镇党委）',
  communityCommittee: '社区（村）党组织',
  gridBranch: '网格党支部',
  gridGroup: '网格党小组',
  buildingGroup: '楼栋党小组',
}
/** The place each kind is attached to: its code length (a building group: a grid, with the building). */
export const PARTY_ORG_PLACE_DIGITS: Record<PartyOrgKind, number> = {
  streetWorkingCommittee: 9,
  communityCommittee: 12,
  gridBranch: 15,
  gridGroup: 15,
  buildingGroup: 15,
}

export const PartyOrg = Type.Object({
  id: Id,
  parentId: Nullable(Id),
  kind: Literals(PARTY_ORG_KINDS),
  kindName: Type.String(),
  name: Type.String(),
  placeCode: Type.String({ description: '所在地点（街道、社区或网格代码）' }),
  buildingId: Nullable(Id),
  memberCount: Type.Integer({ description: '编入本组织的党员数' }),
  version: Type.Integer(),
})
export type PartyOrg = Static<typeof PartyOrg>

export const CreatePartyOrgBody = Obj({
  kind: Literals(PARTY_ORG_KINDS),
  name: Text(60, '名称，如 某某社区第三网格党小组'),
  placeCode: PlaceCode,
  buildingId: Type.Optional(Id),
  parentId: Type.Optional(Id),
})
export type CreatePartyOrgBody = Static<typeof CreatePartyOrgBody>

export const UpdatePartyOrgBody = Obj({ version: Version, name: Type.Optional(Text(60, '名称')), parentId: Type.Optional(Id) })
export type UpdatePartyOrgBody = Static<typeof UpdatePartyOrgBody>

export const ListPartyOrgsQuery = Obj({ ...PlaceListQuery, kind: Type.Optional(Literals(PARTY_ORG_KINDS)) })
export type ListPartyOrgsQuery = Static<typeof ListPartyOrgsQuery>

export const PARTY_MEMBER_KINDS = ['inService', 'retired', 'jobless', 'migrant'] as const
export type PartyMemberKind = (typeof PARTY_MEMBER_KINDS)[number]
export const PARTY_MEMBER_KIND_NAMES: Record<PartyMemberKind, string> = {
  inService: '在职党员',
  retired: '离退休党员',
  jobless: '无职党员',
  migrant: '流动党员',
}

export const PartyMember = Type.Object({
  id: Id,
  name: Type.String(),
  kind: Literals(PARTY_MEMBER_KINDS),
  kindName: Type.String(),
  communityCode: Type.String(),
  partyOrg: Nullable(Type.Object(Named)),
  workUnit: Nullable(Type.String()),
  residentId: Nullable(Id),
  accountId: Nullable(Id, '党员账号（由安全管理员创建）；尚未创建为 null'),
  version: Type.Integer(),
})
export type PartyMember = Static<typeof PartyMember>

export const CreatePartyMemberBody = Obj({
  communityCode: CommunityCode,
  name: Text(20, '姓名'),
  kind: Literals(PARTY_MEMBER_KINDS, '党员类别'),
  partyOrgId: Type.Optional(Id),
  workUnit: Type.Optional(Text(100, '工作单位')),
  residentId: Type.Optional(Id),
})
export type CreatePartyMemberBody = Static<typeof CreatePartyMemberBody>

export const UpdatePartyMemberBody = Obj({
  version: Version,
  name: Type.Optional(Text(20, '姓名')),
  kind: Type.Optional(Literals(PARTY_MEMBER_KINDS)),
  partyOrgId: Type.Optional(Nullable(Id)),
  workUnit: Type.Optional(Nullable(Text(100, '工作单位'))),
})
export type UpdatePartyMemberBody = Static<typeof UpdatePartyMemberBody>

export const ListPartyMembersQuery = Obj({ ...PlaceListQuery, partyOrgId: Type.Optional(Id), q: Type.Optional(Str(20, { description: '按姓名查找' })) })
export type ListPartyMembersQuery = Static<typeof ListPartyMembersQuery>
