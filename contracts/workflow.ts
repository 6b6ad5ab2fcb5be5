/**
 * The appeal workflow table of DOMAIN §3.2 — one declarative table, enforced only by the server
 * (the appeal policy, server/src/permissions/policies/appeal.ts, evaluates the `who` relations through
 * the core's defineWorkflow), read by the web to label buttons.
 */
import type { Transition as TransitionOf, WorkflowTable } from './workflow-table'

export const STATUSES = [
  'submitted',
  'accepted',
  'assigned',
  'street_review',
  'dept_assigned',
  'in_progress',
  'resolved',
  'verified',
  'replied',
  'reopened',
  'closed',
] as const
export type AppealStatus = (typeof STATUSES)[number]

export const STATUS_NAMES: Record<AppealStatus, string> = {
  submitted: '待受理',
  accepted: '待分派',
  assigned: '待领单',
  street_review: '街道审单',
  dept_assigned: '部门报到',
  in_progress: '办理中',
  resolved: '待核查',
  verified: '待答复',
  replied: '待评价',
  reopened: '重办',
  closed: '已办结',
}

export const ACTIONS = [
  'accept',
  'resolveOnSpot',
  'dispatch',
  'claim',
  'reportIn',
  'escalate',
  'whistle',
  'assistNote',
  'resolve',
  'verify',
  'verifyFail',
  'reply',
  'rate',
  'rateOnBehalf',
  'return',
  'reject',
  'merge',
  'requestExtension',
  'approveExtension',
  'denyExtension',
  'closeWithExplanation',
] as const
export type AppealAction = (typeof ACTIONS)[number]

/** What the platform itself does to an appeal (the deadline sweeper): never offered to a person. */
export const SYSTEM_ACTIONS = ['autoClose', 'yellowCard', 'redCard'] as const
export type AppealSystemAction = (typeof SYSTEM_ACTIONS)[number]
export type AppealTableAction = AppealAction | AppealSystemAction

export const ACTION_NAMES: Record<AppealTableAction | 'submit', string> = {
  submit: '提交诉求',
  accept: '网格收单',
  resolveOnSpot: '就地解决',
  dispatch: '分派',
  claim: '领单',
  reportIn: '部门报到',
  escalate: '上报街道',
  whistle: '吹哨',
  assistNote: '协办记录',
  resolve: '办结反馈',
  verify: '核查通过',
  verifyFail: '核查不通过',
  reply: '答复群众',
  rate: '群众评价',
  rateOnBehalf: '回访评价',
  return: '退回',
  reject: '不予受理',
  merge: '合并重复',
  requestExtension: '申请延期',
  approveExtension: '同意延期',
  denyExtension: '驳回延期',
  closeWithExplanation: '结案说明',
  autoClose: '逾期未评价自动结案',
  yellowCard: '黄牌',
  redCard: '红牌',
}

/**
 * Relations between the caller and the appeal. permissions.ts is the one place that decides them.
 * - gridStaff: gridWorker/gridHead of the appeal's grid
 * - buildingLeader: householdLeader (联户长) whose 十联户 covers the appeal's building
 * - community / street / county: the place account above the appeal
 * - assignee: the current handler (user, party member or the pool, team member, property company)
 * - leadDepartment / reportingDepartment / assistingDepartment: whistled departments
 * - submitter: the resident account that raised it
 * - dispatcher: whoever dispatched or whistled it (community or street)
 * - supervisor: the level an open supervision was raised to
 */
export type Relation =
  | 'gridStaff'
  | 'buildingLeader'
  | 'community'
  | 'street'
  | 'county'
  | 'assignee'
  | 'leadDepartment'
  | 'reportingDepartment'
  | 'assistingDepartment'
  | 'submitter'
  | 'dispatcher'
  | 'supervisor'

