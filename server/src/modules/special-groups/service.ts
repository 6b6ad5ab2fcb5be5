/**
 * 特殊人群: typed, sensitive sub-records of a resident. Who sees which kind is the policy's table
 * (permissions/policies/special-group.ts): a record the caller may not see is 404, and a kind the caller may not
 * see never appears in a list or a count. Every read leaves an audit row (a list: one row naming the ids it
 * returned; a detail: one row; the unmasked read through /full: one row marked unmasked). Every change commits
 * with its timeline event and audit row (details masked in the audit: never a cipher, never a crime).
 */
import { Value } from 'typebox/value'
import type { Ctx } from '../../context'
import type { Db } from '../../db/client'
import type { FigureScope } from '../../db/figures'
import type { Pii } from '../../lib/pii'
import { commitChange, recordAudit, sharedTimeline } from '../../core'
import { AppError, invalidInput, notFound } from '../../errors'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { isValidIdNumber, normalizeIdNumber } from '../../lib/id-number'
import { authorize, can, readableSpecialGroupKinds, writableSpecialGroupKinds, fullReadableSpecialGroupKinds } from '../../permissions'
import type { PageOf } from '#contracts/common'
import { SPECIAL_GROUP_NAMES, specialGroupCategory, type SpecialGroupKind } from '#contracts/ledger-names'
import {
  SPECIAL_GROUP_DETAILS,
  type CreateSpecialGroupBody,
  type EndSpecialGroupBody,
  type ListSpecialGroupsQuery,
  type SpecialGroup,
  type SpecialGroupAbilities,
  type SpecialGroupCounts,
  type SpecialGroupCountsQuery,
  type UpdateSpecialGroupBody,
} from '#contracts/special-groups'
import { auditedDetails, presentSpecialGroup, readDetails, storedDetails } from './presenter'
import {
  countActiveByKind,
  countSpecialGroupFigures,
  countSpecialGroups,
  findResidentByIdIndex,
  findResidentForGroup,
  findSpecialGroup,
  insertSpecialGroup,
  listSpecialGroups,
  updateSpecialGroupVersioned,
  type SpecialGroupFilter,
  type SpecialGroupRow,
  type SpecialGroupWithPerson,
} from './queries'

export const ENTITY = 'specialGroup'
const timeline = sharedTimeline(ENTITY)
const HIDDEN = '特殊人群记录不存在或无权查看'
const CONFLICT = '该记录已被他人更新，请刷新后重试'

const factsOf = (g: SpecialGroupRow) => ({ kind: g.kind as SpecialGroupKind, gridCode: g.gridCode })

/** The kind's own details, checked against its schema (400 with the fields that are wrong). */
export function checkDetails(kind: SpecialGroupKind, details: Record<string, unknown>): Record<string, unknown> {
  const schema = SPECIAL_GROUP_DETAILS[kind]
  if (Value.Check(schema, details)) return details
  const errors = [...Value.Errors(schema, details)].slice(0, 10)
  throw invalidInput(
    errors.map((e) => ({ field: `details${e.instancePath.replace(/\//g, '.')}`, message: `${SPECIAL_GROUP_NAMES[kind]}的专项信息不正确：${e.message}` })),
    `${SPECIAL_GROUP_NAMES[kind]}的专项信息不正确`,
  )
}

/** A record the caller may read, or 404 (missing and out of sight read alike). */
async function loadVisible(ctx: Ctx, id: number): Promise<SpecialGroupWithPerson> {
  const row = await findSpecialGroup(ctx.db, id)
  if (!row || !can(ctx.actor, 'special-group.read', factsOf(row.group))) throw notFound(HIDDEN)
  return row
}

/** GET /special-groups/:id — masked, audited. */
export async function getSpecialGroup(ctx: Ctx, id: number): Promise<SpecialGroup> {
  authorize(ctx.actor, 'special-group.list')
  const row = await loadVisible(ctx, id)
  await recordAudit(ctx, ctx.db, { action: `${ENTITY}.read`, entityType: ENTITY, entityId: id, detail: { kind: row.group.kind, residentId: String(row.group.residentId), masked: true } })
  return presentSpecialGroup(ctx.actor, ctx.deps.pii, row)
}

