/** Keyset paging, newest first: the rows after a cursor of (time, id) — never OFFSET (DOMAIN §3.4). */
import { and, eq, gt, lt, or, type Column, type SQL } from 'drizzle-orm'

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
