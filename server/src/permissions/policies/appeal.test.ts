/**
 * The appeal workflow's decide / allowedActions (DOMAIN §3.2) with hand-built actors and appeals: 422 when no one
 * may take the action in this state, 403 when only another role could, and the Foundation-B
 * actions closed everywhere until they are built.
 */
import { describe, expect, it } from 'vitest'
import { ACTIONS, STATUSES, WORKFLOW, type AppealAction, type AppealStatus } from '#contracts/workflow'
import type { Role } from '#contracts/roles'
import { ERRORS } from '#contracts/errors'
import { refusalError } from '../../core/workflow'
import {
  appealVisibility,
  appealWorkflow,
  canSeeAppeal,
  parseScope,
  placeInScope,
  placePath,
  scopeFitsRole,
  TODO_ACTIONS,
  todoStatuses,
  type Actor,
  type AppealFacts,
} from '../index'
import { roleRule } from '../policy'
import { CREATOR_CHANNELS } from './appeal'
import { RESIDENT_READ_ROLES, REVEAL_ROLES } from './resident'

const decideAction = (a: Actor, action: AppealAction, f: AppealFacts) => appealWorkflow.decide(a, action, f)
const allowedActions = (a: Actor, f: AppealFacts) => appealWorkflow.allowedActions(a, f)
const holds = (a: Actor, rel: Parameters<typeof appealWorkflow.holds>[1], f: AppealFacts) => appealWorkflow.holds(a, rel, f)

const COUNTY = '520423'
const STREET = '520423002' // 环翠街道
const OTHER_STREET = '520423001' // 白马湖街道
const COMMUNITY = '520423002013' // 北街社区
const OTHER_COMMUNITY = '520423002014' // 烟棚社区
const GRID = '520423002013001'
const OTHER_GRID = '520423002013002'

let nextId = 1
function actor(role: Role, place: string | null, extra: Partial<Actor> = {}): Actor {
  return {
    userId: nextId++,
    username: `${role}${nextId}`,
    displayName: role,
    role,
    scope: place ?? '',
    placeCode: place,
    departmentCode: null,
    propertyCompanyId: null,
    unitId: null,
    residentId: null,
    partyMemberId: null,
    teamIds: [],
    leaderBuildingIds: [],
    pairedCommunityCodes: [],
    ...extra,
  }
}

const gridWorker = actor('gridWorker', GRID)
const gridHead = actor('gridHead', GRID)
const otherGridWorker = actor('gridWorker', OTHER_GRID)
const leader = actor('householdLeader', GRID, { leaderBuildingIds: [7] })
const otherLeader = actor('householdLeader', GRID, { leaderBuildingIds: [8] })
const community = actor('community', COMMUNITY)
const otherCommunity = actor('community', OTHER_COMMUNITY)
const street = actor('street', STREET)
const otherStreet = actor('street', OTHER_STREET)
const county = actor('county', COUNTY)
const submitter = actor('resident', GRID, { residentId: 500 })
const neighbour = actor('resident', GRID, { residentId: 501 })
const property = actor('property', null, { propertyCompanyId: 1 })
const otherProperty = actor('property', null, { propertyCompanyId: 2 })
const member = actor('partyMember', COMMUNITY, { partyMemberId: 40 })
const otherMember = actor('partyMember', OTHER_COMMUNITY, { partyMemberId: 41 })
const department = actor('department', null, { departmentCode: `${COUNTY}-zjj` })
const otherDepartment = actor('department', null, { departmentCode: `${COUNTY}-zhzfj` })
const thirdDepartment = actor('department', null, { departmentCode: `${COUNTY}-mzj` })
const teamMember = actor('gridWorker', OTHER_GRID, { teamIds: [3] })
const sysadmin = actor('systemAdmin', COUNTY)
const secadmin = actor('securityAdmin', COUNTY)
const auditadmin = actor('auditAdmin', COUNTY)

const EVERYONE: Actor[] = [
  gridWorker, gridHead, otherGridWorker, leader, otherLeader, community, otherCommunity, street, otherStreet, county,
  submitter, neighbour, property, otherProperty, member, otherMember, department, otherDepartment, teamMember, sysadmin, secadmin, auditadmin,
]

function appeal(status: AppealStatus, extra: Partial<AppealFacts> = {}): AppealFacts {
  return {
    status,
    gridCode: GRID,
    communityCode: COMMUNITY,
    streetCode: STREET,
    countyCode: COUNTY,
    buildingId: 7,
    submitterUserId: submitter.userId,
    submitterRole: 'resident',
    assigneeType: null,
    assigneeId: null,
    assignedBy: null,
    poolCommunityCode: null,
    leadDepartmentCode: null,
    whistledDepartmentCodes: [],
    reportedDepartmentCodes: [],
    extensionPending: false,
    openSupervisorCodes: [],
    returnWindowOpen: true,
    ...extra,
  }
}
/** An appeal the street whistled to 住建局 (lead) and 综合执法局 (assisting). */
const whistled = (status: AppealStatus, extra: Partial<AppealFacts> = {}) =>
  appeal(status, {
    assigneeType: 'department',
    assigneeId: `${COUNTY}-zjj`,
    assignedBy: 'street',
    leadDepartmentCode: `${COUNTY}-zjj`,
    whistledDepartmentCodes: [`${COUNTY}-zjj`, `${COUNTY}-zhzfj`],
    ...extra,
  })
