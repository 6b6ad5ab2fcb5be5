/**
 * 红黑榜, per community per month, counted only from service residents feel (DOMAIN §0): activity hours,
 * wishes fulfilled, pledged-household visits, appeals handled as 党员接单, projects — never manual awards,
 * logins or clicks.
 * - Red list: the top earners of service points at the community in the month.
 * - Black list: party members with a confirmed 双报到 registration at the community and no service there
 *   in the last N months (N from the county's settings, default 3), counted back from the board's instant
 *   (`asOf`: the month's end, or now while the month runs — the controllable clock). A member confirmed
 *   less than N months before `asOf` is not on it yet: nobody is shamed for months they were not registered.
 * The community computes a draft (staff only), may recompute it, and confirms it (the secretary's
 * confirmation, with who and when): only then do its party members and residents see it. A published
 * board may be withdrawn; a new draft for the month can then be computed.
 */
import type { Ctx } from '../../context'
import { checkAction, commitChange, commitTransition, listWorkflowEvents, sharedTimeline } from '../../core'
import type { Db } from '../../db/client'
import { AppError, notFound } from '../../errors'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { isoOrNull, isoShanghai } from '../../lib/time'
import { authorize, boardWorkflow, can } from '../../permissions'
import type { PageOf } from '#contracts/common'
import {
  RED_LIST_SIZE,
  SERVICE_KINDS,
  type BoardActionBody,
  type ComputeBoardBody,
  type HonourBoard,
  type ListBoardsQuery,
} from '#contracts/points'
import { addMonthsTo, monthsBefore, monthStart } from './months'
import { boardFacts, presentBoard, type StoredBlack, type StoredRed } from './presenter'
import { type BoardRow, countBoards, findBoard, findCommunityName, insertBoard, listBoards, registeredMembersWithLastService, topServiceEarners, updateBoardVersioned } from './queries'
import { countyRules } from './rules'

const ENTITY = boardWorkflow.table.entity
const timeline = sharedTimeline(ENTITY)

export interface BoardLists {
  red: StoredRed[]
  black: StoredBlack[]
  blackListMonths: number
  asOf: Date
}

/** Count a community's lists for a month, as of the month's end or now, whichever is earlier. */
export async function computeBoardLists(db: Db, communityCode: string, month: string, now: Date): Promise<BoardLists> {
  const from = monthStart(month)
  const end = monthStart(addMonthsTo(month, 1))
  const asOf = now < end ? now : end
  const { blackListMonths } = await countyRules(db, communityCode.slice(0, 6))
  const top = await topServiceEarners(db, communityCode, SERVICE_KINDS, from, asOf, RED_LIST_SIZE)
  // equal points, equal rank (1, 1, 3 …)
  const red = top.map((t, i) => ({ rank: top.findIndex((o) => o.points === t.points) + 1 || i + 1, earnerId: t.userId, name: t.name, role: t.role, points: t.points, services: t.services }))
  const cutoff = monthsBefore(asOf, blackListMonths)
  const members = await registeredMembersWithLastService(db, communityCode, SERVICE_KINDS, cutoff, asOf)
  const black = members
    .filter((m) => m.lastServiceAt === null || m.lastServiceAt < cutoff)
    .map((m) => ({ partyMemberId: m.partyMemberId, name: m.name, workUnit: m.workUnit, registeredAt: isoShanghai(m.registeredAt), lastServiceAt: isoOrNull(m.lastServiceAt) }))
  return { red, black, blackListMonths, asOf }
}

const listFields = (l: BoardLists) => ({ red: l.red, black: l.black, blackListMonths: l.blackListMonths, asOf: l.asOf })
const counts = (l: BoardLists) => ({ red: l.red.length, black: l.black.length })

/** POST /points/boards — the community computes the month's draft. */
export async function computeBoard(ctx: Ctx, body: ComputeBoardBody): Promise<HonourBoard> {
  authorize(ctx.actor, 'board.compute')
  authorize(ctx.actor, 'board.computeAt', body.communityCode)
  if (!(await findCommunityName(ctx.db, body.communityCode))) throw new AppError('UNKNOWN_COMMUNITY')
  if (monthStart(body.month) > ctx.now) throw new AppError('BOARD_MONTH_NOT_STARTED')
  const row = await commitChange<BoardRow>(ctx, {
    entityId: (b) => b.id,
    apply: async (tx) => {
      const lists = await computeBoardLists(tx, body.communityCode, body.month, ctx.now)
      return insertBoard(tx, {
        communityCode: body.communityCode,
        month: body.month,
        status: boardWorkflow.table.initial,
        ...listFields(lists),
        computedAt: ctx.now,
        computedByUserId: ctx.actor.userId,
        updatedAt: ctx.now,
      })
    },
    conflict: { code: 'BOARD_EXISTS' },
    event: { write: timeline, entry: (b) => ({ action: 'compute', fromStatus: null, toStatus: b.status, fields: { month: b.month, red: (b.red as unknown[]).length, black: (b.black as unknown[]).length } }) },
    audit: (b) => ({ action: 'honourBoard.compute', entityType: 'honourBoard', after: { status: b.status, communityCode: b.communityCode, month: b.month } }),
  })
  return getBoard(ctx, row.id)
}

