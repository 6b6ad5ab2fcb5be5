/** Opaque keyset cursors: base64url JSON of the last row's sort key. */
import { badRequest } from '../errors'

export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url')
}

export function decodeCursor<T extends Record<string, string | number>>(
  cursor: string | undefined,
  check: (v: Record<string, unknown>) => v is T,
): T | undefined {
  if (cursor === undefined) return undefined
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown
    if (v && typeof v === 'object' && check(v as Record<string, unknown>)) return v as T
  } catch {
    /* fall through */
  }
  throw badRequest('INVALID_CURSOR', '分页游标无效，请从第一页重新查询')
}