/** An appeal dispatched by the community to 龙城物业 (property company 1). */
const toProperty = (status: AppealStatus, extra: Partial<AppealFacts> = {}) =>
  appeal(status, { assigneeType: 'property', assigneeId: '1', assignedBy: 'community', ...extra })

function outcome(a: Actor, action: AppealAction, f: AppealFacts): string {
  const d = decideAction(a, action, f)
  return d.ok ? 'ok' : `${ERRORS[d.refusal.code].status} ${d.refusal.code}`
}


describe('422 when no one may take the action in this state', () => {
  const cases = ACTIONS.flatMap((action) => {
    const from = new Set(WORKFLOW.filter((t) => t.action === action).flatMap((t) => t.from))
    return STATUSES.filter((s) => !from.has(s)).map((s) => [action, s] as const)
  })

  it('covers every (action, state) pair outside the table', () => {
    expect(cases.length).toBeGreaterThan(150)
  })

  it.each(cases)('%s from %s is 422 INVALID_TRANSITION for everyone', (action, status) => {
    const f = toProperty(status)
    for (const a of EVERYONE) expect(outcome(a, action, f), `${a.role} ${a.placeCode ?? ''}`).toBe('422 INVALID_TRANSITION')
  })

  it('a closed appeal takes no action at all', () => {
    for (const a of EVERYONE) expect(allowedActions(a, toProperty('closed'))).toEqual([])
  })
})

describe('right state, wrong role: 403; right role: allowed', () => {
  const cases: [AppealAction, AppealFacts, Actor[], Actor[]][] = [
    ['accept', appeal('submitted'), [gridWorker, gridHead], [otherGridWorker, community, street, county, submitter, leader, sysadmin]],
    ['resolveOnSpot', appeal('submitted'), [gridWorker, gridHead, leader], [otherLeader, otherGridWorker, community, submitter]],
    ['resolveOnSpot', appeal('accepted', { buildingId: null }), [gridWorker], [leader, community]],
    ['dispatch', appeal('accepted'), [community], [otherCommunity, gridWorker, street, county, sysadmin]],
    ['dispatch', appeal('street_review'), [street], [otherStreet, community, county]],
    ['claim', toProperty('assigned'), [property], [otherProperty, community, gridWorker, department]],
    ['claim', toProperty('reopened'), [property], [otherProperty, submitter]],
    ['claim', appeal('assigned', { assigneeType: 'gridWorker', assigneeId: String(gridWorker.userId) }), [gridWorker], [gridHead, community]],
    ['claim', appeal('assigned', { assigneeType: 'partyMember', assigneeId: 'pool', poolCommunityCode: COMMUNITY }), [member], [otherMember, community, gridWorker]],
    ['claim', appeal('assigned', { assigneeType: 'partyMember', assigneeId: '40' }), [member], [otherMember]],
    ['claim', appeal('assigned', { assigneeType: 'team', assigneeId: '3' }), [teamMember], [otherGridWorker, gridWorker]],
    ['claim', whistled('dept_assigned'), [department], [otherDepartment, street, community]],
    ['reportIn', whistled('dept_assigned'), [department, otherDepartment], [street, community, thirdDepartment]],
    ['reportIn', whistled('dept_assigned', { reportedDepartmentCodes: [`${COUNTY}-zjj`] }), [otherDepartment], []],
    ['assistNote', whistled('in_progress'), [otherDepartment], [department, street]],
    ['resolve', whistled('in_progress'), [department], [otherDepartment, street]],
    ['return', whistled('dept_assigned'), [department], [otherDepartment, street]],
    ['escalate', toProperty('in_progress'), [community], [street, gridWorker, property]],
    ['whistle', appeal('street_review'), [street], [otherStreet, community, county]],
    ['return', toProperty('assigned'), [property], [community, otherProperty]],
    ['requestExtension', toProperty('in_progress'), [property], [community, gridWorker]],
    ['approveExtension', toProperty('in_progress', { extensionPending: true }), [community], [property, street]],
    ['denyExtension', appeal('in_progress', { assigneeType: 'property', assigneeId: '1', assignedBy: 'street', extensionPending: true }), [street], [community]],
    ['closeWithExplanation', toProperty('reopened', { openSupervisorCodes: [STREET] }), [street], [otherStreet, county, community]],
    ['closeWithExplanation', whistled('in_progress', { openSupervisorCodes: [COUNTY] }), [county], [street, department]],
    ['resolve', toProperty('in_progress'), [property], [otherProperty, gridWorker, community]],
    ['resolve', toProperty('reopened'), [property], [community]],
    ['verify', toProperty('resolved'), [gridWorker, gridHead], [otherGridWorker, community, property, submitter]],
    ['verifyFail', toProperty('resolved'), [gridHead], [property, community]],
    ['reply', toProperty('verified'), [community], [otherCommunity, gridWorker, street, property]],
    ['rate', toProperty('replied'), [submitter], [neighbour, community, gridWorker]],
    ['rateOnBehalf', toProperty('replied', { submitterRole: 'gridWorker' }), [community, gridWorker, gridHead], [otherCommunity, street, submitter]],
    ['reject', appeal('submitted'), [gridWorker], [community, street, submitter]],
    ['reject', appeal('accepted'), [community], [gridWorker, street]],
    ['reject', appeal('street_review'), [street], [community, otherStreet]],
    ['merge', appeal('submitted'), [gridWorker, community], [street, submitter, otherCommunity]],
    ['merge', appeal('accepted'), [gridHead, community], [county]],
  ]

  it.each(cases)('%s (%#)', (action, f, allowed, refused) => {
    for (const a of allowed) expect(outcome(a, action, f), `${a.role} may`).toBe('ok')
    for (const a of refused) expect(outcome(a, action, f), `${a.role} ${a.placeCode ?? ''} may not`).toBe('403 FORBIDDEN_ACTION')
  })

  it('a department that has reported in is told so (422 ALREADY_REPORTED), not refused as if it were another role', () => {
    const f = whistled('in_progress', { reportedDepartmentCodes: [`${COUNTY}-zjj`] })
    expect(outcome(department, 'reportIn', f)).toBe('422 ALREADY_REPORTED')
    expect(outcome(department, 'reportIn', whistled('dept_assigned', { reportedDepartmentCodes: [`${COUNTY}-zjj`] }))).toBe('422 ALREADY_REPORTED')
    // a department never whistled to it is still simply another role
    expect(outcome(thirdDepartment, 'reportIn', f)).toBe('403 FORBIDDEN_ACTION')
  })

  it('the three administrators take no appeal action in any state', () => {
    for (const status of STATUSES) {
      for (const a of [sysadmin, secadmin, auditadmin]) expect(allowedActions(a, toProperty(status))).toEqual([])
    }
  })

  it('the transition returned is the row for the caller: dispatch by the community vs by the street', () => {
    const byCommunity = decideAction(community, 'dispatch', appeal('accepted'))
    const byStreet = decideAction(street, 'dispatch', appeal('street_review'))
    expect(byCommunity.ok && byCommunity.transition.who).toEqual(['community'])
    expect(byStreet.ok && byStreet.transition.who).toEqual(['street'])
  })
})

