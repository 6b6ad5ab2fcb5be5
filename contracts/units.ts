/**
 * 双报到 — units (报到单位: 机关、企事业单位、新兴领域组织) and their party organisations registering at a
 * community under a pairing agreement (共驻共建协议: term, resources offered, the year's joint plan).
 * A unit may be paired with several communities; each pairing is a registration the community confirms
 * or declines; a confirmed one ends at the end of its term (the community records it) or when the unit
 * withdraws. The unit's own account (role `unit`, scope `unit:<id>`) sees its registrations and the
 * in-service members who registered naming it (工作在单位、服务在社区).
 */
import { Id, IsoDate, IsoTime, Literals, Nullable, Obj, PageQuery, PlaceCode, Str, Text, TimelineEvent, Type, Version, type Static } from './common'
import { POSTS } from './registrations'
import type { WorkflowTable } from './workflow-table'

/** 单位类别 */
export const UNIT_KINDS = ['organ', 'institution', 'enterprise', 'newField'] as const
export type UnitKind = (typeof UNIT_KINDS)[number]
export const UNIT_KIND_NAMES: Record<UnitKind, string> = {
  organ: '机关',
  institution: '事业单位',
  enterprise: '企业',
  newField: '新兴领域组织',
}

export const UNIT_REGISTRATION_STATUSES = ['submitted', 'confirmed', 'declined', 'ended', 'withdrawn'] as const
export type UnitRegistrationStatus = (typeof UNIT_REGISTRATION_STATUSES)[number]
export const UNIT_REGISTRATION_STATUS_NAMES: Record<UnitRegistrationStatus, string> = {
  submitted: '待确认',
  confirmed: '已报到',
  declined: '未通过',
  ended: '协议期满',
  withdrawn: '已退出',
}

export const UNIT_REGISTRATION_ACTIONS = ['confirm', 'decline', 'end', 'withdraw'] as const
export type UnitRegistrationAction = (typeof UNIT_REGISTRATION_ACTIONS)[number]
export const UNIT_REGISTRATION_ACTION_NAMES: Record<UnitRegistrationAction | 'submit' | 'import', string> = {
  submit: '单位报到',
  /** a community's Excel import: paired and confirmed at once, or updated from the sheet */
  import: '社区导入',
  confirm: '确认报到',
  decline: '不予确认',
  end: '协议期满',
  withdraw: '退出共建',
}

/** unit: the unit's own account; community: the community the unit registered at */
export type UnitRegistrationRelation = 'unit' | 'community'

export const UNIT_REGISTRATION_WORKFLOW: WorkflowTable<UnitRegistrationStatus, UnitRegistrationAction, UnitRegistrationRelation> = {
  entity: 'unitRegistration',
  states: UNIT_REGISTRATION_STATUSES,
  initial: 'submitted',
  stateNames: UNIT_REGISTRATION_STATUS_NAMES,
  actions: UNIT_REGISTRATION_ACTIONS,
  actionNames: UNIT_REGISTRATION_ACTION_NAMES,
  transitions: [
    { action: 'confirm', from: ['submitted'], who: ['community'], to: 'confirmed' },
    { action: 'decline', from: ['submitted'], who: ['community'], to: 'declined' },
    // at the end of the term: the community records it (a sweeper may take it later: `system`)
    { action: 'end', from: ['confirmed'], who: ['community', 'system'], to: 'ended' },
    { action: 'withdraw', from: ['submitted', 'confirmed'], who: ['unit'], to: 'withdrawn' },
  ],
  fields: {
    confirm: { required: [], optional: ['note'] },
    decline: { required: ['reason'], optional: [] },
    end: { required: [], optional: ['note'] },
    withdraw: { required: ['reason'], optional: [] },
  },
}

const CommunityCode = Type.String({ pattern: '^[0-9]{12}$', description: '报到社区（12 位代码）' })
const Phone = Type.String({ pattern: '^(?:1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$', description: '单位联系电话（手机号或座机）' })
const DateOnly = Type.String({ format: 'date', pattern: '^20[0-9]{2}-', description: 'YYYY-MM-DD' })

/** 登记单位: a county, street or community records a unit of the county (once; it then registers where it pairs). */
export const CreateUnitBody = Obj({
  name: Text(60, '单位名称'),
  kind: Literals(UNIT_KINDS, '单位类别'),
  partyOrgName: Text(80, '单位党组织名称'),
  contactName: Type.Optional(Str(20, { description: '联系人' })),
  contactPhone: Type.Optional(Phone),
  address: Type.Optional(Str(120, { description: '单位地址' })),
})
export type CreateUnitBody = Static<typeof CreateUnitBody>

