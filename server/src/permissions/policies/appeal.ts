/**
 * Who may do what to an appeal: the relations of the workflow table (contracts/workflow.ts), the
 * preconditions that stop an action for everyone, who sees which appeals, and who may raise one.
 */
import type { Role } from '#contracts/roles'
import { APPEAL_WORKFLOW, type AppealAction, type AppealStatus, type AppealTableAction, type Relation } from '#contracts/workflow'
import { defineWorkflow, type Refusal } from '../../core/workflow'
import { placeInScope, type Actor } from '../actor'
import { rule } from '../policy'

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

const GRID_STAFF: readonly string[] = ['gridWorker', 'gridHead']

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

const isDept = (actor: Actor) => actor.role === 'department' && actor.departmentCode !== null

/** The relations of DOMAIN §3.2's "who may" column. */
const RELATIONS: Record<Relation, (actor: Actor, a: AppealFacts) => boolean> = {
  gridStaff: (actor, a) => GRID_STAFF.includes(actor.role) && actor.placeCode === a.gridCode,
  buildingLeader: (actor, a) => actor.role === 'householdLeader' && a.buildingId !== null && actor.leaderBuildingIds.includes(a.buildingId),
  community: (actor, a) => actor.role === 'community' && actor.placeCode === a.communityCode,
  street: (actor, a) => actor.role === 'street' && actor.placeCode === a.streetCode,
  county: (actor, a) => actor.role === 'county' && actor.placeCode === a.countyCode,
  assignee: isAssignee,
  submitter: (actor, a) => actor.role === 'resident' && actor.userId === a.submitterUserId,
  dispatcher: (actor, a) => (a.assignedBy === 'street' ? RELATIONS.street(actor, a) : RELATIONS.community(actor, a)),
  leadDepartment: (actor, a) => actor.role === 'department' && actor.departmentCode === a.leadDepartmentCode,
  reportingDepartment: (actor, a) =>
    isDept(actor) && a.whistledDepartmentCodes.includes(actor.departmentCode!) && !a.reportedDepartmentCodes.includes(actor.departmentCode!),
  assistingDepartment: (actor, a) =>
    isDept(actor) && actor.departmentCode !== a.leadDepartmentCode && a.whistledDepartmentCodes.includes(actor.departmentCode!),
  // 结案说明 is for the street or county that holds an open supervision of the appeal.
  supervisor: (actor, a) => (actor.role === 'street' || actor.role === 'county') && actor.placeCode !== null && a.openSupervisorCodes.includes(actor.placeCode),
}

const stop = (code: Refusal['code']): Refusal => ({ code })

/** Rules that stop an action for everyone, whoever asks. */
const PRECONDITIONS: Partial<Record<AppealTableAction, (a: AppealFacts) => Refusal | null>> = {
  rate: (a) => (a.submitterRole !== 'resident' ? stop('NO_RESIDENT_ACCOUNT') : null),
  rateOnBehalf: (a) => (a.submitterRole === 'resident' ? stop('RESIDENT_RATES_ONLINE') : null),
  return: (a) => (!a.returnWindowOpen ? stop('RETURN_WINDOW_PASSED') : null),
  requestExtension: (a) => (a.extensionPending ? stop('EXTENSION_PENDING') : null),
  approveExtension: (a) => (!a.extensionPending ? stop('NO_EXTENSION_PENDING') : null),
  denyExtension: (a) => (!a.extensionPending ? stop('NO_EXTENSION_PENDING') : null),
  closeWithExplanation: (a) => (!a.openSupervisorCodes.some((c) => c.length <= 9) ? stop('NO_OPEN_SUPERVISION') : null),
}

export const appealWorkflow = defineWorkflow(APPEAL_WORKFLOW, {
  stateOf: (a: AppealFacts) => a.status,
  relations: RELATIONS,
  preconditions: PRECONDITIONS,
  explainRefusal: {
    // a whistled department that has reported in already (the lead's claim counts as its report-in)
    reportIn: (actor, a) =>
      isDept(actor) && a.whistledDepartmentCodes.includes(actor.departmentCode!) && a.reportedDepartmentCodes.includes(actor.departmentCode!)
        ? { code: 'ALREADY_REPORTED' }
        : null,
  },
  messages: { invalidTransition: '诉求当前状态不能执行此操作', forbidden: '您的角色不能对此诉求执行此操作' },
})

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
    // a resident, and 综治中心 / 司法所 (what they raised on their visits): their own appeals, nothing else
    case 'resident':
    case 'publicSafety':
    case 'judicialOffice':
      v.submitterUserId = actor.userId
      break
    case 'property':
      v.assignees.push({ type: 'property', id: String(actor.propertyCompanyId) })
      break
    case 'department':
      v.departmentCode = actor.departmentCode!
      break
    // the three administrators; a 报到单位, which sees its members' registrations (双报到), never appeals
    case 'systemAdmin':
    case 'securityAdmin':
    case 'auditAdmin':
    case 'unit':
      return null
    case 'system':
      // the platform's jobs act on appeals they found by their deadlines, never by listing
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