describe('rules that stop an action whoever asks: 422', () => {
  it('only a resident who raised it online rates it themselves', () => {
    const staffRaised = toProperty('replied', { submitterUserId: gridWorker.userId, submitterRole: 'gridWorker' })
    for (const a of [submitter, gridWorker, community]) expect(outcome(a, 'rate', staffRaised)).toBe('422 NO_RESIDENT_ACCOUNT')
  })

  it('an appeal a resident raised is rated by that resident, not on their behalf', () => {
    for (const a of [community, gridWorker]) expect(outcome(a, 'rateOnBehalf', toProperty('replied'))).toBe('422 RESIDENT_RATES_ONLINE')
  })
})

describe('allowedActions', () => {
  const cases: [string, Actor, AppealFacts, AppealAction[]][] = [
    ['grid worker, submitted', gridWorker, appeal('submitted'), ['accept', 'resolveOnSpot', 'reject', 'merge']],
    ['联户长 of the building, submitted', leader, appeal('submitted'), ['resolveOnSpot']],
    ['community, submitted', community, appeal('submitted'), ['merge']],
    ['community, accepted', community, appeal('accepted'), ['dispatch', 'escalate', 'reject', 'merge']],
    ['street, street_review', street, appeal('street_review'), ['dispatch', 'whistle', 'reject']],
    ['assignee, assigned', property, toProperty('assigned'), ['claim', 'return', 'requestExtension']],
    ['assignee, assigned, past the return window', property, toProperty('assigned', { returnWindowOpen: false }), ['claim', 'requestExtension']],
    ['assignee, in_progress', property, toProperty('in_progress'), ['resolve', 'requestExtension']],
    ['assignee, reopened', property, toProperty('reopened'), ['claim', 'resolve', 'requestExtension']],
    ['community, in_progress with an extension pending', community, toProperty('in_progress', { extensionPending: true }), ['escalate', 'approveExtension', 'denyExtension']],
    ['grid head, resolved', gridHead, toProperty('resolved'), ['verify', 'verifyFail']],
    ['community, verified', community, toProperty('verified'), ['reply']],
    ['submitter, replied', submitter, toProperty('replied'), ['rate']],
    ['grid worker, replied, staff-raised', gridWorker, toProperty('replied', { submitterRole: 'gridWorker' }), ['rateOnBehalf']],
    ['submitter, submitted', submitter, appeal('submitted'), []],
    ['county, accepted', county, appeal('accepted'), []],
    ['lead department, dept_assigned', department, whistled('dept_assigned'), ['claim', 'reportIn', 'return', 'requestExtension']],
    ['assisting department, in_progress', otherDepartment, whistled('in_progress'), ['reportIn', 'assistNote']],
  ]
  it.each(cases)('%s', (_label, a, f, expected) => {
    expect(allowedActions(a, f)).toEqual(expected)
  })

  it('agrees with decideAction for every actor, action and state', () => {
    for (const status of STATUSES) {
      const f = toProperty(status)
      for (const a of EVERYONE) {
        const allowed = allowedActions(a, f)
        for (const action of ACTIONS) expect(allowed.includes(action)).toBe(decideAction(a, action, f).ok)
      }
    }
  })
})

