/**
 * 单位场所: register, change and close shops, restaurants, 九小场所, enterprises and key units under the caller's
 * place. The responsible person's phone is encrypted with a blind index and leaves masked; the 统一社会信用代码 is
 * checked (GB 32100) and unique. Every change commits with its audit row and timeline event; a refused request
 * writes nothing. Refusals: 404 (missing or out of scope) → 409 (stale version) → 422 (closed) → 400.
 */
import type { Ctx } from '../../context'
import { commitChange, recordAudit, sameVersion, sharedTimeline, STALE_RECORD } from '../../core'
import { AppError, invalidInput, notFound } from '../../errors'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { creditCodeProblem, normalizeCreditCode } from '../../lib/credit-code'
import { maskPhone } from '../../lib/pii'
import { authorize, can } from '../../permissions'
import type { PageOf } from '#contracts/common'
import type { CloseVenueBody, CreateVenueBody, ListVenuesQuery, UpdateVenueBody, Venue } from '#contracts/venues'
import { presentVenue } from './presenter'
import {
  countVenues,
  findBuildingGrid,
  findGridName,
  findVenue,
  findVenueByCreditCode,
  insertVenue,
  listVenues,
  updateVenueVersioned,
  type VenueFilter,
  type VenueInsert,
  type VenueRow,
} from './queries'

const VENUE = 'venue'
const timeline = sharedTimeline(VENUE)
const OUT_OF_SCOPE = '单位场所不存在或不在您的辖区内'

function readPlace(ctx: Ctx, place: string | undefined): string {
  authorize(ctx.actor, 'venue.read')
  const code = place ?? ctx.actor.placeCode ?? ''
  authorize(ctx.actor, 'venue.place', code)
  return code
}

export function venueFilterOf(ctx: Ctx, q: Omit<ListVenuesQuery, 'limit' | 'cursor' | 'withTotal'>): VenueFilter {
  return {
    placePrefix: readPlace(ctx, q.place),
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.smallVenueType ? { smallVenueType: q.smallVenueType } : {}),
    ...(q.keyType ? { keyType: q.keyType } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.q ? { q: q.q } : {}),
  }
}

export async function listVenuesFor(ctx: Ctx, q: ListVenuesQuery): Promise<PageOf<Venue>> {
  const filter = venueFilterOf(ctx, q)
  const limit = q.limit ?? 20
  const cursor = decodeCursor(q.cursor, { id: 'id' })
  const rows = await listVenues(ctx.db, { ...filter, limit, ...(cursor ? { beforeId: cursor.id } : {}) })
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    items: page.map((r) => presentVenue(ctx.actor, ctx.deps.pii, r)),
    nextCursor: rows.length > limit && last ? encodeCursor({ id: last.venue.id }) : null,
    ...(q.withTotal ? { total: await countVenues(ctx.db, filter) } : {}),
  }
}

async function visibleVenue(ctx: Ctx, id: number) {
  const r = await findVenue(ctx.db, id)
  if (!r) throw notFound(OUT_OF_SCOPE)
  authorize(ctx.actor, 'venue.place', r.venue.gridCode)
  return r
}

export async function getVenue(ctx: Ctx, id: number): Promise<Venue> {
  authorize(ctx.actor, 'venue.read')
  return presentVenue(ctx.actor, ctx.deps.pii, await visibleVenue(ctx, id))
}

/** A typed credit code in its canonical form, checked (400 INVALID_CREDIT_CODE naming why). */
export function checkedCreditCode(raw: string): string {
  const code = normalizeCreditCode(raw)
  const problem = creditCodeProblem(code)
  if (problem) throw new AppError('INVALID_CREDIT_CODE', problem, [{ field: 'creditCode', message: problem }])
  return code
}

/** 九小场所 need their type; other kinds have none. */
function checkKind(kind: string, smallVenueType: string | null | undefined) {
  if (kind === 'smallVenue' && !smallVenueType) throw invalidInput([{ field: 'smallVenueType', message: '九小场所须选择类型' }])
  if (kind !== 'smallVenue' && smallVenueType) throw invalidInput([{ field: 'smallVenueType', message: '只有九小场所有类型' }])
}

/** What an audit row keeps of a venue: the phone masked, never the cipher text. */
function audited(ctx: Ctx, v: VenueRow) {
  const { responsiblePhoneEnc, responsiblePhoneIdx: _idx, ...rest } = v
  return { ...rest, responsiblePhone: responsiblePhoneEnc ? maskPhone(ctx.deps.pii.decrypt(responsiblePhoneEnc)) : null }
}

