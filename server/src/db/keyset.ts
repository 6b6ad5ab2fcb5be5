/** Keyset paging, newest first: the rows after a cursor of (time, id) — never OFFSET (DOMAIN §3.4). */
import { and, eq, gt, lt, or, sql, type Column, type SQL } from 'drizzle-orm'

/** Rows strictly after the cursor in (time DESC, id DESC) order; no condition without a cursor. */
export function olderThan(time: Column, id: Column, cursor: { t: string; id: number } | undefined): SQL | undefined {
  if (!cursor) return undefined
  const at = new Date(cursor.t)
  return or(lt(time, at), and(eq(time, at), lt(id, cursor.id)))
}

/** Keyset paging in ascending key order (registers listed by id or code): the rows after the cursor's key. */
export function after(key: Column, cursorKey: number | string | undefined): SQL | undefined {
  return cursorKey === undefined ? undefined : gt(key, cursorKey)
}

/**
 * Newest first, in the order our indexes are built: drizzle's `.desc()` index column is `DESC NULLS LAST`,
 * while a plain `ORDER BY … DESC` means NULLS FIRST, which no index matches — PostgreSQL then reads and
 * sorts every match (a grid's whole backlog, an inbox of 100,000) to hand back its first page.
 */
export function newestFirst(...columns: Column[]): SQL[] {
  return columns.map((c) => sql`${c} DESC NULLS LAST`)
}