describe('who sees an appeal', () => {
  const f = toProperty('in_progress')
  it('place roles above it, its grid, the submitter and the assignee; no one else', () => {
    for (const a of [gridWorker, gridHead, community, street, county, submitter, property]) expect(canSeeAppeal(a, f), a.role).toBe(true)
    for (const a of [otherGridWorker, otherCommunity, otherStreet, neighbour, otherProperty, department, sysadmin, secadmin, auditadmin]) {
      expect(canSeeAppeal(a, f), `${a.role} ${a.placeCode ?? ''}`).toBe(false)
    }
  })

  it('the party-member pool is visible to party members of the community', () => {
    const pooled = appeal('assigned', { assigneeType: 'partyMember', assigneeId: 'pool', poolCommunityCode: COMMUNITY })
    expect(canSeeAppeal(member, pooled)).toBe(true)
    expect(canSeeAppeal(otherMember, pooled)).toBe(false)
  })
})

describe('scopes', () => {
  it('parses place paths, departments and property companies', () => {
    expect(parseScope(`${COUNTY}.${STREET}.${COMMUNITY}.${GRID}`)).toEqual({
      kind: 'place',
      path: `${COUNTY}.${STREET}.${COMMUNITY}.${GRID}`,
      code: GRID,
    })
    expect(parseScope(COUNTY)).toEqual({ kind: 'place', path: COUNTY, code: COUNTY })
    expect(parseScope('department:520423-zjj')).toEqual({ kind: 'department', code: '520423-zjj' })
    expect(parseScope('property:12')).toEqual({ kind: 'property', id: 12 })
  })

  it('refuses paths whose levels do not nest, and malformed scopes', () => {
    expect(parseScope(`${COUNTY}.520424002`)).toBeNull()
    expect(parseScope(`${COUNTY}.${STREET}.520423001013`)).toBeNull()
    expect(parseScope(`${STREET}`)).toBeNull()
    expect(parseScope('department:')).toBeNull()
    expect(parseScope('property:0')).toBeNull()
    expect(parseScope('property:abc')).toBeNull()
    expect(parseScope('')).toBeNull()
  })

  it('each role has its own depth of scope', () => {
    const place = (path: string) => parseScope(path)!
    expect(scopeFitsRole('county', place(COUNTY))).toBe(true)
    expect(scopeFitsRole('systemAdmin', place(COUNTY))).toBe(true)
    expect(scopeFitsRole('street', place(`${COUNTY}.${STREET}`))).toBe(true)
    expect(scopeFitsRole('street', place(COUNTY))).toBe(false)
    expect(scopeFitsRole('community', place(`${COUNTY}.${STREET}.${COMMUNITY}`))).toBe(true)
    expect(scopeFitsRole('resident', place(`${COUNTY}.${STREET}.${COMMUNITY}`))).toBe(false)
    expect(scopeFitsRole('gridWorker', place(`${COUNTY}.${STREET}.${COMMUNITY}.${GRID}`))).toBe(true)
    expect(scopeFitsRole('department', parseScope('department:520423-zjj')!)).toBe(true)
    expect(scopeFitsRole('department', place(COUNTY))).toBe(false)
    expect(scopeFitsRole('property', parseScope('property:1')!)).toBe(true)
    expect(scopeFitsRole('community', parseScope('property:1')!)).toBe(false)
  })
})

