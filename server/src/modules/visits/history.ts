/** 走访记录: the visits of a person, a household, a grid or a campaign, within the caller's place and the kinds it may see. */
import { SPECIAL_GROUP_KINDS, type VisitSubjectKind } from '#contracts/ledger-names'
import type { PageOf } from '#contracts/common'
import type { ListVisitsQuery, Visit } from '#contracts/visits'
import type { Ctx } from '../../context'
import { notFound } from '../../errors'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { authorize, mayListVisitKind } from '../../permissions'
import { presentVisit } from './presenter'
import { findResidentSubject, listVisits, residentNames, type VisitFilter, type VisitListRow } from './queries'

const hiddenKinds = (ctx: Ctx) => SPECIAL_GROUP_KINDS.filter((k) => !mayListVisitKind(ctx.actor, k as VisitSubjectKind))

async function present(ctx: Ctx, rows: VisitListRow[]): Promise<Visit[]> {
  const names = await residentNames(ctx.db, [...new Set(rows.flatMap((r) => r.visit.seenResidentIds.map(Number)))])
  return rows.map((r) => presentVisit(r, names))
}

export async function listVisitsForActor(ctx: Ctx, q: ListVisitsQuery): Promise<PageOf<Visit>> {
  authorize(ctx.actor, 'visit.read')
  if (q.gridCode) authorize(ctx.actor, 'visit.at', q.gridCode)
  const limit = q.limit ?? 20
  const cursor = decodeCursor(q.cursor, { t: 'instant', id: 'id' })
  const filter: VisitFilter = { placePrefix: ctx.actor.placeCode!, hiddenKinds: hiddenKinds(ctx) }
  if (q.residentId) {
    const r = await findResidentSubject(ctx.db, Number(q.residentId))
    if (!r || !r.gridCode.startsWith(ctx.actor.placeCode!)) throw notFound('居民不存在或不在您的辖区内')
    filter.resident = { id: r.id, householdId: r.householdId }
  }
  if (q.householdId) filter.householdId = Number(q.householdId)
  if (q.gridCode) filter.gridCode = q.gridCode
  if (q.campaignId) filter.campaignId = Number(q.campaignId)
  const rows = await listVisits(ctx.db, { ...filter, limit, ...(cursor ? { cursor } : {}) })
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    items: await present(ctx, page),
    nextCursor: rows.length > limit && last ? encodeCursor({ t: last.visit.visitedAt.toISOString(), id: last.visit.id }) : null,
  }
}

export async function getVisit(ctx: Ctx, id: number): Promise<Visit> {
  const rows = await listVisits(ctx.db, { placePrefix: ctx.actor.placeCode ?? '-', hiddenKinds: hiddenKinds(ctx), id, limit: 1 })
  const row = rows[0]
  if (!row) throw notFound('走访记录不存在或无权查看')
  return (await present(ctx, [row]))[0]!
}