/** How the "who may" column reads to a person. */
export const RELATION_NAMES: Record<Relation, string> = {
  gridStaff: '本网格网格员/网格长',
  buildingLeader: '本楼栋所属十联户的联户长',
  community: '所属社区',
  street: '所属街道',
  county: '所属县',
  assignee: '承办人（被分派的网格员、党员或党员接单池、志愿队、物业）',
  leadDepartment: '主办部门',
  reportingDepartment: '尚未报到的被吹哨部门',
  assistingDepartment: '协办部门',
  submitter: '提交诉求的居民本人',
  dispatcher: '派单方（社区派单为社区，街道派单或吹哨为街道）',
  supervisor: '正在督办的街道或县',
}

export type Transition = TransitionOf<AppealStatus, AppealTableAction, Relation>

/** Every state an appeal can be open in (the cards' `from`). */
const OPEN: readonly AppealStatus[] = STATUSES.filter((s) => s !== 'closed')

export const WORKFLOW: readonly Transition[] = [
  { action: 'accept', from: ['submitted'], who: ['gridStaff'], to: 'accepted' },
  { action: 'resolveOnSpot', from: ['submitted', 'accepted'], who: ['gridStaff', 'buildingLeader'], to: 'verified' },
  { action: 'dispatch', from: ['accepted'], who: ['community'], to: 'assigned' },
  { action: 'dispatch', from: ['street_review'], who: ['street'], to: 'assigned' },
  { action: 'claim', from: ['assigned', 'reopened'], who: ['assignee'], to: 'in_progress' },
  { action: 'claim', from: ['dept_assigned'], who: ['leadDepartment'], to: 'in_progress' },
  { action: 'reportIn', from: ['dept_assigned', 'in_progress'], who: ['reportingDepartment'], to: 'unchanged' },
  { action: 'escalate', from: ['accepted', 'assigned', 'in_progress'], who: ['community'], to: 'street_review' },
  { action: 'whistle', from: ['street_review'], who: ['street'], to: 'dept_assigned' },
  { action: 'assistNote', from: ['in_progress'], who: ['assistingDepartment'], to: 'unchanged' },
  { action: 'resolve', from: ['in_progress', 'reopened'], who: ['assignee', 'leadDepartment'], to: 'resolved' },
  { action: 'verify', from: ['resolved'], who: ['gridStaff'], to: 'verified' },
  { action: 'verifyFail', from: ['resolved'], who: ['gridStaff'], to: 'in_progress' },
  { action: 'reply', from: ['verified'], who: ['community'], to: 'replied' },
  // 评单: satisfied or basic closes it; unsatisfied reopens it with the same handler
  { action: 'rate', from: ['replied'], who: ['submitter'], to: { satisfied: 'closed', basic: 'closed', unsatisfied: 'reopened' } },
  {
    action: 'rateOnBehalf',
    from: ['replied'],
    who: ['community', 'gridStaff'],
    to: { satisfied: 'closed', basic: 'closed', unsatisfied: 'reopened' },
  },
  // 退回: back to whoever sent it — the community's dispatch queue or the street's review
  {
    action: 'return',
    from: ['assigned', 'dept_assigned'],
    who: ['assignee', 'leadDepartment'],
    to: { community: 'accepted', street: 'street_review' },
  },
  { action: 'reject', from: ['submitted'], who: ['gridStaff'], to: 'closed' },
  { action: 'reject', from: ['accepted'], who: ['community'], to: 'closed' },
  { action: 'reject', from: ['street_review'], who: ['street'], to: 'closed' },
  { action: 'merge', from: ['submitted', 'accepted'], who: ['gridStaff', 'community'], to: 'closed' },
  {
    action: 'requestExtension',
    from: ['assigned', 'dept_assigned', 'in_progress', 'reopened'],
    who: ['assignee', 'leadDepartment'],
    to: 'unchanged',
  },
  {
    action: 'approveExtension',
    from: ['assigned', 'dept_assigned', 'in_progress', 'reopened'],
    who: ['dispatcher'],
    to: 'unchanged',
  },
  {
    action: 'denyExtension',
    from: ['assigned', 'dept_assigned', 'in_progress', 'reopened'],
    who: ['dispatcher'],
    to: 'unchanged',
  },
  { action: 'closeWithExplanation', from: ['reopened', 'in_progress'], who: ['supervisor'], to: 'closed' },
  // the deadline sweeper: 7 days after the reply with no rating; cards when a step runs past its limit
  { action: 'autoClose', from: ['replied'], who: ['system'], to: 'closed' },
  { action: 'yellowCard', from: OPEN, who: ['system'], to: 'unchanged' },
  { action: 'redCard', from: OPEN, who: ['system'], to: 'unchanged' },
]