describe('the rules of Foundation B that stop an action whoever asks: 422', () => {
  it('a return after the two-working-day window', () => {
    expect(outcome(property, 'return', toProperty('assigned', { returnWindowOpen: false }))).toBe('422 RETURN_WINDOW_PASSED')
  })
  it('a second extension request while one is pending, and a decision with none pending', () => {
    expect(outcome(property, 'requestExtension', toProperty('in_progress', { extensionPending: true }))).toBe('422 EXTENSION_PENDING')
    expect(outcome(community, 'approveExtension', toProperty('in_progress'))).toBe('422 NO_EXTENSION_PENDING')
    expect(outcome(community, 'denyExtension', toProperty('in_progress'))).toBe('422 NO_EXTENSION_PENDING')
  })
  it('结案说明 without a street or county supervision', () => {
    expect(outcome(street, 'closeWithExplanation', toProperty('reopened'))).toBe('422 NO_OPEN_SUPERVISION')
    expect(outcome(street, 'closeWithExplanation', toProperty('reopened', { openSupervisorCodes: [COMMUNITY] }))).toBe('422 NO_OPEN_SUPERVISION')
  })
  it('a whistled department sees the appeal; another does not', () => {
    expect(canSeeAppeal(otherDepartment, whistled('in_progress'))).toBe(true)
    expect(canSeeAppeal(thirdDepartment, whistled('in_progress'))).toBe(false)
  })
})

describe('refusals carry a stable code, a status and a Chinese message', () => {
  it('says why, in Chinese, for each kind of refusal', () => {
    // a refusal as a client reads it: the catalogue's status, the code, the Chinese message
    const d = (a: Actor, action: AppealAction, f: AppealFacts) => {
      const r = decideAction(a, action, f)
      return r.ok ? null : { status: ERRORS[r.refusal.code].status, code: r.refusal.code, messageZh: r.refusal.message ?? ERRORS[r.refusal.code].message }
    }
    expect(d(gridWorker, 'dispatch', appeal('submitted'))).toEqual({ status: 422, code: 'INVALID_TRANSITION', messageZh: '诉求当前状态不能执行此操作' })
    expect(d(community, 'accept', appeal('submitted'))).toEqual({ status: 403, code: 'FORBIDDEN_ACTION', messageZh: '您的角色不能对此诉求执行此操作' })
    expect(d(property, 'return', toProperty('assigned', { returnWindowOpen: false }))?.messageZh).toBe('已超过 2 个工作日的退回期限，不能退回')
    expect(d(property, 'requestExtension', toProperty('in_progress', { extensionPending: true }))!.messageZh).toBe('已有延期申请正在审核')
    expect(d(community, 'approveExtension', toProperty('in_progress'))!.messageZh).toBe('没有待审核的延期申请')
    expect(d(street, 'closeWithExplanation', toProperty('reopened'))!.messageZh).toBe(
      '只有在街道或县级督办期间才能结案说明；如督办单已办结，请在办结督办单时选择同时结案说明',
    )
    expect(d(submitter, 'rate', toProperty('replied', { submitterRole: 'gridWorker' }))!.messageZh).toBe('该诉求不是居民本人提交，请由社区或网格员回访评价')
    expect(d(community, 'rateOnBehalf', toProperty('replied'))!.messageZh).toBe('该诉求由居民本人提交，应由居民本人评价')
    const e = refusalError({ code: 'FORBIDDEN_ACTION', message: '不行' })
    expect([e.code, e.status, e.messageZh]).toEqual(['FORBIDDEN_ACTION', 403, '不行'])
  })

  it('a precondition speaks before the role: 422 even to someone who could never act', () => {
    expect(outcome(gridWorker, 'return', toProperty('assigned', { returnWindowOpen: false }))).toBe('422 RETURN_WINDOW_PASSED')
    expect(outcome(gridWorker, 'approveExtension', toProperty('in_progress'))).toBe('422 NO_EXTENSION_PENDING')
    // and a county supervision is enough for 结案说明
    expect(outcome(county, 'closeWithExplanation', whistled('reopened', { openSupervisorCodes: [COUNTY] }))).toBe('ok')
  })
})

