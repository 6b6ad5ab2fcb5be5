/**
 * Opaque keyset cursors: base64url JSON of the last row's sort key. Decoding checks the exact
 * shape (safe integer ids, instants exactly as toISOString writes them) so that a hand-made cursor
 * is a 400, never a database error.
 */
import { AppError } from '../errors'

type FieldKind = 'id' | 'instant' | 'code'
type Shape = Record<string, FieldKind>
export type Decoded<S extends Shape> = { [K in keyof S]: S[K] extends 'id' ? number : string }

/** a text key (a department code such as 520402-zjj) */
const CODE = /^[0-9A-Za-z_-]{1,64}$/

const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/

export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url')
}

function fits(kind: FieldKind, v: unknown): boolean {
  if (kind === 'id') return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0
  if (kind === 'code') return typeof v === 'string' && CODE.test(v)
  // an instant the database takes and that means something here: 1970–2100
  return typeof v === 'string' && INSTANT.test(v) && !Number.isNaN(Date.parse(v)) && v >= '1970' && v < '2101'
}

export function decodeCursor<S extends Shape>(cursor: string | undefined, shape: S): Decoded<S> | undefined {
  if (cursor === undefined) return undefined
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>
      const keys = Object.keys(shape)
      if (Object.keys(o).length === keys.length && keys.every((k) => fits(shape[k]!, o[k]))) return o as Decoded<S>
    }
  } catch {
    /* fall through */
  }
  throw new AppError('INVALID_CURSOR', '分页游标无效，请从第一页重新查询')
}
