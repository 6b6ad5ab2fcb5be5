/**
 * The steps every register use case shares: where the caller may read and keep, the grid or community
 * a record hangs from, keyset pages, and the three changes (create, update, remove) committed through
 * the core with their audit rows.
 */
import type { Ctx } from '../../context'
import { commitChange, sameVersion, STALE_RECORD } from '../../core'
import { isForeignKeyViolation, type Db } from '../../db/client'
import { AppError, invalidInput, notFound } from '../../errors'
import { encodeCursor } from '../../lib/cursor'
import { authorize } from '../../permissions'
import type { PageOf } from '#contracts/common'
import type { ErrorCode } from '#contracts/errors'
import { findGrid, findRegion } from '../places'

export const OUT_OF_SCOPE = '记录不存在或不在您的辖区内'

/** (the core's; the register files take it from here with the rest of their steps) */
export { sameVersion }

/** The place a list reads (the caller's own unless narrowed), after the read checks: 403 role, 404 place. */
export function readPlace(ctx: Ctx, place: string | undefined): string {
  authorize(ctx.actor, 'registry.read')
  const code = place ?? ctx.actor.placeCode!
  authorize(ctx.actor, 'registry.place', code)
  return code
}

/** A record's place, for a keeper: 403 for a role that keeps nothing, 404 outside the caller's place. */
export function keepAt(ctx: Ctx, placeCode: string): void {
  authorize(ctx.actor, 'registry.keep')
  authorize(ctx.actor, 'registry.place', placeCode)
}

/** A live grid the caller keeps: 404 when missing or out of scope, 422 when retired. */
export async function keptGrid(ctx: Ctx, gridCode: string) {
  keepAt(ctx, gridCode)
  const g = await findGrid(ctx.db, gridCode)
  if (!g) throw notFound('网格不存在或不在您的辖区内')
  if (g.retiredAt) throw new AppError('GRID_RETIRED')
  return g
}

/** A community the caller keeps: 404 when missing or out of scope. */
export async function keptCommunity(ctx: Ctx, communityCode: string) {
  keepAt(ctx, communityCode)
  const c = await findRegion(ctx.db, communityCode)
  if (!c || c.level !== 'community') throw notFound('社区不存在或不在您的辖区内')
  return c
}

/** The county the caller's county-level lists read: the one asked for, or the caller's own. */
export function countyOf(ctx: Ctx, asked: string | undefined): string {
  const county = asked ?? (ctx.actor.placeCode && ctx.actor.placeCode.length >= 6 ? ctx.actor.placeCode.slice(0, 6) : undefined)
  if (!county) throw invalidInput([{ field: 'county', message: '请指定县级代码' }])
  authorize(ctx.actor, 'registry.countyReach', county)
  return county
}

/** One page of a register listed in key order. */
export async function pageOf<Row, Item>(
  rows: Row[],
  limit: number,
  present: (r: Row) => Item,
  keyOf: (r: Row) => Record<string, number | string>,
  total: (() => Promise<number>) | undefined,
): Promise<PageOf<Item>> {
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    items: page.map(present),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null,
    ...(total ? { total: await total() } : {}),
  }
}

/** The fields a PATCH body sets (everything but the version); an empty one is a 400. */
export function patchOf<B extends { version: number }>(body: B): Omit<B, 'version'> {
  const { version: _version, ...rest } = body
  const patch = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Omit<B, 'version'>
  if (Object.keys(patch).length === 0) throw invalidInput([{ message: '没有需要修改的内容' }], '没有需要修改的内容')
  return patch
}

const pick = (row: object, keys: string[]) => Object.fromEntries(keys.map((k) => [k, (row as Record<string, unknown>)[k] ?? null]))

/** Insert a record, audited as `<type>.create` with what was written. */
export function commitCreate<Row extends { id: number | string }>(
  ctx: Ctx,
  entityType: string,
  apply: (tx: Db) => Promise<Row | undefined>,
  o: { conflict?: { code: ErrorCode; message?: string }; audited?: (r: Row) => unknown; after?: (tx: Db, r: Row) => Promise<void> } = {},
): Promise<Row> {
  return commitChange(ctx, {
    entityId: (r) => r.id,
    apply,
    ...(o.conflict ? { conflict: o.conflict } : {}),
    audit: (r) => ({ action: `${entityType}.create`, entityType, after: o.audited ? o.audited(r) : r }),
    ...(o.after ? { after: o.after } : {}),
  })
}

/** A versioned update, audited as `<type>.update` (or the action given) with the changed fields before and after. */
export function commitUpdate<Row extends object>(
  ctx: Ctx,
  o: {
    entityType: string
    id: number | string
    action?: string
    before: Row
    fields: string[]
    apply: (tx: Db) => Promise<Row | undefined>
    after?: (tx: Db, r: Row) => Promise<void>
    detail?: unknown
  },
): Promise<Row> {
  return commitChange(ctx, {
    entityId: o.id,
    apply: o.apply,
    conflict: { message: STALE_RECORD },
    audit: (r) => ({
      action: `${o.entityType}.${o.action ?? 'update'}`,
      entityType: o.entityType,
      before: pick(o.before, o.fields),
      after: pick(r, o.fields),
      ...(o.detail !== undefined ? { detail: o.detail } : {}),
    }),
    ...(o.after ? { after: o.after } : {}),
  })
}

/** A versioned removal after the in-use check, audited as `<type>.remove` with the row removed. */
export async function commitRemove<Row extends object>(
  ctx: Ctx,
  o: {
    entityType: string
    id: number | string
    version: number
    current: Row & { version: number }
    /** whether anything still refers to it (checked in the removal's transaction) */
    inUse: (tx: Db) => Promise<boolean>
    inUseCode: ErrorCode
    apply: (tx: Db) => Promise<Row | undefined>
    after?: (tx: Db, r: Row) => Promise<void>
  },
): Promise<{ id: string; removed: true }> {
  sameVersion(o.current.version, o.version)
  try {
    await commitChange(ctx, {
      entityId: o.id,
      apply: async (tx) => {
        if (await o.inUse(tx)) throw new AppError(o.inUseCode)
        return o.apply(tx)
      },
      conflict: { message: STALE_RECORD },
      audit: (r) => ({ action: `${o.entityType}.remove`, entityType: o.entityType, before: r }),
      ...(o.after ? { after: o.after } : {}),
    })
  } catch (e) {
    // something came to refer to it between the check and the delete
    if (isForeignKeyViolation(e)) throw new AppError(o.inUseCode)
    throw e
  }
  return { id: String(o.id), removed: true }
}
