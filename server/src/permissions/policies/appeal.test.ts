/**
 * The appeal workflow's decide / allowedActions (DOMAIN §3.2) with hand-built actors and appeals: 422 when no one
 * may take the action in this state, 403 when only another role could, and the Foundation-B
 * actions closed everywhere until they are built.
 */
import { describe, expect, it } from 'vitest'
import { ACTIONS, STATUSES, WORKFLOW, type AppealAction, type AppealStatus } from '#contracts/workflow'
import type { Role } from '#contracts/roles'
import { ERRORS } from '#contracts/errors'
import { appealWorkflow, canSeeAppeal, parseScope, scopeFitsRole, type Actor, type AppealFacts } from '../index'

const decideAction = (a: Actor, action: AppealAction, f: AppealFacts) => appealWorkflow.decide(a, action, f)
const allowedActions = (a: Actor, f: AppealFacts) => appealWorkflow.allowedActions(a, f)

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
    residentId: null,
    partyMemberId: null,
    teamIds: [],
    leaderBuildingIds: [],
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
