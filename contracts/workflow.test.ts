/**
 * The workflow table against DOMAIN §3.2, written out here by hand: from which states each action
 * may be taken, by whom and where it leads. A change to the table that the design does not make
 * fails here.
 */
import { describe, expect, it } from 'vitest'
import { targetsOf } from './workflow-table'
import {
  ACTION_FIELDS,
  ACTION_NAMES,
  ACTIONS,
  OPEN_STATUSES,
  STATUS_NAMES,
  SYSTEM_ACTIONS,
  STATUSES,
  transitionsFor,
  WORKFLOW,
  type AppealAction,
  type AppealStatus,
} from './workflow'

/** DOMAIN §3.2, column "from". */
const DESIGN_FROM: Record<AppealAction, AppealStatus[]> = {
  accept: ['submitted'],
  resolveOnSpot: ['submitted', 'accepted'],
  dispatch: ['accepted', 'street_review'],
  claim: ['assigned', 'dept_assigned', 'reopened'],
  reportIn: ['dept_assigned', 'in_progress'],
  escalate: ['accepted', 'assigned', 'in_progress'],
  whistle: ['street_review'],
  assistNote: ['in_progress'],
  resolve: ['in_progress', 'reopened'],
  verify: ['resolved'],
  verifyFail: ['resolved'],
  reply: ['verified'],
  rate: ['replied'],
  rateOnBehalf: ['replied'],
  return: ['assigned', 'dept_assigned'],
  reject: ['submitted', 'accepted', 'street_review'],
  merge: ['submitted', 'accepted'],
  // "extension pending" can only arise where an extension may be requested
  requestExtension: ['assigned', 'dept_assigned', 'in_progress', 'reopened'],
  approveExtension: ['assigned', 'dept_assigned', 'in_progress', 'reopened'],
  denyExtension: ['assigned', 'dept_assigned', 'in_progress', 'reopened'],
  closeWithExplanation: ['reopened', 'in_progress'],
}

const sorted = <T extends string>(xs: readonly T[]) => [...xs].sort()

describe('the workflow table', () => {
  it('has a row for every action and no action outside the list', () => {
    expect(sorted([...new Set(WORKFLOW.map((t) => t.action))])).toEqual(sorted([...ACTIONS, ...SYSTEM_ACTIONS]))
    expect(sorted(Object.keys(DESIGN_FROM))).toEqual(sorted(ACTIONS))
  })

  it("the platform's own actions are the sweeper's: auto-close after the reply, and the cards on any open state", () => {
    expect(transitionsFor('autoClose')).toEqual([{ action: 'autoClose', from: ['replied'], who: ['system'], to: 'closed' }])
    for (const card of ['yellowCard', 'redCard'] as const) {
      expect(transitionsFor(card)).toEqual([{ action: card, from: OPEN_STATUSES, who: ['system'], to: 'unchanged' }])
    }
    // nobody but the platform takes them, and the platform takes nothing else
    for (const t of WORKFLOW) expect(t.who.includes('system'), t.action).toBe((SYSTEM_ACTIONS as readonly string[]).includes(t.action))
  })

  it.each(ACTIONS.map((a) => [a]))('%s may be taken from exactly the states DOMAIN §3.2 lists', (action) => {
    const from = transitionsFor(action).flatMap((t) => t.from)
    expect(sorted([...new Set(from)])).toEqual(sorted(DESIGN_FROM[action]))
    // one row per (action, state): the relation decides, never the order of rows
    expect(from.length).toBe(new Set(from).size)
  })

  it('nothing leaves closed', () => {
    expect(WORKFLOW.filter((t) => t.from.includes('closed'))).toEqual([])
    expect(OPEN_STATUSES).not.toContain('closed')
    expect(OPEN_STATUSES).toHaveLength(STATUSES.length - 1)
  })

  it('leads where the design says', () => {
    const to = (action: AppealAction, from: AppealStatus) => WORKFLOW.find((t) => t.action === action && t.from.includes(from))?.to
    expect(to('accept', 'submitted')).toBe('accepted')
    expect(to('resolveOnSpot', 'submitted')).toBe('verified')
    expect(to('resolveOnSpot', 'accepted')).toBe('verified')
    expect(to('dispatch', 'accepted')).toBe('assigned')
    expect(to('dispatch', 'street_review')).toBe('assigned')
    expect(to('claim', 'assigned')).toBe('in_progress')
    expect(to('claim', 'dept_assigned')).toBe('in_progress')
    expect(to('claim', 'reopened')).toBe('in_progress')
    expect(to('escalate', 'in_progress')).toBe('street_review')
    expect(to('whistle', 'street_review')).toBe('dept_assigned')
    expect(to('resolve', 'in_progress')).toBe('resolved')
    expect(to('resolve', 'reopened')).toBe('resolved')
    expect(to('verify', 'resolved')).toBe('verified')
    expect(to('verifyFail', 'resolved')).toBe('in_progress')
    expect(to('reply', 'verified')).toBe('replied')
    // the rating decides: satisfied or basic closes it, unsatisfied reopens it
    expect(to('rate', 'replied')).toEqual({ satisfied: 'closed', basic: 'closed', unsatisfied: 'reopened' })
    expect(to('rateOnBehalf', 'replied')).toEqual({ satisfied: 'closed', basic: 'closed', unsatisfied: 'reopened' })
    // a return goes back to whoever sent it
    expect(to('return', 'assigned')).toEqual({ community: 'accepted', street: 'street_review' })
    expect(to('return', 'dept_assigned')).toEqual({ community: 'accepted', street: 'street_review' })
    for (const s of ['submitted', 'accepted', 'street_review'] as const) expect(to('reject', s)).toBe('closed')
    for (const s of ['submitted', 'accepted'] as const) expect(to('merge', s)).toBe('closed')
    expect(to('closeWithExplanation', 'reopened')).toBe('closed')
    for (const a of ['reportIn', 'assistNote', 'requestExtension', 'approveExtension', 'denyExtension'] as const) {
      for (const t of transitionsFor(a)) expect(t.to, a).toBe('unchanged')
    }
  })

  it('gives each state the holder the design names', () => {
    const who = (action: AppealAction, from: AppealStatus) =>
      WORKFLOW.find((t) => t.action === action && t.from.includes(from))?.who
    expect(who('accept', 'submitted')).toEqual(['gridStaff'])
    expect(sorted(who('resolveOnSpot', 'submitted')!)).toEqual(['buildingLeader', 'gridStaff'])
    expect(who('dispatch', 'accepted')).toEqual(['community'])
    expect(who('dispatch', 'street_review')).toEqual(['street'])
    expect(who('claim', 'assigned')).toEqual(['assignee'])
    expect(who('claim', 'dept_assigned')).toEqual(['leadDepartment'])
    expect(who('verify', 'resolved')).toEqual(['gridStaff'])
    expect(who('reply', 'verified')).toEqual(['community'])
    expect(who('rate', 'replied')).toEqual(['submitter'])
    expect(sorted(who('rateOnBehalf', 'replied')!)).toEqual(['community', 'gridStaff'])
    expect(who('reject', 'submitted')).toEqual(['gridStaff'])
    expect(who('reject', 'accepted')).toEqual(['community'])
    expect(who('reject', 'street_review')).toEqual(['street'])
    expect(who('whistle', 'street_review')).toEqual(['street'])
    expect(who('escalate', 'accepted')).toEqual(['community'])
    expect(who('approveExtension', 'in_progress')).toEqual(['dispatcher'])
    expect(who('closeWithExplanation', 'reopened')).toEqual(['supervisor'])
  })

  it('every status can be reached from submitted, and closed is reachable', () => {
    const seen = new Set<AppealStatus>(['submitted'])
    let grew = true
    while (grew) {
      grew = false
      for (const t of WORKFLOW) {
        if (!t.from.some((s) => seen.has(s))) continue
        for (const s of targetsOf(t.to)) {
          if (seen.has(s)) continue
          seen.add(s)
          grew = true
        }
      }
    }
    expect(sorted([...seen])).toEqual(sorted(STATUSES))
  })
})