describe('assignees of every kind', () => {
  it('a grid worker or 联户长 dispatched by user id; a party member by member id or the pool of their place', () => {
    const toUser = (type: string, id: number) => appeal('assigned', { assigneeType: type, assigneeId: String(id) })
    expect(outcome(gridWorker, 'claim', toUser('gridWorker', gridWorker.userId))).toBe('ok')
    expect(outcome(leader, 'claim', toUser('householdLeader', leader.userId))).toBe('ok')
    expect(outcome(otherLeader, 'claim', toUser('householdLeader', leader.userId))).toBe('403 FORBIDDEN_ACTION')
    expect(outcome(gridHead, 'claim', toUser('gridWorker', gridWorker.userId))).toBe('403 FORBIDDEN_ACTION')
    // the pool: a party member whose place is above the grid; not one without a place, nor another role
    const pool = appeal('assigned', { assigneeType: 'partyMember', assigneeId: 'pool', poolCommunityCode: COMMUNITY })
    expect(outcome(actor('partyMember', null, { partyMemberId: 42 }), 'claim', pool)).toBe('403 FORBIDDEN_ACTION')
    expect(outcome(actor('gridWorker', COMMUNITY), 'claim', pool)).toBe('403 FORBIDDEN_ACTION')
    // a named party member: not one without a member record
    const named = appeal('assigned', { assigneeType: 'partyMember', assigneeId: '40' })
    expect(outcome(actor('partyMember', COMMUNITY, { partyMemberId: null }), 'claim', named)).toBe('403 FORBIDDEN_ACTION')
    expect(outcome(actor('resident', GRID, { partyMemberId: 40 }), 'claim', named)).toBe('403 FORBIDDEN_ACTION')
  })

  it('a property company or a department only in its own role; no assignee kind means no assignee', () => {
    expect(outcome(actor('community', COMMUNITY, { propertyCompanyId: 1 }), 'claim', toProperty('assigned'))).toBe('403 FORBIDDEN_ACTION')
    const toDept = appeal('assigned', { assigneeType: 'department', assigneeId: `${COUNTY}-zjj` })
    expect(outcome(department, 'claim', toDept)).toBe('ok')
    expect(outcome(actor('street', STREET, { departmentCode: `${COUNTY}-zjj` }), 'claim', toDept)).toBe('403 FORBIDDEN_ACTION')
    expect(outcome(otherDepartment, 'claim', toDept)).toBe('403 FORBIDDEN_ACTION')
    expect(outcome(teamMember, 'claim', appeal('assigned', { assigneeType: 'team', assigneeId: null }))).toBe('403 FORBIDDEN_ACTION')
    expect(outcome(gridWorker, 'claim', appeal('assigned', { assigneeType: 'somethingElse', assigneeId: String(gridWorker.userId) }))).toBe('403 FORBIDDEN_ACTION')
  })

  it('departments: reporting in needs a department code; assisting is for whistled departments other than the lead', () => {
    const noCode = actor('department', null, { departmentCode: null })
    expect(outcome(noCode, 'reportIn', whistled('dept_assigned'))).toBe('403 FORBIDDEN_ACTION')
    expect(outcome(noCode, 'assistNote', whistled('in_progress'))).toBe('403 FORBIDDEN_ACTION')
    expect(outcome(thirdDepartment, 'assistNote', whistled('in_progress'))).toBe('403 FORBIDDEN_ACTION')
    expect(outcome(actor('street', STREET, { departmentCode: `${COUNTY}-zhzfj` }), 'assistNote', whistled('in_progress'))).toBe('403 FORBIDDEN_ACTION')
    expect(outcome(actor('street', STREET, { departmentCode: `${COUNTY}-zhzfj` }), 'reportIn', whistled('dept_assigned'))).toBe('403 FORBIDDEN_ACTION')
    expect(outcome(actor('county', COUNTY, { departmentCode: `${COUNTY}-zjj` }), 'claim', whistled('dept_assigned'))).toBe('403 FORBIDDEN_ACTION')
  })

  it('a supervisor is the street or county holding the supervision, never another role with that code', () => {
    const supervised = toProperty('reopened', { openSupervisorCodes: [STREET, COMMUNITY] })
    expect(outcome(street, 'closeWithExplanation', supervised)).toBe('ok')
    expect(outcome(actor('community', STREET), 'closeWithExplanation', supervised)).toBe('403 FORBIDDEN_ACTION')
    expect(outcome(community, 'closeWithExplanation', supervised)).toBe('403 FORBIDDEN_ACTION')
    expect(outcome(actor('street', null), 'closeWithExplanation', supervised)).toBe('403 FORBIDDEN_ACTION')
  })
})