export const ListUnitsQuery = Obj({
  ...PageQuery,
  q: Type.Optional(Str(30, { description: '名称关键字' })),
  kind: Type.Optional(Literals(UNIT_KINDS)),
  /** only units with a confirmed registration somewhere in the county (what a member may name) */
  registered: Type.Optional(Type.Boolean({ description: '只看已在本县社区确认报到的单位' })),
})
export type ListUnitsQuery = Static<typeof ListUnitsQuery>

export const Unit = Type.Object({
  id: Id,
  name: Type.String(),
  kind: Literals(UNIT_KINDS),
  kindName: Type.String(),
  partyOrgName: Type.String(),
  contactName: Nullable(Type.String()),
  contactPhone: Nullable(Type.String({ description: '单位电话（办公电话，不脱敏）' })),
  address: Nullable(Type.String()),
  countyCode: Type.String(),
  /** communities where its registration is confirmed */
  pairedCommunities: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  /** in-service members whose confirmed registration names this unit */
  memberCount: Type.Integer(),
})
export type Unit = Static<typeof Unit>

/** 单位报到: the unit's own account (unitId may be left out), or a place account recording it for the unit. */
export const CreateUnitRegistrationBody = Obj({
  unitId: Type.Optional(Id),
  communityCode: CommunityCode,
  termStart: DateOnly,
  termEnd: DateOnly,
  resources: Type.Array(Text(100), { minItems: 1, maxItems: 20, description: '可提供的资源（场地、资金、技能、志愿者、物资…）' }),
  yearPlan: Type.Optional(Str(2000, { description: '年度共建计划' })),
})
export type CreateUnitRegistrationBody = Static<typeof CreateUnitRegistrationBody>

export const UnitRegistrationActionBody = Obj({
  action: Literals(UNIT_REGISTRATION_ACTIONS),
  version: Version,
  note: Type.Optional(Str(500)),
  reason: Type.Optional(Text(500)),
})
export type UnitRegistrationActionBody = Static<typeof UnitRegistrationActionBody>

export const ListUnitRegistrationsQuery = Obj({
  ...PageQuery,
  status: Type.Optional(Type.Array(Literals(UNIT_REGISTRATION_STATUSES), { maxItems: 5 })),
  place: Type.Optional(PlaceCode),
  unitId: Type.Optional(Id),
})
export type ListUnitRegistrationsQuery = Static<typeof ListUnitRegistrationsQuery>

export const UnitRegistration = Type.Object({
  id: Id,
  status: Literals(UNIT_REGISTRATION_STATUSES),
  statusName: Type.String(),
  version: Type.Integer(),
  unit: Type.Object({ id: Id, name: Type.String(), kind: Literals(UNIT_KINDS), kindName: Type.String(), partyOrgName: Type.String() }),
  community: Type.Object({ code: Type.String(), name: Type.String() }),
  /** 共驻共建协议 */
  agreement: Type.Object({
    termStart: IsoDate,
    termEnd: IsoDate,
    resources: Type.Array(Type.String()),
    yearPlan: Nullable(Type.String()),
  }),
  submittedAt: IsoTime,
  decidedAt: Nullable(IsoTime),
  endedAt: Nullable(IsoTime),
  allowedActions: Type.Array(Literals(UNIT_REGISTRATION_ACTIONS), { description: '调用者当前可执行的操作' }),
  events: Type.Optional(Type.Array(TimelineEvent)),
})
export type UnitRegistration = Static<typeof UnitRegistration>

export const ListUnitMembersQuery = Obj({
  ...PageQuery,
})
export type ListUnitMembersQuery = Static<typeof ListUnitMembersQuery>

/**
 * 工作在单位、服务在社区: one in-service member of the unit, as the unit's party organisation sees them.
 * The service columns come from the volunteer, wishes, pledges and points modules, joined in by member id:
 * hours credited by volunteer check-outs, wishes fulfilled (tasks done), households pledged, points balance.
 */
export const UnitMember = Type.Object({
  registrationId: Id,
  member: Type.Object({ id: Id, name: Type.String() }),
  community: Type.Object({ code: Type.String(), name: Type.String() }),
  status: Type.String(),
  statusName: Type.String(),
  post: Nullable(Literals(POSTS)),
  postName: Nullable(Type.String()),
  skills: Nullable(Type.String()),
  submittedAt: IsoTime,
  decidedAt: Nullable(IsoTime),
  serviceHours: Type.Optional(Type.Number({ description: '服务时长（小时）' })),
  tasksDone: Type.Optional(Type.Integer({ description: '完成任务数（实现的微心愿）' })),
  points: Type.Optional(Type.Integer({ description: '积分' })),
  households: Type.Optional(Type.Integer({ description: '包保户数（在包）' })),
})
export type UnitMember = Static<typeof UnitMember>
