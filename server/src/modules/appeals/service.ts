/** Reading appeals: one with its timeline and records, lists with keyset paging, candidates. */
import type { Ctx } from '../../context'
import { AppError, notFound } from '../../errors'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { addDays, shanghaiDayStart } from '../../lib/time'
import { refusalError } from '../../core'
import { appealVisibility, appealWorkflow, authorize, can, todoStatuses, TODO_TRANSITIONS } from '../../permissions'
import type { PageOf } from '#contracts/common'
import type { Appeal, Candidate, ListAppealsQuery } from '#contracts/appeals'
import { listDepartmentsOfCounty } from '../places'
import { dispatchCandidates } from './candidates'
import { factsOf, presentAppeal, presentDetailParts } from './presenter'
import { countAppealRows, findAppealDetail, findAppealWithNames, listAppealRows, todoCondition, type AppealListFilter } from './queries'

async function loadVisible(ctx: Ctx, id: number) {
  authorize(ctx.actor, 'appeal.handle')
  const row = await findAppealWithNames(ctx.db, id)
  if (!row) throw notFound('诉求不存在或无权查看')
  authorize(ctx.actor, 'appeal.read', factsOf(row.appeal, ctx))
  return row
}

/**
 * One appeal with its timeline and records. `justActed`: the caller has just changed it and may have
 * handed it away (a return, an escalation); they still get the result of their own action.
 */
export async function getAppealDetail(ctx: Ctx, id: number, justActed = false): Promise<Appeal> {
  authorize(ctx.actor, 'appeal.handle')
  const detail = await findAppealDetail(ctx.db, id)
  if (!detail) throw notFound('诉求不存在或无权查看')
  if (!justActed) authorize(ctx.actor, 'appeal.read', factsOf(detail.row.appeal, ctx))
  return presentAppeal(ctx, detail.row, presentDetailParts(detail))
}

export async function listAppealsForActor(ctx: Ctx, q: ListAppealsQuery): Promise<PageOf<Appeal>> {
  authorize(ctx.actor, 'appeal.handle')
  const visibility = appealVisibility(ctx.actor)!
  if (q.from && q.to && q.from > q.to) throw new AppError('INVALID_RANGE', '开始日期不能晚于结束日期')
  const limit = q.limit ?? 20
  let statuses = q.status
  if (q.view === 'todo') {
    const todo = todoStatuses(ctx.actor.role)
    statuses = statuses ? statuses.filter((s) => todo.includes(s)) : todo
    if (statuses.length === 0) return { items: [], nextCursor: null, ...(q.withTotal ? { total: 0 } : {}) }
  }
  const cursor = decodeCursor(q.cursor, { t: 'instant', id: 'id' })
  const filter: AppealListFilter = {
    visibility,
    limit,
    ...(statuses ? { statuses } : {}),
    ...(q.color ? { colors: q.color } : {}),
    ...(q.category ? { categoryCode: q.category } : {}),
    ...(q.place ? { place: q.place } : {}),
    ...(q.channel ? { channels: q.channel } : {}),
    ...(q.q?.trim() ? { q: q.q.trim() } : {}),
    ...(q.from ? { from: shanghaiDayStart(q.from) } : {}),
    // `to` is inclusive: everything received on that day counts.
    ...(q.to ? { to: shanghaiDayStart(addDays(q.to, 1)) } : {}),
    ...(cursor ? { cursor } : {}),
    // the database keeps only what this caller can act on now: a full page, nothing dropped after it
    ...(q.view === 'todo' ? { todo: todoCondition(ctx.actor, TODO_TRANSITIONS) } : {}),
  }
  const rows = await listAppealRows(ctx.db, filter)
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    items: page.map((r) => presentAppeal(ctx, r)),
    nextCursor: rows.length > limit && last ? encodeCursor({ t: last.appeal.createdAt.toISOString(), id: last.appeal.id }) : null,
    ...(q.withTotal ? { total: await countAppealRows(ctx.db, filter) } : {}),
  }
}

/**
 * The appeals about one resident that the caller may see (the person card of 实有人口), newest first: the same
 * visibility as the appeal list, for roles that handle appeals; nothing for others.
 */
export async function listAppealsAboutResident(ctx: Ctx, residentId: number, limit = 50): Promise<Appeal[]> {
  if (!can(ctx.actor, 'appeal.handle')) return []
  const visibility = appealVisibility(ctx.actor)
  if (!visibility) return []
  const rows = await listAppealRows(ctx.db, { visibility, limit, residentId })
  return rows.slice(0, limit).map((r) => presentAppeal(ctx, r))
}

export async function getCandidates(ctx: Ctx, id: number, action: 'dispatch' | 'whistle'): Promise<Candidate[]> {
  const row = await loadVisible(ctx, id)
  const decision = appealWorkflow.decide(ctx.actor, action, factsOf(row.appeal, ctx))
  if (!decision.ok) throw refusalError(decision.refusal)
  if (action === 'whistle') {
    const depts = await listDepartmentsOfCounty(ctx.db, row.appeal.countyCode)
    return depts.map((d) => ({ id: d.code, type: 'department', name: d.name }))
  }
  return dispatchCandidates(ctx, row.appeal)
}
