/**
 * Residents: staff look people up within their place (masked); a grid worker, grid head or
 * community may reveal one field of one resident, and every reveal is audited.
 */
import type { Ctx } from '../../context'
import { notFound } from '../../errors'
import { recordAudit } from '../../core'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { authorize } from '../../permissions'
import type { PageOf } from '#contracts/common'
import type { ListResidentsQuery, Resident } from '#contracts/residents'
import { presentResident } from './presenter'
import { countResidents, findResidentById, listResidents, type ResidentFilter } from './queries'

async function loadVisibleResident(ctx: Ctx, id: number) {
  const row = await findResidentById(ctx.db, id)
  if (!row) throw notFound('居民不存在或不在您的辖区内')
  authorize(ctx.actor, 'resident.read', { residentId: id, gridCode: row.resident.gridCode })
  return row
}

export async function getResident(ctx: Ctx, id: number): Promise<Resident> {
  const row = await loadVisibleResident(ctx, id)
  return presentResident(ctx.deps.pii, row.resident, row.address)
}

export async function listResidentsInScope(ctx: Ctx, q: ListResidentsQuery): Promise<PageOf<Resident>> {
  authorize(ctx.actor, 'resident.list')
  const place = q.place ?? ctx.actor.placeCode!
  authorize(ctx.actor, 'resident.searchPlace', place)
  const cursor = decodeCursor(q.cursor, { id: 'id' })
  const limit = q.limit ?? 20
  const pii = ctx.deps.pii
  const filter: ResidentFilter = {
    placePrefix: place,
    limit,
    ...(q.name ? { name: q.name } : {}),
    ...(q.phone ? { phoneIdx: pii.blindIndex(q.phone) } : {}),
    ...(q.idNumber ? { idNumberIdx: pii.blindIndex(q.idNumber) } : {}),
    ...(q.tag ? { tag: q.tag } : {}),
    ...(cursor ? { afterId: cursor.id } : {}),
  }
  const rows = await listResidents(ctx.db, filter)
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  return {
    items: page.map((r) => presentResident(pii, r.resident, r.address)),
    nextCursor: rows.length > limit && last ? encodeCursor({ id: last.resident.id }) : null,
    ...(q.withTotal ? { total: await countResidents(ctx.db, filter) } : {}),
  }
}

/** Show one personal field in full to a role that needs it for the work; audited. */
export async function revealResidentField(ctx: Ctx, id: number, field: 'idNumber' | 'phone') {
  const row = await loadVisibleResident(ctx, id)
  authorize(ctx.actor, 'resident.reveal')
  const enc = field === 'idNumber' ? row.resident.idNumberEnc : row.resident.phoneEnc
  const value = enc ? ctx.deps.pii.decrypt(enc) : null
  await recordAudit(ctx, ctx.db, {
    action: 'resident.reveal',
    entityType: 'resident',
    entityId: id,
    detail: { field },
  })
  return { field, value }
}