describe('visibility of every role, as the list queries see it', () => {
  it('place roles by place; grid staff also what they raised or hold; the narrow roles by relation only', () => {
    expect(appealVisibility(county)).toEqual({ placePrefix: COUNTY, assignees: [] })
    expect(appealVisibility(street)).toEqual({ placePrefix: STREET, assignees: [] })
    expect(appealVisibility(community)).toEqual({ placePrefix: COMMUNITY, assignees: [] })
    expect(appealVisibility(gridWorker)).toEqual({
      placePrefix: GRID,
      submitterUserId: gridWorker.userId,
      assignees: [{ type: 'gridWorker', id: String(gridWorker.userId) }],
    })
    expect(appealVisibility(leader)).toEqual({
      submitterUserId: leader.userId,
      buildingIds: [7],
      assignees: [{ type: 'householdLeader', id: String(leader.userId) }],
    })
    expect(appealVisibility(member)).toEqual({
      submitterUserId: member.userId,
      assignees: [{ type: 'partyMember', id: '40' }],
      partyPoolCommunity: COMMUNITY,
    })
    expect(appealVisibility(actor('partyMember', COMMUNITY, { partyMemberId: null }))).toEqual({
      submitterUserId: expect.any(Number),
      assignees: [],
      partyPoolCommunity: COMMUNITY,
    })
    expect(appealVisibility(submitter)).toEqual({ submitterUserId: submitter.userId, assignees: [] })
    expect(appealVisibility(property)).toEqual({ assignees: [{ type: 'property', id: '1' }] })
    expect(appealVisibility(department)).toEqual({ departmentCode: `${COUNTY}-zjj`, assignees: [] })
    expect(appealVisibility(teamMember)?.assignees).toContainEqual({ type: 'team', id: '3' })
    for (const a of [sysadmin, secadmin, auditadmin]) expect(appealVisibility(a)).toBeNull()
  })

  it('canSeeAppeal: a 联户长 by building, a team member by the team, a department only when whistled', () => {
    expect(canSeeAppeal(leader, appeal('submitted'))).toBe(true)
    expect(canSeeAppeal(otherLeader, appeal('submitted'))).toBe(false)
    expect(canSeeAppeal(leader, appeal('submitted', { buildingId: null }))).toBe(false)
    const toTeam = appeal('assigned', { assigneeType: 'team', assigneeId: '3' })
    expect(canSeeAppeal(teamMember, toTeam)).toBe(true)
    expect(canSeeAppeal(teamMember, appeal('assigned', { assigneeType: 'property', assigneeId: '3' }))).toBe(false)
    expect(canSeeAppeal(teamMember, appeal('assigned', { assigneeType: 'team', assigneeId: '4' }))).toBe(false)
    expect(canSeeAppeal(department, appeal('submitted'))).toBe(false)
    expect(canSeeAppeal(member, appeal('assigned', { poolCommunityCode: OTHER_COMMUNITY }))).toBe(false)
    expect(canSeeAppeal(actor('partyMember', COMMUNITY, { partyMemberId: 40 }), appeal('assigned', { submitterUserId: -1, gridCode: OTHER_GRID, assigneeType: 'partyMember', assigneeId: '40' }))).toBe(true)
  })
})

describe('scopes of every role', () => {
  // parsed inside the tests, not while the file is collected: a parser that throws fails a test
  const place = (path: string) => parseScope(path)!
  const G = () => place(`${COUNTY}.${STREET}.${COMMUNITY}.${GRID}`)
  const C = () => place(`${COUNTY}.${STREET}.${COMMUNITY}`)
  const S = () => place(`${COUNTY}.${STREET}`)
  const X = () => place(COUNTY)
  const CITY = () => place('52.5204')
  const PROVINCE = () => place('52')

  it('county command centres sit at a county, a city or a province; the three administrators at a county only', () => {
    for (const s of [X, CITY, PROVINCE]) expect(scopeFitsRole('county', s())).toBe(true)
    for (const s of [S, C, G]) expect(scopeFitsRole('county', s())).toBe(false)
    for (const role of ['systemAdmin', 'securityAdmin', 'auditAdmin'] as const) {
      expect(scopeFitsRole(role, X()), role).toBe(true)
      for (const s of [CITY, PROVINCE, S, C, G]) expect(scopeFitsRole(role, s()), role).toBe(false)
    }
  })

  it('streets at a street, communities and party members at a community, grid roles and residents at a grid', () => {
    const fits = (role: Role) => [PROVINCE, CITY, X, S, C, G].map((s) => scopeFitsRole(role, s()))
    expect(fits('street')).toEqual([false, false, false, true, false, false])
    expect(fits('community')).toEqual([false, false, false, false, true, false])
    expect(fits('partyMember')).toEqual([false, false, false, false, true, false])
    for (const role of ['gridHead', 'gridWorker', 'householdLeader', 'resident'] as const) {
      expect(fits(role), role).toEqual([false, false, false, false, false, true])
    }
    expect(fits('department')).toEqual([false, false, false, false, false, false])
    expect(fits('property')).toEqual([false, false, false, false, false, false])
    expect(scopeFitsRole('property', parseScope('department:x')!)).toBe(false)
    expect(scopeFitsRole('department', parseScope('property:3')!)).toBe(false)
  })

  it('parses a city and a province above the counties, and nothing in between', () => {
    expect(parseScope('52.5204')).toEqual({ kind: 'place', path: '52.5204', code: '5204' })
    expect(parseScope('52')).toEqual({ kind: 'place', path: '52', code: '52' })
    expect(parseScope('53.5204')).toBeNull()
    expect(parseScope('520')).toBeNull()
    expect(parseScope(`${COUNTY}.${STREET}x`)).toBeNull()
    expect(parseScope(`x${COUNTY}`)).toBeNull()
    expect(parseScope('property:1.5')).toBeNull()
    expect(parseScope('property:-3')).toBeNull()
  })

  it('turns a place code into its path, and tells whether a code lies in the caller’s place', () => {
    expect(placePath(GRID)).toBe(`${COUNTY}.${STREET}.${COMMUNITY}.${GRID}`)
    expect(placePath(COMMUNITY)).toBe(`${COUNTY}.${STREET}.${COMMUNITY}`)
    expect(placePath(STREET)).toBe(`${COUNTY}.${STREET}`)
    expect(placePath(COUNTY)).toBe(COUNTY)
    expect(placePath('5204')).toBe('52.5204')
    expect(placePath('52')).toBe('52')
    expect(placeInScope(community, GRID)).toBe(true)
    expect(placeInScope(community, OTHER_COMMUNITY)).toBe(false)
    expect(placeInScope(property, GRID)).toBe(false)
  })
})

