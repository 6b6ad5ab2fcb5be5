/**
 * 双报到 — an in-service party member's registration at a community: the member submits it, the
 * community confirms or declines it, and a confirmed registration is transferred when the member
 * moves (a new registration is submitted at the new community in the same step).
 */
import { Id, IsoTime, Literals, Nullable, Obj, PageQuery, PlaceCode, Str, Text, TimelineEvent, Type, Version, type Static } from './common'
import type { WorkflowTable } from './workflow-table'

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

/** 五大员: the posts an in-service member may volunteer for. */
export const POSTS = ['publicity', 'mediation', 'engineering', 'volunteer', 'civility'] as const
export type Post = (typeof POSTS)[number]
export const POST_NAMES: Record<Post, string> = {
  publicity: '宣传信息员',
  mediation: '矛盾调解员',
  engineering: '工程协管员',
  volunteer: '志愿服务员',
  civility: '文明引导员',
}

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

export const CreateRegistrationBody = Obj({
  communityCode: Type.String({ pattern: '^[0-9]{12}$', description: '报到社区（12 位代码）' }),
  workUnit: Text(100, '工作单位'),
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
