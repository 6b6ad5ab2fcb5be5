/** Reading appeals: one with its timeline, lists with keyset paging, dispatch candidates. */
import type { Ctx } from '../../context'
import { forbidden, notFound, unprocessable } from '../../errors'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { addDays, shanghaiDayStart } from '../../lib/time'
import { appealVisibility, canSeeAppeal, decideAction, todoStatuses } from '../../permissions'
import type { PageOf } from '../../../../contracts/common'
import type { Appeal, Candidate, ListAppealsQuery } from '../../../../contracts/appeals'
import { dispatchCandidates } from './candidates'
import { factsOf, presentAppeal } from './presenter'
import { countAppealRows, findAppealWithNames, listAppealEvents, listAppealRows, type AppealListFilter } from './queries'

export { createAppeal } from './create'
export { performAction } from './actions'

async function loadVisible(ctx: Ctx, id: number) {
  if (!appealVisibility(ctx.actor)) throw forbidden('您的角色不处理诉求')
  const row = await findAppealWithNames(ctx.db, id)
  if (!row || !canSeeAppeal(ctx.actor, factsOf(row.appeal))) throw notFound('诉求不存在或无权查看')
  return row
}

export async function getAppealDetail(ctx: Ctx, id: number): Promise<Appeal> {
  const row = await loadVisible(ctx, id)
  const events = await listAppealEvents(ctx.db, id)
  return presentAppeal(ctx.deps.pii, ctx.actor, row, events)
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
    // The SQL narrowed by status and scope; keep only what this caller can act on now.
    page = page.filter((r) => presentAppealActions(ctx, r.appeal).length > 0)
  }
  const last = rows.slice(0, limit).at(-1)
  return {
    items: page.map((r) => presentAppeal(ctx.deps.pii, ctx.actor, r)),
    nextCursor:
      rows.length > limit && last ? encodeCursor({ t: last.appeal.createdAt.toISOString(), id: last.appeal.id }) : null,
    ...(q.withTotal ? { total: await countAppealRows(ctx.db, filter) } : {}),
  }
}

function presentAppealActions(ctx: Ctx, a: Parameters<typeof factsOf>[0]) {
  const facts = factsOf(a)
  return (['accept', 'resolveOnSpot', 'dispatch', 'claim', 'resolve', 'verify', 'reply', 'rate', 'rateOnBehalf'] as const).filter(
    (action) => decideAction(ctx.actor, action, facts).ok,
  )
}

export async function getCandidates(ctx: Ctx, id: number, action: 'dispatch' | 'whistle'): Promise<Candidate[]> {
  const row = await loadVisible(ctx, id)
  if (action === 'whistle') throw unprocessable('ACTION_NOT_AVAILABLE', '此操作暂未开放')
  const decision = decideAction(ctx.actor, 'dispatch', factsOf(row.appeal))
  if (!decision.ok) throw decision.error
  return dispatchCandidates(ctx, row.appeal)
}
