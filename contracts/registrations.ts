/**
 * 双报到 — an in-service party member's registration at a community: the member submits it, the
 * community confirms or declines it, and a confirmed registration is transferred when the member
 * moves (a new registration is submitted at the new community in the same step).
 */
import { Id, IsoTime, Literals, Nullable, Obj, PageQuery, PlaceCode, Str, Text, TimelineEvent, Type, Version, type Static } from './common'
import type { WorkflowTable } from './workflow-table'
import { POSTS, POST_NAMES, type Post } from './labels'

export const REGISTRATION_STATUSES = ['submitted', 'confirmed', 'declined', 'transferred'] as const
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number]
export const REGISTRATION_STATUS_NAMES: Record<RegistrationStatus, string> = {
  submitted: '待确认',
  confirmed: '已报到',
  declined: '未通过',
  transferred: '已转出',
}

export const REGISTRATION_ACTIONS = ['confirm', 'decline', 'transfer'] as const
export type RegistrationAction = (typeof REGISTRATION_ACTIONS)[number]
export const REGISTRATION_ACTION_NAMES: Record<RegistrationAction | 'submit' | 'import', string> = {
  submit: '提交报到',
  /** a community's Excel import: registered and confirmed at once, or updated from the sheet */
  import: '社区导入',
  confirm: '确认报到',
  decline: '不予确认',
  transfer: '转出',
}

/** member: the party member who registered; community: the community registered at */
export type RegistrationRelation = 'member' | 'community'

/** 五大员: the posts an in-service member may volunteer for (plain data in labels.ts, for the phone pages). */
export { POSTS, POST_NAMES, type Post }

export const REGISTRATION_WORKFLOW: WorkflowTable<RegistrationStatus, RegistrationAction, RegistrationRelation> = {
  entity: 'registration',
  states: REGISTRATION_STATUSES,
  initial: 'submitted',
  stateNames: REGISTRATION_STATUS_NAMES,
  actions: REGISTRATION_ACTIONS,
  actionNames: REGISTRATION_ACTION_NAMES,
  transitions: [
    { action: 'confirm', from: ['submitted'], who: ['community'], to: 'confirmed' },
    { action: 'decline', from: ['submitted'], who: ['community'], to: 'declined' },
    { action: 'transfer', from: ['confirmed'], who: ['member', 'community'], to: 'transferred' },
  ],
  fields: {
    confirm: { required: [], optional: ['note'] },
    decline: { required: ['reason'], optional: [] },
    transfer: { required: ['toCommunityCode'], optional: ['note'] },
  },
}

/**
 * 到社区报到. The unit named must have a confirmed registration at some community of the same county
 * (the unit pairs with its own community; members register where they live) — otherwise 422
 * UNIT_NOT_REGISTERED and nothing is written.
 */
export const CreateRegistrationBody = Obj({
  communityCode: Type.String({ pattern: '^[0-9]{12}$', description: '报到社区（12 位代码）' }),
  unitId: Type.String({ pattern: '^[1-9][0-9]{0,17}$', description: '工作单位（已报到的单位 ID）' }),
  /** the unit's name as the member writes it (a department of the unit …); the unit's name when left out */
  workUnit: Type.Optional(Text(100, '工作单位（具体部门，可选；默认单位名称）')),
  partyOrg: Type.Optional(Str(80, { description: '所在党组织（默认单位党组织）' })),
  phone: Type.Optional(Type.String({ pattern: '^1[3-9][0-9]{9}$', description: '联系电话（手机号；加密保存，返回时脱敏）' })),
  post: Type.Optional(Literals(POSTS, '志愿岗位（五大员）')),
  skills: Type.Optional(Str(200, { description: '特长' })),
})
export type CreateRegistrationBody = Static<typeof CreateRegistrationBody>

export const RegistrationActionBody = Obj({
  action: Literals(REGISTRATION_ACTIONS),
  version: Version,
  note: Type.Optional(Str(500)),
  reason: Type.Optional(Text(500)),
  toCommunityCode: Type.Optional(Type.String({ pattern: '^[0-9]{12}$', description: '转入社区（12 位代码）' })),
})
export type RegistrationActionBody = Static<typeof RegistrationActionBody>

export const ListRegistrationsQuery = Obj({
  ...PageQuery,
  status: Type.Optional(Type.Array(Literals(REGISTRATION_STATUSES), { maxItems: 4 })),
  place: Type.Optional(PlaceCode),
  unitId: Type.Optional(Id),
})
export type ListRegistrationsQuery = Static<typeof ListRegistrationsQuery>

export const Registration = Type.Object({
  id: Id,
  status: Literals(REGISTRATION_STATUSES),
  statusName: Type.String(),
  version: Type.Integer(),
  member: Type.Object({ id: Id, name: Type.String() }),
  community: Type.Object({ code: Type.String(), name: Type.String() }),
  workUnit: Type.String(),
  unit: Nullable(Type.Object({ id: Id, name: Type.String() })),
  partyOrg: Nullable(Type.String()),
  phone: Nullable(Type.String({ description: '联系电话（脱敏）' })),
  post: Nullable(Literals(POSTS)),
  postName: Nullable(Type.String()),
  skills: Nullable(Type.String()),
  submittedAt: IsoTime,
  decidedAt: Nullable(IsoTime),
  transferredToId: Nullable(Id),
  allowedActions: Type.Array(Literals(REGISTRATION_ACTIONS), { description: '调用者当前可执行的操作' }),
  events: Type.Optional(Type.Array(TimelineEvent)),
})
export type Registration = Static<typeof Registration>
