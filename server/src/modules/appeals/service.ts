/** Reading appeals: one with its timeline and records, lists with keyset paging, candidates. */
import type { Ctx } from '../../context'
import { forbidden, notFound, unprocessable } from '../../errors'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { addDays, isoOrNull, isoShanghai, shanghaiDayStart } from '../../lib/time'
import { allowedActions, appealVisibility, canSeeAppeal, decideAction, refusalError, todoStatuses, TODO_ACTIONS } from '../../permissions'
import type { PageOf } from '#contracts/common'
import type { Appeal, Candidate, ListAppealsQuery } from '#contracts/appeals'
import { listDepartmentsOfCounty } from '../places/queries'
import { presentSupervision } from '../supervisions/service'
import { dispatchCandidates } from './candidates'
import { factsOf, presentAppeal } from './presenter'
import { countAppealRows, findAppealDetail, findAppealWithNames, listAppealRows, type AppealListFilter } from './queries'

export { createAppeal } from './create'
export { performAction } from './actions'

function assertRole(ctx: Ctx) {
  if (!appealVisibility(ctx.actor)) throw forbidden('您的角色不处理诉求')
}

async function loadVisible(ctx: Ctx, id: number, justActed = false) {
  assertRole(ctx)
  const row = await findAppealWithNames(ctx.db, id)
  if (!row || (!justActed && !canSeeAppeal(ctx.actor, factsOf(row.appeal, ctx)))) throw notFound('诉求不存在或无权查看')
  return row
}

/**
 * One appeal with its timeline and records. `justActed`: the caller has just changed it and may have
 * handed it away (a return, an escalation); they still get the result of their own action.
 */
export async function getAppealDetail(ctx: Ctx, id: number, justActed = false): Promise<Appeal> {
  assertRole(ctx)
  const detail = await findAppealDetail(ctx.db, id)
  if (!detail || (!justActed && !canSeeAppeal(ctx.actor, factsOf(detail.row.appeal, ctx)))) throw notFound('诉求不存在或无权查看')
  const { row, events, whistles, extensions, supervisions } = detail
  return presentAppeal(ctx, row, {
    events,
    departments: whistles.map(({ record: r, name }) => ({
      code: r.departmentCode,
      name,
      role: r.role,
      whistledAt: isoShanghai(r.whistledAt),
      reportBy: isoShanghai(r.reportBy),
      reportedAt: isoOrNull(r.reportedAt),
      late: r.late,
      active: r.active,
    })),
    extensions: extensions.map((e) => ({
      id: String(e.id),
      days: e.days,
      reason: e.reason,
      status: e.status,
      requestedAt: isoShanghai(e.requestedAt),
      decidedAt: isoOrNull(e.decidedAt),
      previousDueAt: isoOrNull(e.previousDueAt),
      newDueAt: isoOrNull(e.newDueAt),
    })),
    supervisions: supervisions.map(presentSupervision),
  })
}

export async function listAppealsForActor(ctx: Ctx, q: ListAppealsQuery): Promise<PageOf<Appeal>> {
  const visibility = appealVisibility(ctx.actor)
  if (!visibility) throw forbidden('您的角色不处理诉求')
  if (q.from && q.to && q.from > q.to) throw unprocessable('INVALID_RANGE', '开始日期不能晚于结束日期')
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
  }
  const rows = await listAppealRows(ctx.db, filter)
  let page = rows.slice(0, limit)
  if (q.view === 'todo') {
    // The SQL narrowed by status and scope; keep what this caller has to act on now.
    page = page.filter((r) => allowedActions(ctx.actor, factsOf(r.appeal, ctx)).some((a) => TODO_ACTIONS.has(a)))
  }
  const last = rows.slice(0, limit).at(-1)
  return {
    items: page.map((r) => presentAppeal(ctx, r)),
    nextCursor: rows.length > limit && last ? encodeCursor({ t: last.appeal.createdAt.toISOString(), id: last.appeal.id }) : null,
    ...(q.withTotal ? { total: await countAppealRows(ctx.db, filter) } : {}),
  }
}

export async function getCandidates(ctx: Ctx, id: number, action: 'dispatch' | 'whistle'): Promise<Candidate[]> {
  const row = await loadVisible(ctx, id)
  const decision = decideAction(ctx.actor, action, factsOf(row.appeal, ctx))
  if (!decision.ok) throw refusalError(decision.refusal)
  if (action === 'whistle') {
    const depts = await listDepartmentsOfCounty(ctx.db, row.appeal.countyCode)
    return depts.map((d) => ({ id: d.code, type: 'department', name: d.name }))
  }
  return dispatchCandidates(ctx, row.appeal)
}