/** GET /special-groups/:id/full — unmasked, for the kind's keepers only, audited as an unmasked read. */
export async function getSpecialGroupFull(ctx: Ctx, id: number): Promise<SpecialGroup> {
  authorize(ctx.actor, 'special-group.list')
  const row = await loadVisible(ctx, id)
  authorize(ctx.actor, 'special-group.readFull', factsOf(row.group))
  await recordAudit(ctx, ctx.db, {
    action: `${ENTITY}.readFull`,
    entityType: ENTITY,
    entityId: id,
    detail: { kind: row.group.kind, residentId: String(row.group.residentId), masked: false, fields: ['idNumber', 'phone', 'details'] },
  })
  return presentSpecialGroup(ctx.actor, ctx.deps.pii, row, true)
}

/** The filter of a list: the caller's readable kinds narrowed by the query, under the caller's place. */
function filterOf(ctx: Ctx, q: Pick<ListSpecialGroupsQuery, 'kind' | 'category' | 'level' | 'status' | 'place' | 'residentId' | 'q'>): SpecialGroupFilter | null {
  const readable = readableSpecialGroupKinds(ctx.actor)
  const kinds = readable.filter((k) => (!q.kind || k === q.kind) && (!q.category || specialGroupCategory(k) === q.category))
  if (q.place && !q.place.startsWith(ctx.actor.placeCode!)) throw notFound('地点不存在或不在您的辖区内')
  if (!kinds.length) return null
  const text = q.q?.trim()
  const asId = text ? normalizeIdNumber(text) : ''
  const byId = text !== undefined && /^[0-9]{17}[0-9X]$/.test(asId)
  if (byId && !isValidIdNumber(asId)) throw invalidInput([{ field: 'q', message: '身份证号校验不通过，请核对' }])
  return {
    kinds,
    placePrefix: q.place ?? ctx.actor.placeCode!,
    ...(q.level ? { level: q.level } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.residentId ? { residentId: Number(q.residentId) } : {}),
    ...(text ? (byId ? { idNumberIdx: ctx.deps.pii.blindIndex(asId) } : { name: text }) : {}),
  }
}

/** GET /special-groups — only the kinds the caller may read, under its place; one audit row naming the ids returned. */
export async function listSpecialGroupsForActor(ctx: Ctx, q: ListSpecialGroupsQuery): Promise<PageOf<SpecialGroup>> {
  authorize(ctx.actor, 'special-group.list')
  const limit = q.limit ?? 20
  const cursor = decodeCursor(q.cursor, { id: 'id' })
  const filter = filterOf(ctx, q)
  const rows = filter ? await listSpecialGroups(ctx.db, { ...filter, limit, ...(cursor ? { afterId: cursor.id } : {}) }) : []
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  await recordAudit(ctx, ctx.db, {
    action: `${ENTITY}.list`,
    entityType: ENTITY,
    detail: { ids: page.map((r) => String(r.group.id)), filter: { ...q, q: q.q ? '（已检索）' : undefined } },
  })
  return {
    items: page.map((r) => presentSpecialGroup(ctx.actor, ctx.deps.pii, r)),
    nextCursor: rows.length > limit && last ? encodeCursor({ id: last.group.id }) : null,
    ...(q.withTotal ? { total: filter ? await countSpecialGroups(ctx.db, filter) : 0 } : {}),
  }
}

/**
 * Every record of a filter, masked, for the export (GET /exports/special-groups): no audit row here — the export
 * writes one naming every id it returns. At most `max` rows.
 */
export async function listSpecialGroupsForExport(ctx: Ctx, q: Omit<ListSpecialGroupsQuery, 'limit' | 'cursor' | 'withTotal'>, max = 100_000): Promise<SpecialGroup[]> {
  authorize(ctx.actor, 'special-group.list')
  const filter = filterOf(ctx, q)
  if (!filter) return []
  const out: SpecialGroup[] = []
  let afterId: number | undefined
  for (;;) {
    const rows = await listSpecialGroups(ctx.db, { ...filter, limit: 500, ...(afterId !== undefined ? { afterId } : {}) })
    const page = rows.slice(0, 500)
    out.push(...page.map((r) => presentSpecialGroup(ctx.actor, ctx.deps.pii, r)))
    if (rows.length <= 500 || out.length >= max) return out.slice(0, max)
    afterId = page.at(-1)!.group.id
  }
}

