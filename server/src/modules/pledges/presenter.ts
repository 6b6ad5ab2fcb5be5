/** Pledges and visits → API responses, with the caller's allowed actions and, for the detail, the visits and the timeline. */
import {
  PLEDGE_ACTION_NAMES,
  PLEDGE_STATUS_NAMES,
  VISIT_SITUATION_NAMES,
  type Pledge,
  type PledgeStatus,
  type PledgeVisit,
  type VisitSituation,
} from '#contracts/pledges'
import { POST_NAMES, type Post } from '#contracts/registrations'
import { presentTimelineEvent, type WorkflowEventRow } from '../../core'
import { isoOrNull, isoShanghai } from '../../lib/time'
import { pledgeWorkflow, type Actor, type PledgeFacts } from '../../permissions'
import type { PledgeRow, PledgeWithNames, VisitRow } from './queries'

export function pledgeFacts(p: Pick<PledgeRow, 'status' | 'partyMemberId' | 'communityCode' | 'gridCode'>): PledgeFacts {
  return { status: p.status as PledgeStatus, partyMemberId: p.partyMemberId, communityCode: p.communityCode, gridCode: p.gridCode }
}

export function presentVisit(v: VisitRow): PledgeVisit {
  return {
    id: String(v.id),
    pledgeId: String(v.pledgeId),
    visitedOn: v.visitedOn,
    situation: v.situation as VisitSituation,
    situationName: VISIT_SITUATION_NAMES[v.situation as VisitSituation] ?? v.situation,
    finding: v.finding,
    note: v.note,
    appealId: v.appealId === null ? null : String(v.appealId),
    recordedAt: isoShanghai(v.recordedAt),
  }
}

export function presentPledge(actor: Actor, row: PledgeWithNames, more: { visits?: VisitRow[]; events?: WorkflowEventRow[] } = {}): Pledge {
  const p = row.pledge
  return {
    id: String(p.id),
    status: p.status as PledgeStatus,
    statusName: PLEDGE_STATUS_NAMES[p.status as PledgeStatus],
    version: p.version,
    member: { id: String(p.partyMemberId), name: row.memberName },
    communityCode: p.communityCode,
    household: {
      id: String(p.householdId),
      room: row.room,
      address: row.address,
      buildingId: p.buildingId === null ? null : String(p.buildingId),
      buildingName: row.buildingName,
      gridCode: p.gridCode,
      gridName: row.gridName,
    },
    startedAt: isoShanghai(p.createdAt),
    endedAt: isoOrNull(p.endedAt),
    endReason: p.endReason as Pledge['endReason'],
    lastVisitedOn: p.lastVisitedOn,
    visitCount: p.visitCount,
    allowedActions: pledgeWorkflow.allowedActions(actor, pledgeFacts(p)),
    ...(more.visits ? { visits: more.visits.map(presentVisit) } : {}),
    ...(more.events ? { events: more.events.map((e) => presentTimelineEvent(e, PLEDGE_ACTION_NAMES)) } : {}),
  }
}

/** The floor of a room number: 1单元302 → 3, 1001 → 10, 101 → 1; null when it does not end in digits. */
export function floorOfRoom(room: string | null): number | null {
  const m = room ? /([0-9]{3,4})$/.exec(room) : null
  return m ? Math.floor(Number(m[1]) / 100) || null : null
}

/** 五大员 post name of a registration's post code. */
export const postName = (post: string | null): string | null => (post ? (POST_NAMES[post as Post] ?? post) : null)
