/** Opaque keyset cursors: what a list hands out comes back intact; anything else is a 400. */
import { describe, expect, it } from 'vitest'
import { AppError } from '../errors'
import { decodeCursor, encodeCursor } from './cursor'

function errorOf(f: () => unknown): AppError {
  try {
    f()
  } catch (e) {
    if (e instanceof AppError) return e
    throw e
  }
  throw new Error('expected an AppError')
}

describe('cursors', () => {
  it('round-trip the sort key a list hands out', () => {
    const key = { t: '2026-11-23T01:30:00.000Z', id: 12345 }
    expect(decodeCursor(encodeCursor(key), { t: 'instant', id: 'id' })).toEqual(key)
    expect(decodeCursor(encodeCursor({ id: 7 }), { id: 'id' })).toEqual({ id: 7 })
  })

  it('are URL-safe and short enough for the list query', () => {
    const c = encodeCursor({ t: new Date('2026-11-23T01:30:00Z').toISOString(), id: Number.MAX_SAFE_INTEGER })
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(c.length).toBeLessThanOrEqual(200)
  })

  it('absent means the first page', () => {
    expect(decodeCursor(undefined, { id: 'id' })).toBeUndefined()
  })

  it.each([
    ['not base64 JSON', 'not-a-cursor'],
    ['empty', ''],
    ['JSON null', Buffer.from('null').toString('base64url')],
    ['a JSON number', Buffer.from('42').toString('base64url')],
    ['a JSON array', Buffer.from('[1]').toString('base64url')],
    ['an id that is a string', encodeCursor({ t: '2026-11-23T01:30:00.000Z', id: 'abc' })],
    ['an id that is not an integer', encodeCursor({ t: '2026-11-23T01:30:00.000Z', id: 1.5 })],
    ['a negative id', encodeCursor({ t: '2026-11-23T01:30:00.000Z', id: -1 })],
    ['an id beyond 2^53', Buffer.from('{"t":"2026-11-23T01:30:00.000Z","id":9007199254740993}').toString('base64url')],
    ['a time that is not an instant', encodeCursor({ t: 'yesterday', id: 1 })],
    ['an impossible instant', encodeCursor({ t: '2026-13-45T01:30:00.000Z', id: 1 })],
    ['a missing field', encodeCursor({ id: 1 })],
    ['an extra field', encodeCursor({ t: '2026-11-23T01:30:00.000Z', id: 1, x: 1 })],
  ])('%s is a 400 INVALID_CURSOR with a Chinese message', (_what, cursor) => {
    const e = errorOf(() => decodeCursor(cursor, { t: 'instant', id: 'id' }))
    expect(e.status).toBe(400)
    expect(e.code).toBe('INVALID_CURSOR')
    expect(e.messageZh).toMatch(/游标/)
  })
})