/** GET /special-groups/counts — active records per readable kind. */
export async function countSpecialGroupsForActor(ctx: Ctx, q: SpecialGroupCountsQuery): Promise<SpecialGroupCounts> {
  authorize(ctx.actor, 'special-group.list')
  const kinds = readableSpecialGroupKinds(ctx.actor)
  if (q.place && !q.place.startsWith(ctx.actor.placeCode!)) throw notFound('地点不存在或不在您的辖区内')
  const rows = await countActiveByKind(ctx.db, { kinds, placePrefix: q.place ?? ctx.actor.placeCode! })
  const by = new Map(rows.map((r) => [r.kind, r.n]))
  return { items: kinds.map((kind) => ({ kind, kindName: SPECIAL_GROUP_NAMES[kind], active: by.get(kind) ?? 0 })) }
}

/** GET /special-groups/abilities — what the page offers this caller. */
export function specialGroupAbilities(ctx: Ctx): SpecialGroupAbilities {
  return { readable: readableSpecialGroupKinds(ctx.actor), writable: writableSpecialGroupKinds(ctx.actor), mayReadFull: fullReadableSpecialGroupKinds(ctx.actor) }
}

/** What a record's audit row keeps: masked details, never ciphers. */
const audited = (ctx: Ctx, g: SpecialGroupRow) => ({
  residentId: String(g.residentId),
  kind: g.kind,
  level: g.level,
  status: g.status,
  since: g.since,
  until: g.until,
  details: auditedDetails(ctx.deps.pii, (g.details ?? {}) as Record<string, unknown>),
})

/** The person a new record is for: by id, or by the full ID number under the caller's place. */
async function personOf(ctx: Ctx, body: CreateSpecialGroupBody) {
  if ((body.residentId === undefined) === (body.idNumber === undefined)) {
    throw invalidInput([{ field: 'residentId', message: '请填写居民（residentId）或身份证号（idNumber）其中之一' }])
  }
  if (body.residentId) return findResidentForGroup(ctx.db, Number(body.residentId))
  const id = normalizeIdNumber(body.idNumber!)
  if (!isValidIdNumber(id)) throw invalidInput([{ field: 'idNumber', message: '身份证号校验不通过，请核对' }])
  return findResidentByIdIndex(ctx.db, ctx.deps.pii.blindIndex(id), ctx.actor.placeCode ?? '-')
}

/** POST /special-groups — a record for a resident in the caller's place, of a kind the caller keeps. */
export async function createSpecialGroup(ctx: Ctx, body: CreateSpecialGroupBody): Promise<SpecialGroup> {
  // the kind first: a refused kind never learns, by a 409, that the person has such a record
  authorize(ctx.actor, 'special-group.writeKind', body.kind)
  const details = checkDetails(body.kind, body.details ?? {})
  const person = await personOf(ctx, body)
  if (!person || !can(ctx.actor, 'special-group.write', { kind: body.kind, gridCode: person.gridCode })) {
    throw new AppError('UNKNOWN_RESIDENT', undefined, [{ field: body.residentId ? 'residentId' : 'idNumber', message: '居民不存在或不在您的辖区内' }])
  }
  if (person.status !== 'present') throw new AppError('SPECIAL_GROUP_RESIDENT_GONE')
  const row = await commitChange(ctx, {
    entityId: (r: SpecialGroupRow) => r.id,
    apply: (tx) =>
      insertSpecialGroup(tx, {
        residentId: person.id,
        gridCode: person.gridCode,
        kind: body.kind,
        category: specialGroupCategory(body.kind),
        level: body.level ?? 'normal',
        details: storedDetails(ctx.deps.pii, details),
        since: body.since ?? null,
        note: body.note ?? null,
        createdByUserId: ctx.actor.userId,
        createdAt: ctx.now,
      }),
    conflict: { code: 'SPECIAL_GROUP_EXISTS' },
    event: { write: timeline, entry: { action: 'create', fromStatus: null, toStatus: 'active', fields: { kind: body.kind } } },
    audit: (r) => ({ action: `${ENTITY}.create`, entityType: ENTITY, after: audited(ctx, r) }),
  })
  return presentSpecialGroup(ctx.actor, ctx.deps.pii, (await findSpecialGroup(ctx.db, row.id))!)
}