describe('names and fields', () => {
  it('every status and action has a Chinese name', () => {
    for (const s of STATUSES) expect(STATUS_NAMES[s]).toMatch(/\p{Script=Han}/u)
    for (const a of ACTIONS) expect(ACTION_NAMES[a]).toMatch(/\p{Script=Han}/u)
  })

  it('the body fields each action needs follow the design', () => {
    expect(ACTION_FIELDS.resolveOnSpot.required).toEqual(expect.arrayContaining(['result', 'photoIds']))
    expect(ACTION_FIELDS.dispatch.required).toEqual(expect.arrayContaining(['assigneeType', 'assigneeId']))
    expect(ACTION_FIELDS.escalate.required).toEqual(['reason'])
    expect(ACTION_FIELDS.whistle.required).toEqual(['departmentIds'])
    expect(ACTION_FIELDS.verifyFail.required).toEqual(['reason'])
    expect(ACTION_FIELDS.reply.required).toEqual(['message'])
    expect(ACTION_FIELDS.rate.required).toEqual(['rating'])
    expect(sorted(ACTION_FIELDS.rateOnBehalf.required)).toEqual(['comment', 'rating', 'via'])
    expect(ACTION_FIELDS.reject.required).toEqual(['reason'])
    expect(ACTION_FIELDS.merge.required).toEqual(['duplicateOf'])
    expect(sorted(ACTION_FIELDS.requestExtension.required)).toEqual(['days', 'reason'])
    expect(ACTION_FIELDS.closeWithExplanation.required).toEqual(['explanation'])
    for (const a of ACTIONS) {
      const { required, optional } = ACTION_FIELDS[a]
      expect(required.filter((f) => optional.includes(f)), a).toEqual([])
    }
  })

  it('every action takes exactly the fields of the design table (§3.2, body column), and nothing else', () => {
    expect(ACTION_FIELDS).toEqual({
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
      // the platform's own actions carry nothing from a body
      autoClose: { required: [], optional: [] },
      yellowCard: { required: [], optional: [] },
      redCard: { required: [], optional: [] },
    })
  })

  it('the timeline names submission too', () => {
    expect(ACTION_NAMES.submit).toBe('提交诉求')
  })
})