describe('what each role has to do, may create and may read', () => {
  it('the to-do statuses of each role', () => {
    expect(todoStatuses('gridWorker')).toEqual(['submitted', 'resolved', 'replied', 'assigned', 'in_progress', 'reopened'])
    expect(todoStatuses('gridHead')).toEqual(todoStatuses('gridWorker'))
    expect(todoStatuses('householdLeader')).toEqual(['submitted', 'accepted', 'assigned', 'in_progress', 'reopened'])
    expect(todoStatuses('community')).toEqual(['accepted', 'verified', 'replied', 'assigned', 'in_progress', 'reopened'])
    expect(todoStatuses('street')).toEqual(['street_review', 'assigned', 'dept_assigned', 'in_progress', 'reopened'])
    expect(todoStatuses('county')).toEqual(['in_progress', 'reopened'])
    expect(todoStatuses('resident')).toEqual(['replied'])
    for (const role of ['property', 'department', 'partyMember'] as const) {
      expect(todoStatuses(role), role).toEqual(['assigned', 'dept_assigned', 'in_progress', 'reopened'])
    }
  })

  it('to-do actions are the steps someone waits for, not the optional ones', () => {
    expect([...TODO_ACTIONS].sort()).toEqual(
      ['accept', 'dispatch', 'claim', 'reportIn', 'whistle', 'resolve', 'verify', 'reply', 'rate', 'rateOnBehalf', 'approveExtension', 'denyExtension', 'closeWithExplanation'].sort(),
    )
  })

  it('who creates appeals through which channel; who reads residents, and who may reveal a field', () => {
    expect(CREATOR_CHANNELS).toEqual({
      resident: ['h5'],
      gridWorker: ['patrol', 'walkIn', 'hotline'],
      gridHead: ['patrol', 'walkIn', 'hotline'],
      householdLeader: ['householdLeader'],
      partyMember: ['partyMemberVisit'],
      community: ['walkIn', 'hotline', 'patrol'],
      street: ['hotline', 'walkIn', 'open311'],
      publicSafety: ['patrol'],
      judicialOffice: ['patrol'],
    })
    expect([...REVEAL_ROLES].sort()).toEqual(['community', 'gridHead', 'gridWorker'])
    expect([...RESIDENT_READ_ROLES].sort()).toEqual(['community', 'county', 'gridHead', 'gridWorker', 'street'])
  })

  it('a role rule lets the listed roles through and refuses the rest with 403 and its Chinese message', () => {
    const r = roleRule(['community', 'street'], '只有社区或街道可以')
    expect(r.allow(community)).toBe(true)
    expect(r.allow(street)).toBe(true)
    expect(r.allow(gridWorker)).toBe(false)
    expect([ERRORS[r.refuse.code].status, r.refuse.message]).toEqual([403, '只有社区或街道可以'])
  })
})

describe('each relation holds for its own role only', () => {
  it('another role with the same place code, user id, buildings or codes holds none of them', () => {
    const f = toProperty('in_progress', { openSupervisorCodes: [COUNTY] })
    // 北街's party member shares the community's place code; a county-scoped street account is impossible but must not pass
    expect(holds(member, 'community', f)).toBe(false)
    expect(holds(community, 'community', f)).toBe(true)
    expect(holds(actor('county', STREET), 'street', f)).toBe(false)
    expect(holds(street, 'street', f)).toBe(true)
    expect(holds(county, 'county', f)).toBe(true)
    expect(holds(actor('street', COUNTY), 'county', f)).toBe(false)
    expect(holds(actor('county', OTHER_STREET.slice(0, 6) + '9'), 'county', f)).toBe(false)
    expect(holds(actor('gridWorker', OTHER_GRID, { leaderBuildingIds: [7] }), 'buildingLeader', f)).toBe(false)
    expect(holds(leader, 'buildingLeader', f)).toBe(true)
    expect(holds(actor('gridWorker', GRID, { userId: submitter.userId }), 'submitter', f)).toBe(false)
    expect(holds(submitter, 'submitter', f)).toBe(true)
    expect(holds(actor('community', COMMUNITY, { userId: submitter.userId }), 'submitter', f)).toBe(false)
  })

  it('a named party member is that member, not any member of the community', () => {
    const named = appeal('assigned', { assigneeType: 'partyMember', assigneeId: '40' })
    expect(holds(member, 'assignee', named)).toBe(true)
    expect(holds(actor('partyMember', COMMUNITY, { partyMemberId: 99 }), 'assignee', named)).toBe(false)
  })
})
