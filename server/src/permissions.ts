/**
 * Roles, scopes and the workflow table's relations: the one place (with contracts/workflow.ts)
 * where permissions live. Services ask here; queries translate the answers into SQL.
 */
import { ACTIONS, WORKFLOW, type AppealAction, type AppealStatus, type Relation, type Transition } from '#contracts/workflow'
import type { Role } from '#contracts/roles'
import { AppError, forbidden } from './errors'

/** The authenticated caller, as every service sees it. */
export interface Actor {
  userId: number
  username: string
  displayName: string
  role: Role
  scope: string
  /** the last code of a place scope (county 6 … grid 15 digits) */
  placeCode: string | null
  departmentCode: string | null
  propertyCompanyId: number | null
  residentId: number | null
  partyMemberId: number | null
  teamIds: number[]
  /** buildings covered by the 十联户 this 联户长 leads */
  leaderBuildingIds: number[]
}

export type ParsedScope =
  | { kind: 'place'; path: string; code: string }
  | { kind: 'department'; code: string }
  | { kind: 'property'; id: number }

/** county-down paths (520423.520423002…), or a province or city above the counties (52, 52.5204) */
const PLACE_PATH = /^(?:[0-9]{6}(\.[0-9]{9}(\.[0-9]{12}(\.[0-9]{15})?)?)?|[0-9]{2}(\.[0-9]{4})?)$/

export function parseScope(scope: string): ParsedScope | null {
  if (scope.startsWith('department:')) {
    const code = scope.slice('department:'.length)
    return code ? { kind: 'department', code } : null
  }
  if (scope.startsWith('property:')) {
    const id = Number(scope.slice('property:'.length))
    return Number.isInteger(id) && id > 0 ? { kind: 'property', id } : null
  }
  if (!PLACE_PATH.test(scope)) return null
  const parts = scope.split('.')
  for (let i = 1; i < parts.length; i++) if (!parts[i]!.startsWith(parts[i - 1]!)) return null
  return { kind: 'place', path: scope, code: parts[parts.length - 1]! }
}

/** The scope form and place depth each role must have. */
export function scopeFitsRole(role: Role, scope: ParsedScope): boolean {
  const depth = scope.kind === 'place' ? scope.code.length : 0
  switch (role) {
    case 'department':
      return scope.kind === 'department'
    case 'property':
      return scope.kind === 'property'
    case 'county':
      // 县级及以上指挥中心: a county, or a city or province above it
      return depth === 6 || depth === 4 || depth === 2
    case 'systemAdmin':
    case 'securityAdmin':
    case 'auditAdmin':
      return depth === 6
    case 'street':
      return depth === 9
    case 'community':
    case 'partyMember':
      return depth === 12
    case 'gridHead':
    case 'gridWorker':
    case 'householdLeader':
    case 'resident':
      return depth === 15
  }
}

/** The facts about an appeal that permissions look at. */
export interface AppealFacts {
  status: AppealStatus
  gridCode: string
  communityCode: string
  streetCode: string
  countyCode: string
  buildingId: number | null
  submitterUserId: number
  submitterRole: string
  assigneeType: string | null
  assigneeId: string | null
  assignedBy: string | null
  poolCommunityCode: string | null
  leadDepartmentCode: string | null
  whistledDepartmentCodes: string[]
  reportedDepartmentCodes: string[]
  extensionPending: boolean
  /** community/street/county codes holding an open supervision */
  openSupervisorCodes: string[]
  /** still within 2 working days of the assignment (computed with the calendar at load time) */
  returnWindowOpen: boolean
}


const GRID_STAFF: readonly Role[] = ['gridWorker', 'gridHead']

export function isAssignee(actor: Actor, a: Pick<AppealFacts, 'assigneeType' | 'assigneeId' | 'gridCode'>): boolean {
  switch (a.assigneeType) {
    case 'gridWorker':
    case 'householdLeader':
      return a.assigneeId === String(actor.userId)
    case 'partyMember':
      if (actor.role !== 'partyMember') return false
      if (a.assigneeId === 'pool') return actor.placeCode !== null && a.gridCode.startsWith(actor.placeCode)
      return actor.partyMemberId !== null && a.assigneeId === String(actor.partyMemberId)
    case 'team':
      return a.assigneeId !== null && actor.teamIds.includes(Number(a.assigneeId))
    case 'property':
      return actor.role === 'property' && a.assigneeId === String(actor.propertyCompanyId)
    case 'department':
      return actor.role === 'department' && a.assigneeId === actor.departmentCode
    default:
      return false
  }
}