/**
 * The rows of the table a to-do is made of (the actions above): the list query turns them, with the
 * caller's relations and the preconditions, into one SQL condition (appeals/queries.ts todoCondition),
 * so the 待办 page is filtered by the database, never after the page.
 */
export const TODO_TRANSITIONS = APPEAL_WORKFLOW.transitions.filter((t) => TODO_ACTIONS.has(t.action as AppealAction))

/** Statuses in which each role typically has something to do (the 待办 view). */
export function todoStatuses(role: Actor['role']): AppealStatus[] {
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

/** Who may create appeals, and through which channels (the first is the default). */
export const CREATOR_CHANNELS: Partial<Record<Role, readonly string[]>> = {
  resident: ['h5'],
  gridWorker: ['patrol', 'walkIn', 'hotline'],
  gridHead: ['patrol', 'walkIn', 'hotline'],
  householdLeader: ['householdLeader'],
  partyMember: ['partyMemberVisit'],
  community: ['walkIn', 'hotline', 'patrol'],
  street: ['hotline', 'walkIn', 'open311'],
  // 综治中心 and 司法所 raise what they find on a visit (走访) in the grid it lies in, like a grid worker's finding
  publicSafety: ['patrol'],
  judicialOffice: ['patrol'],
}

export const channelsOf = (actor: Actor): readonly string[] => CREATOR_CHANNELS[actor.role as Role] ?? []

/** Where an appeal may be raised by this caller: a resident in their county, a 联户长 in their grid, staff in their place. */
function placeInReach(actor: Actor, p: { gridCode: string; countyCode: string; residentGridCode: string | null }): boolean {
  if (actor.role === 'resident') return p.residentGridCode !== null && p.countyCode === p.residentGridCode.slice(0, 6)
  if (actor.role === 'householdLeader') return p.gridCode === actor.placeCode
  return placeInScope(actor, p.gridCode)
}

export const appealRules = {
  /** the role works with appeals at all (the three administrators do not) */
  'appeal.handle': rule((actor) => appealVisibility(actor) !== null, 'FORBIDDEN', '您的角色不处理诉求'),
  'appeal.read': rule((actor, a: AppealFacts) => canSeeAppeal(actor, a), 'NOT_FOUND', '诉求不存在或无权查看'),
  'appeal.create': rule((actor) => channelsOf(actor).length > 0, 'FORBIDDEN', '您的角色不能登记诉求'),
  'appeal.createVia': rule((actor, channel: string) => channelsOf(actor).includes(channel), 'CHANNEL_NOT_ALLOWED'),
  'appeal.createAt': rule(placeInReach, 'PLACE_OUT_OF_SCOPE'),
  /** a resident raises their own appeal; staff may name a resident of their place */
  'appeal.nameResident': rule(
    (actor, r: { residentId: number; gridCode: string }) => (actor.role === 'resident' ? actor.residentId === r.residentId : placeInScope(actor, r.gridCode)),
    'UNKNOWN_RESIDENT',
  ),
  /**
   * 查看联系电话: whoever holds the appeal now — the handler while it is being handled, the lead department
   * while whistled, the grid staff while it waits for the on-site check.
   */
  'appeal.revealContact': rule(
    (actor, a: AppealFacts) => {
      switch (a.status) {
        case 'assigned':
        case 'in_progress':
        case 'reopened':
          return RELATIONS.assignee(actor, a) || RELATIONS.leadDepartment(actor, a)
        case 'dept_assigned':
          return RELATIONS.leadDepartment(actor, a)
        case 'resolved':
          return RELATIONS.gridStaff(actor, a)
        default:
          return false
      }
    },
    'FORBIDDEN',
    '只有当前承办该诉求的人员可以查看联系电话',
  ),
  /** the household a report is about: a 联户长's own group's, or one of a grid worker's grid */
  'appeal.reportFor': rule(
    (actor, h: { gridCode: string; buildingId: number }) =>
      actor.role === 'householdLeader' ? actor.leaderBuildingIds.includes(h.buildingId) : actor.role !== 'resident' && placeInScope(actor, h.gridCode),
    'UNKNOWN_HOUSEHOLD',
  ),
  /** a person named on the appeal: a resident may name a neighbour; staff name people of their place */
  'appeal.namePerson': rule((actor, p: { gridCode: string }) => actor.role === 'resident' || placeInScope(actor, p.gridCode), 'UNKNOWN_RESIDENT'),
}