/** Body fields each action requires and allows (beyond `action` and `version`). */
export const ACTION_FIELDS: Record<AppealTableAction, { required: readonly string[]; optional: readonly string[] }> = {
  accept: { required: [], optional: ['importance', 'urgency', 'comment'] },
  resolveOnSpot: { required: ['result', 'photoIds'], optional: ['comment'] },
  dispatch: { required: ['assigneeType', 'assigneeId'], optional: ['comment'] },
  claim: { required: [], optional: ['comment'] },
  reportIn: { required: [], optional: ['note'] },
  escalate: { required: ['reason'], optional: [] },
  whistle: { required: ['departmentIds'], optional: ['reportBy', 'comment'] },
  assistNote: { required: ['note'], optional: ['photoIds'] },
  resolve: { required: ['result'], optional: ['photoIds'] },
  verify: { required: [], optional: ['note', 'photoIds'] },
  verifyFail: { required: ['reason'], optional: ['photoIds'] },
  reply: { required: ['message'], optional: ['publicSummary'] },
  rate: { required: ['rating'], optional: ['comment'] },
  rateOnBehalf: { required: ['rating', 'comment', 'via'], optional: [] },
  return: { required: ['reason'], optional: [] },
  reject: { required: ['reason'], optional: [] },
  merge: { required: ['duplicateOf'], optional: ['comment'] },
  requestExtension: { required: ['days', 'reason'], optional: [] },
  approveExtension: { required: [], optional: ['note'] },
  denyExtension: { required: [], optional: ['note'] },
  closeWithExplanation: { required: ['explanation'], optional: [] },
  autoClose: { required: [], optional: [] },
  yellowCard: { required: [], optional: [] },
  redCard: { required: [], optional: [] },
}

/** The appeal workflow as one table (DOMAIN §3.2). */
export const APPEAL_WORKFLOW: WorkflowTable<AppealStatus, AppealTableAction, Relation> = {
  entity: 'appeal',
  states: STATUSES,
  initial: 'submitted',
  stateNames: STATUS_NAMES,
  actions: [...ACTIONS, ...SYSTEM_ACTIONS],
  actionNames: ACTION_NAMES,
  transitions: WORKFLOW,
  fields: ACTION_FIELDS,
}

export const OPEN_STATUSES = OPEN

export function transitionsFor(action: AppealTableAction): Transition[] {
  return WORKFLOW.filter((t) => t.action === action)
}

/** The timed steps of an appeal (DOMAIN §3.3): each has a limit, a 70% warning and cards. */
export const STEPS = ['response', 'dispatch', 'review', 'resolve', 'verify', 'reply', 'reportIn'] as const
export type Step = (typeof STEPS)[number]

export const STEP_NAMES: Record<Step, string> = {
  response: '受理',
  dispatch: '分派',
  review: '街道审单',
  resolve: '办结',
  verify: '核查',
  reply: '答复',
  reportIn: '部门报到',
}

/** 超期未受理 / 超期未办结 … as the yellow card names them. */
export const OVERDUE_NAMES: Record<Step, string> = {
  response: '超期未受理',
  dispatch: '超期未分派',
  review: '超期未审单',
  resolve: '超期未办结',
  verify: '超期未核查',
  reply: '超期未答复',
  reportIn: '超期未报到',
}