export function holds(actor: Actor, rel: Relation, a: AppealFacts): boolean {
  switch (rel) {
    case 'gridStaff':
      return GRID_STAFF.includes(actor.role) && actor.placeCode === a.gridCode
    case 'buildingLeader':
      return actor.role === 'householdLeader' && a.buildingId !== null && actor.leaderBuildingIds.includes(a.buildingId)
    case 'community':
      return actor.role === 'community' && actor.placeCode === a.communityCode
    case 'street':
      return actor.role === 'street' && actor.placeCode === a.streetCode
    case 'county':
      return actor.role === 'county' && actor.placeCode === a.countyCode
    case 'assignee':
      return isAssignee(actor, a)
    case 'submitter':
      return actor.role === 'resident' && actor.userId === a.submitterUserId
    case 'dispatcher':
      return a.assignedBy === 'street' ? holds(actor, 'street', a) : holds(actor, 'community', a)
    case 'leadDepartment':
      return actor.role === 'department' && actor.departmentCode === a.leadDepartmentCode
    case 'reportingDepartment':
      return (
        actor.role === 'department' &&
        actor.departmentCode !== null &&
        a.whistledDepartmentCodes.includes(actor.departmentCode) &&
        !a.reportedDepartmentCodes.includes(actor.departmentCode)
      )
    case 'assistingDepartment':
      return (
        actor.role === 'department' &&
        actor.departmentCode !== null &&
        actor.departmentCode !== a.leadDepartmentCode &&
        a.whistledDepartmentCodes.includes(actor.departmentCode)
      )
    case 'supervisor':
      // 结案说明 is for the street or county that holds an open supervision of the appeal.
      return (actor.role === 'street' || actor.role === 'county') && actor.placeCode !== null && a.openSupervisorCodes.includes(actor.placeCode)
  }
}

/** Why an action is refused — plain data: allowedActions asks about every action on every render. */
export interface Refusal {
  status: 403 | 422
  code: string
  messageZh: string
}
export type Decision = { ok: true; transition: Transition } | { ok: false; refusal: Refusal }

const refuse = (status: 403 | 422, code: string, messageZh: string): { ok: false; refusal: Refusal } => ({
  ok: false,
  refusal: { status, code, messageZh },
})

/** The error to throw for a refusal. */
export function refusalError(r: Refusal): AppError {
  return new AppError(r.code, r.status, r.messageZh)
}

const ROWS_BY_ACTION = new Map(ACTIONS.map((action) => [action, WORKFLOW.filter((t) => t.action === action)]))

/**
 * Decide whether the caller may take an action now. Order (DESIGN §3.2): the caller has already
 * passed the 404 scope check and the 409 version check; then 422 if no one may take it in this
 * state, then 403 if only another role could.
 */
export function decideAction(actor: Actor, action: AppealAction, a: AppealFacts): Decision {
  const rows = ROWS_BY_ACTION.get(action)!.filter((t) => t.from.includes(a.status))
  if (rows.length === 0) {
    return refuse(422, 'INVALID_TRANSITION', '诉求当前状态不能执行此操作')
  }
  const precondition = preconditionFailure(action, a)
  if (precondition) return precondition
  const row = rows.find((t) => t.who.some((rel) => holds(actor, rel, a)))
  if (!row) return refuse(403, 'FORBIDDEN_ACTION', '您的角色不能对此诉求执行此操作')
  return { ok: true, transition: row }
}

/** Rules that stop an action for everyone, whoever asks. */
function preconditionFailure(action: AppealAction, a: AppealFacts): { ok: false; refusal: Refusal } | null {
  if (action === 'rate' && a.submitterRole !== 'resident') {
    return refuse(422, 'NO_RESIDENT_ACCOUNT', '该诉求不是居民本人提交，请由社区或网格员回访评价')
  }
  if (action === 'rateOnBehalf' && a.submitterRole === 'resident') {
    return refuse(422, 'RESIDENT_RATES_ONLINE', '该诉求由居民本人提交，应由居民本人评价')
  }
  if (action === 'return' && !a.returnWindowOpen) {
    return refuse(422, 'RETURN_WINDOW_PASSED', '已超过 2 个工作日的退回期限，不能退回')
  }
  if (action === 'requestExtension' && a.extensionPending) {
    return refuse(422, 'EXTENSION_PENDING', '已有延期申请正在审核')
  }
  if ((action === 'approveExtension' || action === 'denyExtension') && !a.extensionPending) {
    return refuse(422, 'NO_EXTENSION_PENDING', '没有待审核的延期申请')
  }
  if (action === 'closeWithExplanation' && !a.openSupervisorCodes.some((c) => c.length <= 9)) {
    return refuse(422, 'NO_OPEN_SUPERVISION', '只有在街道或县级督办期间才能结案说明')
  }
  return null
}

export function allowedActions(actor: Actor, a: AppealFacts): AppealAction[] {
  return ACTIONS.filter((action) => decideAction(actor, action, a).ok)
}

/**
 * Which appeals a caller may see, as conditions OR-ed together by the queries.
 * Place roles see everything under their place; residents, party members, teams, property
 * companies and departments see what they raised or what is assigned to them (or their pool).
 */
export interface AppealVisibility {
  placePrefix?: string
  submitterUserId?: number
  assignees: { type: string; id: string }[]
  /** appeals put in this community's party-member pool stay visible to its members after one claims */
  partyPoolCommunity?: string
  /** appeals this department was whistled to (吹哨) */
  departmentCode?: string
  buildingIds?: number[]
}

