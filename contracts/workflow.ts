/**
 * The appeal workflow table of DESIGN §3.2 — one declarative table, enforced only by the server
 * (server/src/permissions.ts evaluates the `who` relations), read by the web to label buttons.
 */

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

export const ACTION_NAMES: Record<AppealAction | 'submit', string> = {
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

/** Where the appeal goes: a status, unchanged, or a rule decided by the body or the history. */
export type Target = AppealStatus | 'unchanged' | 'byRating' | 'byReturnOrigin'

export interface Transition {
  action: AppealAction
  from: readonly AppealStatus[]
  who: readonly Relation[]
  to: Target
}

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
  { action: 'rate', from: ['replied'], who: ['submitter'], to: 'byRating' },
  { action: 'rateOnBehalf', from: ['replied'], who: ['community', 'gridStaff'], to: 'byRating' },
  { action: 'return', from: ['assigned', 'dept_assigned'], who: ['assignee', 'leadDepartment'], to: 'byReturnOrigin' },
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
]

/** Body fields each action requires and allows (beyond `action` and `version`). */
export const ACTION_FIELDS: Record<AppealAction, { required: readonly string[]; optional: readonly string[] }> = {
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
  reply: { required: ['message'], optional: [] },
  rate: { required: ['rating'], optional: ['comment'] },
  rateOnBehalf: { required: ['rating', 'comment', 'via'], optional: [] },
  return: { required: ['reason'], optional: [] },
  reject: { required: ['reason'], optional: [] },
  merge: { required: ['duplicateOf'], optional: ['comment'] },
  requestExtension: { required: ['days', 'reason'], optional: [] },
  approveExtension: { required: [], optional: ['note'] },
  denyExtension: { required: [], optional: ['note'] },
  closeWithExplanation: { required: ['explanation'], optional: [] },
}

export const OPEN_STATUSES = STATUSES.filter((s) => s !== 'closed')

export function transitionsFor(action: AppealAction): Transition[] {
  return WORKFLOW.filter((t) => t.action === action)
}
