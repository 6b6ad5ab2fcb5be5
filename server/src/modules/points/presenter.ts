/** Points entries, accounts and honour boards → API responses (with the caller's allowed actions). */
import { ROLE_NAMES, labelOf } from '#contracts/labels'
import {
  BOARD_ACTION_NAMES,
  BOARD_STATUS_NAMES,
  POINTS_SOURCE_NAMES,
  type BlackListEntry,
  type BoardStatus,
  type HonourBoard,
  type PointsAccount,
  type PointsEarner,
  type PointsEntry,
  type PointsSourceKind,
  type RedListEntry,
} from '#contracts/points'
import type { TimelineEvent } from '#contracts/common'
import { presentTimelineEvent, type WorkflowEventRow } from '../../core'
import { isoOrNull, isoShanghai } from '../../lib/time'
import { boardWorkflow, can, type Actor, type BoardFacts } from '../../permissions'
import type { AccountRow, BoardRow, BoardWithNames, EarnerRow, EntryWithNames } from './queries'

export const presentEarner = (e: Pick<EarnerRow, 'id' | 'displayName' | 'role'>): PointsEarner => ({
  id: String(e.id),
  name: e.displayName,
  role: e.role,
  roleName: labelOf(ROLE_NAMES, e.role),
})

/** Only earned points can be reversed, once, by the earner's community. */
const reversible = (actor: Actor, row: EntryWithNames, earnerScope: string) =>
  row.entry.points > 0 && row.entry.kind !== 'reversal' && row.entry.kind !== 'redemption' && row.reversedById === null && can(actor, 'points.manageEarner', { userId: row.entry.userId, scope: earnerScope })

export function presentEntry(actor: Actor, row: EntryWithNames, earnerScope: string): PointsEntry {
  const e = row.entry
  return {
    id: String(e.id),
    earner: presentEarner({ id: e.userId, displayName: row.earnerName, role: row.earnerRole }),
    communityCode: e.communityCode,
    points: e.points,
    kind: e.kind as PointsSourceKind,
    kindName: POINTS_SOURCE_NAMES[e.kind as PointsSourceKind],
    sourceId: e.sourceId,
    reason: e.reason,
    occurredAt: isoShanghai(e.occurredAt),
    createdAt: isoShanghai(e.createdAt),
    createdBy: row.createdByName ?? '系统',
    reversedBy: row.reversedById === null ? null : String(row.reversedById),
    allowedActions: reversible(actor, row, earnerScope) ? ['reverse'] : [],
  }
}

export function presentAccount(actor: Actor, a: AccountRow): PointsAccount {
  const manages = can(actor, 'points.manageEarner', { userId: a.id, scope: a.scope })
  return {
    earner: presentEarner(a),
    balance: a.balance,
    earned: a.earned,
    spent: a.spent,
    allowedActions: manages ? ['award', 'redeem'] : [],
  }
}

export function boardFacts(b: BoardRow): BoardFacts {
  return { status: b.status as BoardStatus, communityCode: b.communityCode }
}

/** Stored lists (jsonb) as they were computed. */
export interface StoredRed {
  rank: number
  earnerId: number
  name: string
  role: string
  points: number
  services: number
}
export interface StoredBlack {
  partyMemberId: number
  name: string
  workUnit: string
  registeredAt: string
  lastServiceAt: string | null
}

/** A resident's name on a board read by other residents: the surname only (张*); party members are named in full. */
const publicName = (name: string, role: string, isStaff: boolean) => (isStaff || role !== 'resident' ? name : `${Array.from(name)[0] ?? ''}*`)

export const presentBoardEvent = (e: WorkflowEventRow): TimelineEvent => presentTimelineEvent(e, BOARD_ACTION_NAMES)

export function presentBoard(actor: Actor, row: BoardWithNames, events?: WorkflowEventRow[]): HonourBoard {
  const b = row.board
  const facts = boardFacts(b)
  const isStaff = ['county', 'street', 'community'].includes(actor.role)
  const red: RedListEntry[] = (b.red as StoredRed[]).map((r) => ({
    rank: r.rank,
    earnerId: String(r.earnerId),
    name: publicName(r.name, r.role, isStaff),
    roleName: labelOf(ROLE_NAMES, r.role),
    points: r.points,
    services: r.services,
  }))
  const black: BlackListEntry[] | null = can(actor, 'board.readBlack', facts)
    ? (b.black as StoredBlack[]).map((m) => ({ partyMemberId: String(m.partyMemberId), name: m.name, workUnit: m.workUnit, registeredAt: m.registeredAt, lastServiceAt: m.lastServiceAt }))
    : null
  return {
    id: String(b.id),
    community: { code: b.communityCode, name: row.communityName },
    month: b.month,
    status: facts.status,
    statusName: BOARD_STATUS_NAMES[facts.status],
    version: b.version,
    red,
    black,
    blackListMonths: b.blackListMonths,
    asOf: isoShanghai(b.asOf),
    computedAt: isoShanghai(b.computedAt),
    confirmedAt: isoOrNull(b.confirmedAt),
    confirmedBy: row.confirmedByName,
    allowedActions: boardWorkflow.allowedActions(actor, facts),
    ...(events ? { events: events.map(presentBoardEvent) } : {}),
  }
}