export function appealVisibility(actor: Actor): AppealVisibility | null {
  const v: AppealVisibility = { assignees: actor.teamIds.map((id) => ({ type: 'team', id: String(id) })) }
  switch (actor.role) {
    case 'county':
    case 'street':
    case 'community':
      v.placePrefix = actor.placeCode!
      break
    case 'gridHead':
    case 'gridWorker':
      v.placePrefix = actor.placeCode!
      v.submitterUserId = actor.userId
      v.assignees.push({ type: 'gridWorker', id: String(actor.userId) })
      break
    case 'householdLeader':
      v.submitterUserId = actor.userId
      v.buildingIds = actor.leaderBuildingIds
      v.assignees.push({ type: 'householdLeader', id: String(actor.userId) })
      break
    case 'partyMember':
      v.submitterUserId = actor.userId
      if (actor.partyMemberId) v.assignees.push({ type: 'partyMember', id: String(actor.partyMemberId) })
      v.partyPoolCommunity = actor.placeCode!
      break
    case 'resident':
      v.submitterUserId = actor.userId
      break
    case 'property':
      v.assignees.push({ type: 'property', id: String(actor.propertyCompanyId) })
      break
    case 'department':
      v.departmentCode = actor.departmentCode!
      break
    case 'systemAdmin':
    case 'securityAdmin':
    case 'auditAdmin':
      return null
  }
  return v
}

/** In-memory twin of appealVisibility, for one loaded appeal. */
export function canSeeAppeal(actor: Actor, a: AppealFacts): boolean {
  const v = appealVisibility(actor)
  if (!v) return false
  if (v.placePrefix && a.gridCode.startsWith(v.placePrefix)) return true
  if (v.submitterUserId !== undefined && a.submitterUserId === v.submitterUserId) return true
  if (v.assignees.some((x) => x.type === a.assigneeType && x.id === a.assigneeId)) return true
  if (v.partyPoolCommunity && a.poolCommunityCode === v.partyPoolCommunity) return true
  if (v.buildingIds && a.buildingId !== null && v.buildingIds.includes(a.buildingId)) return true
  if (v.departmentCode && a.whistledDepartmentCodes.includes(v.departmentCode)) return true
  return false
}

/** Actions that make an appeal a to-do (待办) for the caller; optional ones (escalate, return …) do not. */
export const TODO_ACTIONS: ReadonlySet<AppealAction> = new Set<AppealAction>([
  'accept',
  'dispatch',
  'claim',
  'reportIn',
  'whistle',
  'resolve',
  'verify',
  'reply',
  'rate',
  'rateOnBehalf',
  'approveExtension',
  'denyExtension',
  'closeWithExplanation',
])

/** Statuses in which each role typically has something to do (the 待办 view). */
export function todoStatuses(role: Role): AppealStatus[] {
  switch (role) {
    case 'gridHead':
    case 'gridWorker':
      return ['submitted', 'resolved', 'replied', 'assigned', 'in_progress', 'reopened']
    case 'householdLeader':
      return ['submitted', 'accepted', 'assigned', 'in_progress', 'reopened']
    case 'community':
      return ['accepted', 'verified', 'replied', 'assigned', 'in_progress', 'reopened']
    case 'street':
      return ['street_review', 'assigned', 'dept_assigned', 'in_progress', 'reopened']
    case 'county':
      return ['in_progress', 'reopened']
    case 'resident':
      return ['replied']
    default:
      return ['assigned', 'dept_assigned', 'in_progress', 'reopened']
  }
}

/** Who may create appeals, and through which channels. */
export const CREATOR_CHANNELS: Partial<Record<Role, readonly string[]>> = {
  resident: ['h5'],
  gridWorker: ['patrol', 'walkIn', 'hotline'],
  gridHead: ['patrol', 'walkIn', 'hotline'],
  householdLeader: ['householdLeader'],
  partyMember: ['partyMemberVisit'],
  community: ['walkIn', 'hotline', 'patrol'],
  street: ['hotline', 'walkIn', 'open311'],
}

/** Roles that may see a resident's ID number or phone in full (audited each time). */
export const REVEAL_ROLES: readonly Role[] = ['community', 'gridHead', 'gridWorker']
/** Roles that may look residents up at all (masked). */
export const RESIDENT_READ_ROLES: readonly Role[] = ['county', 'street', 'community', 'gridHead', 'gridWorker']

export function requireRole(actor: Actor, roles: readonly Role[], messageZh = '您的角色不能执行此操作'): void {
  if (!roles.includes(actor.role)) throw forbidden(messageZh)
}

/** The scope path of a place code: 520423002013001 → 520423.520423002.520423002013.520423002013001; 5204 → 52.5204. */
export function placePath(code: string): string {
  if (code.length <= 4) return code.length === 4 ? `${code.slice(0, 2)}.${code}` : code
  return [6, 9, 12, 15].filter((n) => n <= code.length).map((n) => code.slice(0, n)).join('.')
}

/** Is a place code inside the caller's place scope? */
export function placeInScope(actor: Actor, code: string): boolean {
  return actor.placeCode !== null && code.startsWith(actor.placeCode)
}