export async function createVenue(ctx: Ctx, body: CreateVenueBody): Promise<Venue> {
  authorize(ctx.actor, 'venue.record')
  if (!can(ctx.actor, 'venue.place', body.gridCode)) throw new AppError('UNKNOWN_GRID', '网格不存在或不在您的辖区内', [{ field: 'gridCode', message: '网格不存在或不在您的辖区内' }])
  const g = await findGridName(ctx.db, body.gridCode)
  if (!g || g.retiredAt) throw new AppError('UNKNOWN_GRID', '网格不存在或已撤销', [{ field: 'gridCode', message: '网格不存在或已撤销' }])
  checkKind(body.kind, body.smallVenueType)
  const creditCode = body.creditCode ? checkedCreditCode(body.creditCode) : null
  if (body.buildingId && (await findBuildingGrid(ctx.db, Number(body.buildingId))) !== body.gridCode) {
    throw invalidInput([{ field: 'buildingId', message: '楼栋不存在或不在该网格' }])
  }
  if (creditCode && (await findVenueByCreditCode(ctx.db, creditCode))) throw new AppError('VENUE_CREDIT_CODE_TAKEN')
  const pii = ctx.deps.pii
  const v = await commitChange<VenueRow>(ctx, {
    entityId: (x) => x.id,
    apply: (tx) =>
      insertVenue(tx, {
        gridCode: body.gridCode,
        buildingId: body.buildingId ? Number(body.buildingId) : null,
        name: body.name.trim(),
        kind: body.kind,
        smallVenueType: body.smallVenueType ?? null,
        keyTypes: body.keyTypes ?? [],
        address: body.address.trim(),
        creditCode,
        responsibleName: body.responsibleName.trim(),
        responsiblePhoneEnc: body.responsiblePhone ? pii.encrypt(body.responsiblePhone) : null,
        responsiblePhoneIdx: body.responsiblePhone ? pii.blindIndex(body.responsiblePhone) : null,
        employees: body.employees ?? null,
        note: body.note?.trim() || null,
        createdAt: ctx.now,
      }),
    conflict: { code: 'VENUE_CREDIT_CODE_TAKEN' },
    event: { write: timeline, entry: { action: 'create', fromStatus: null, toStatus: 'open', fields: { kind: body.kind } } },
    audit: (x) => ({ action: 'venue.create', entityType: VENUE, after: audited(ctx, x) }),
  })
  return getVenue(ctx, v.id)
}

/** A venue the caller records changes to: 404 → 409. */
async function recordedVenue(ctx: Ctx, id: number, version: number) {
  authorize(ctx.actor, 'venue.record')
  const r = await visibleVenue(ctx, id)
  sameVersion(r.venue.version, version)
  return r.venue
}

export async function updateVenue(ctx: Ctx, id: number, body: UpdateVenueBody): Promise<Venue> {
  const v = await recordedVenue(ctx, id, body.version)
  const { version, responsiblePhone, creditCode, ...rest } = body
  const patch: Partial<VenueInsert> = Object.fromEntries(Object.entries(rest).filter(([, x]) => x !== undefined)) as Partial<VenueInsert>
  if (creditCode !== undefined) patch.creditCode = creditCode === null ? null : checkedCreditCode(creditCode)
  if (responsiblePhone !== undefined) {
    patch.responsiblePhoneEnc = responsiblePhone === null ? null : ctx.deps.pii.encrypt(responsiblePhone)
    patch.responsiblePhoneIdx = responsiblePhone === null ? null : ctx.deps.pii.blindIndex(responsiblePhone)
  }
  if (!Object.keys(patch).length) throw invalidInput([{ message: '没有需要修改的内容' }], '没有需要修改的内容')
  const kind = patch.kind ?? v.kind
  // a kind changed away from 九小场所 drops its type
  if (patch.kind && patch.kind !== 'smallVenue' && body.smallVenueType === undefined) patch.smallVenueType = null
  checkKind(kind, patch.smallVenueType !== undefined ? patch.smallVenueType : v.smallVenueType)
  if (patch.creditCode && patch.creditCode !== v.creditCode) {
    const other = await findVenueByCreditCode(ctx.db, patch.creditCode)
    if (other && other.id !== id) throw new AppError('VENUE_CREDIT_CODE_TAKEN')
  }
  await commitChange(ctx, {
    entityId: id,
    apply: (tx) => updateVenueVersioned(tx, id, version, patch),
    conflict: { message: STALE_RECORD },
    event: { write: timeline, entry: { action: 'update', fromStatus: v.status, toStatus: v.status, fields: { changed: Object.keys(body).filter((k) => k !== 'version') } } },
    audit: (x) => ({ action: 'venue.update', entityType: VENUE, before: audited(ctx, v), after: audited(ctx, x) }),
  })
  return getVenue(ctx, id)
}

/** POST /venues/:id/close — 停业/注销 (kept in the register with its date). */
export async function closeVenue(ctx: Ctx, id: number, body: CloseVenueBody): Promise<Venue> {
  const v = await recordedVenue(ctx, id, body.version)
  if (v.status === 'closed') throw new AppError('VENUE_CLOSED')
  await commitChange(ctx, {
    entityId: id,
    apply: (tx) => updateVenueVersioned(tx, id, body.version, { status: 'closed', closedAt: body.date, ...(body.note ? { note: body.note } : {}) }),
    conflict: { message: STALE_RECORD },
    event: { write: timeline, entry: { action: 'close', fromStatus: 'open', toStatus: 'closed', fields: { date: body.date }, comment: body.note ?? null } },
    audit: { action: 'venue.close', entityType: VENUE, before: { status: 'open' }, after: { status: 'closed', closedAt: body.date, note: body.note ?? null } },
  })
  return getVenue(ctx, id)
}

/** POST /venues/:id/reveal — the responsible person's phone in full, for community and grid staff; audited. */
export async function revealVenueField(ctx: Ctx, id: number, field: 'responsiblePhone'): Promise<{ field: string; value: string | null }> {
  authorize(ctx.actor, 'venue.read')
  const r = await visibleVenue(ctx, id)
  authorize(ctx.actor, 'venue.reveal')
  await recordAudit(ctx, ctx.db, { action: 'venue.reveal', entityType: VENUE, entityId: id, detail: { field } })
  return { field, value: r.venue.responsiblePhoneEnc ? ctx.deps.pii.decrypt(r.venue.responsiblePhoneEnc) : null }
}
