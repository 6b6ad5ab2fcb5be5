/**
 * Residents: staff look people up within their place (masked); a grid worker, grid head or
 * community may reveal one field of one resident, and every reveal is audited.
 */
import type { Ctx } from '../../context'
import { forbidden, notFound } from '../../errors'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { placeInScope, REVEAL_ROLES, RESIDENT_READ_ROLES, requireRole } from '../../permissions'
import type { PageOf } from '#contracts/common'
import type { ListResidentsQuery, Resident } from '#contracts/residents'
import { recordAudit } from '../audit/service'
import { presentResident } from './presenter'
import { countResidents, findResidentById, listResidents, type ResidentFilter } from './queries'

async function loadVisibleResident(ctx: Ctx, id: number) {
  const row = await findResidentById(ctx.db, id)
  const a = ctx.actor
  const own = a.role === 'resident' && a.residentId === id
  if (!row || (!own && !(RESIDENT_READ_ROLES.includes(a.role) && placeInScope(a, row.resident.gridCode)))) {
    throw notFound('居民不存在或不在您的辖区内')
  }
  return row
}

export async function getResident(ctx: Ctx, id: number): Promise<Resident> {
  const row = await loadVisibleResident(ctx, id)
  return presentResident(ctx.deps.pii, row.resident, row.address)
}

export async function listResidentsInScope(ctx: Ctx, q: ListResidentsQuery): Promise<PageOf<Resident>> {
  requireRole(ctx.actor, RESIDENT_READ_ROLES, '您的角色不能查询居民信息')
  const place = q.place ?? ctx.actor.placeCode!
  if (!placeInScope(ctx.actor, place)) throw notFound('地点不存在或不在您的辖区内')
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
  if (!REVEAL_ROLES.includes(ctx.actor.role)) throw forbidden('您的角色不能查看完整的个人信息')
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