async function loadVisible(ctx: Ctx, id: number) {
  const row = await findBoard(ctx.db, id)
  if (!row) throw notFound('红黑榜不存在或尚未发布')
  authorize(ctx.actor, 'board.read', boardFacts(row.board))
  return row
}

export async function getBoard(ctx: Ctx, id: number): Promise<HonourBoard> {
  const row = await loadVisible(ctx, id)
  const staff = can(ctx.actor, 'points.account.list')
  return presentBoard(ctx.actor, row, staff ? await listWorkflowEvents(ctx.db, ENTITY, id) : undefined)
}

/** GET /points/boards — staff see every board under their place; party members and residents their community's published ones. */
export async function listBoardsForActor(ctx: Ctx, q: ListBoardsQuery): Promise<PageOf<HonourBoard>> {
  authorize(ctx.actor, 'board.list')
  const staff = can(ctx.actor, 'points.account.list')
  if (q.place && staff) authorize(ctx.actor, 'points.listAt', q.place)
  // a party member's scope is their community; a resident's a grid of it
  const placePrefix = staff ? (q.place ?? ctx.actor.placeCode!) : (ctx.actor.placeCode ?? '').slice(0, 12)
  const statuses = staff ? (q.status ? [q.status] : undefined) : ['published']
  const limit = q.limit ?? 20
  const cursor = decodeCursor(q.cursor, { m: 'code', id: 'id' })
  const filter = { placePrefix, ...(q.month ? { month: q.month } : {}), ...(statuses ? { statuses } : {}) }
  const rows = await listBoards(ctx.db, { ...filter, limit, ...(cursor ? { cursor } : {}) })
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    items: page.map((r) => presentBoard(ctx.actor, r)),
    nextCursor: rows.length > limit && last ? encodeCursor({ m: last.board.month, id: last.board.id }) : null,
    ...(q.withTotal ? { total: await countBoards(ctx.db, filter) } : {}),
  }
}

/** What each action changes besides the state, and what its timeline entry records. */
async function effectOf(ctx: Ctx, board: BoardRow, body: BoardActionBody): Promise<{ patch: Partial<BoardRow>; fields: Record<string, unknown> }> {
  switch (body.action) {
    case 'recompute': {
      const lists = await computeBoardLists(ctx.db, board.communityCode, board.month, ctx.now)
      return { patch: { ...listFields(lists), computedAt: ctx.now, computedByUserId: ctx.actor.userId }, fields: counts(lists) }
    }
    case 'confirm':
      // the secretary's confirmation: who and when
      return {
        patch: { confirmedAt: ctx.now, confirmedByUserId: ctx.actor.userId },
        fields: { red: (board.red as unknown[]).length, black: (board.black as unknown[]).length, ...(body.note ? { note: body.note } : {}) },
      }
    case 'withdraw':
      return { patch: {}, fields: { reason: body.reason } }
  }
}

/** POST /points/boards/:id/actions — recompute the draft, confirm (publish) it, or withdraw a published board. */
export async function actOnBoard(ctx: Ctx, id: number, body: BoardActionBody): Promise<HonourBoard> {
  const row = await findBoard(ctx.db, id)
  const b = row?.board
  const facts = b ? boardFacts(b) : undefined
  const transition = checkAction(boardWorkflow, ctx.actor, {
    facts,
    visible: facts !== undefined && can(ctx.actor, 'board.read', facts),
    version: b?.version ?? 0,
    sentVersion: body.version,
    body,
    notFoundMessage: '红黑榜不存在或尚未发布',
    conflictMessage: '红黑榜已被他人更新，请刷新后重试',
  })
  const board = b!
  const { patch, fields } = await effectOf(ctx, board, body)
  await commitTransition(ctx, {
    workflow: boardWorkflow,
    transition,
    from: facts!.status,
    version: board.version,
    entityId: id,
    apply: (tx, to) => updateBoardVersioned(tx, id, board.version, { ...patch, status: to, updatedAt: ctx.now }),
    versionOf: (u) => u.version,
    timeline,
    fields,
    conflict: { message: '红黑榜已被他人更新，请刷新后重试' },
  })
  return getBoard(ctx, id)
}