/** A record the caller may change, in the order every workflow checks: 404 unseen → 409 stale → 422 ended → 403 not its keeper. */
async function loadWritable(ctx: Ctx, id: number, version: number): Promise<SpecialGroupRow> {
  authorize(ctx.actor, 'special-group.list')
  const g = (await loadVisible(ctx, id)).group
  if (g.version !== version) throw new AppError('VERSION_CONFLICT', CONFLICT)
  if (g.status !== 'active') throw new AppError('SPECIAL_GROUP_ENDED')
  authorize(ctx.actor, 'special-group.write', factsOf(g))
  return g
}

/** PATCH /special-groups/:id — level, details, since, note. */
export async function updateSpecialGroup(ctx: Ctx, id: number, body: UpdateSpecialGroupBody): Promise<SpecialGroup> {
  const g = await loadWritable(ctx, id, body.version)
  const kind = g.kind as SpecialGroupKind
  const patch: Partial<SpecialGroupRow> = {}
  if (body.level !== undefined) patch.level = body.level
  // the details given replace those fields; the fields not named are kept (a masked form cannot resend them)
  if (body.details !== undefined) {
    const kept = readDetails(ctx.deps.pii, (g.details ?? {}) as Record<string, unknown>, true)
    patch.details = storedDetails(ctx.deps.pii, checkDetails(kind, { ...kept, ...body.details }))
  }
  if (body.since !== undefined) patch.since = body.since
  if (body.note !== undefined) patch.note = body.note
  await commitChange(ctx, {
    entityId: id,
    apply: (tx) => updateSpecialGroupVersioned(tx, id, g.version, patch),
    conflict: { message: CONFLICT },
    event: { write: timeline, entry: { action: 'update', fromStatus: g.status, toStatus: g.status, fields: { changed: Object.keys(patch) } } },
    audit: (r) => ({ action: `${ENTITY}.update`, entityType: ENTITY, before: audited(ctx, g), after: audited(ctx, r) }),
  })
  return presentSpecialGroup(ctx.actor, ctx.deps.pii, (await findSpecialGroup(ctx.db, id))!)
}

/** POST /special-groups/:id/end — 解除: the record is kept, with its end date and reason. */
export async function endSpecialGroup(ctx: Ctx, id: number, body: EndSpecialGroupBody): Promise<SpecialGroup> {
  const g = await loadWritable(ctx, id, body.version)
  if (g.since && body.until < g.since) throw invalidInput([{ field: 'until', message: '解除日期不能早于起始日期' }])
  await commitChange(ctx, {
    entityId: id,
    apply: (tx) => updateSpecialGroupVersioned(tx, id, g.version, { status: 'ended', until: body.until, endReason: body.endReason.trim() }),
    conflict: { message: CONFLICT },
    event: { write: timeline, entry: { action: 'end', fromStatus: 'active', toStatus: 'ended', fields: { until: body.until, endReason: body.endReason } } },
    audit: (r) => ({ action: `${ENTITY}.end`, entityType: ENTITY, before: audited(ctx, g), after: audited(ctx, r) }),
  })
  return presentSpecialGroup(ctx.actor, ctx.deps.pii, (await findSpecialGroup(ctx.db, id))!)
}

/** A demo record (seed/demo-groups.ts). */
export interface DemoSpecialGroup {
  residentId: number
  gridCode: string
  kind: SpecialGroupKind
  level: string
  details: Record<string, unknown>
  since: string | null
}

/** The demo's records, inserted as the module stores them (details checked, phones encrypted). */
export async function insertDemoSpecialGroups(db: Db, pii: Pii, rows: DemoSpecialGroup[], at: Date): Promise<void> {
  for (const r of rows) {
    await insertSpecialGroup(db, {
      residentId: r.residentId,
      gridCode: r.gridCode,
      kind: r.kind,
      category: specialGroupCategory(r.kind),
      level: r.level,
      details: storedDetails(pii, checkDetails(r.kind, r.details)),
      since: r.since,
      isDemo: true,
      createdAt: at,
    })
  }
}

/**
 * The monthly tables' 特殊人群 figures (for the stats module): records in force per group and kind, of the kinds the
 * caller may read only — a managed kind never reaches a figure its readers would not see.
 */
export async function specialGroupFigures(ctx: Ctx, s: FigureScope): Promise<{ key: string; kind: SpecialGroupKind; n: number }[]> {
  const rows = await countSpecialGroupFigures(ctx.db, s, readableSpecialGroupKinds(ctx.actor))
  return rows.map((r) => ({ key: r.key, kind: r.kind as SpecialGroupKind, n: r.n }))
}
