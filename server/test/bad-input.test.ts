/**
 * Bad input, as a careless or hostile client sends it: broken JSON, wrong types, unknown fields,
 * huge and control-character strings, out-of-range paging, the wrong media type. Every answer must
 * be a clear 4xx with a stable code and a Chinese message, must name the offending field where there
 * is one, must never leak a stack trace or SQL — and must write nothing at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import type { LightMyRequestResponse } from 'fastify'
import { rowsOf } from '../src/db/client'
import { createTestApp, type TestApp } from './setup'
import { submitAppeal } from './appeal-helpers'
import { buildAdmin, buildCast, FACTORY_PASSWORD, type BuiltAccount } from './factories'
import type { Appeal } from '#contracts/appeals'
import type { ErrorBody } from '#contracts/common'

let t: TestApp
/** a resident of a new grid (whose username the login refusals use), and the grid's worker */
let residentAccount: BuiltAccount
let resident: string
let gridWorker: string
let auditAdmin: BuiltAccount
let appeal: Appeal

beforeAll(async () => {
  t = await createTestApp()
  const cast = await buildCast(t)
  residentAccount = cast.resident.account
  resident = residentAccount.token
  gridWorker = cast.gridWorker.token
  auditAdmin = await buildAdmin(t, 'auditAdmin')
  appeal = await submitAppeal(t, resident)
})
afterAll(async () => t?.close())

const WRITTEN_TABLES = ['appeal', 'appeal_event', 'appeal_file', 'audit_log', 'file', 'idempotency_key'] as const

async function rowCounts(): Promise<Record<string, number>> {
  const res = await t.database.db.execute(
    sql.raw(`select ${WRITTEN_TABLES.map((x) => `(select count(*)::int from ${x}) as ${x}`).join(', ')}`),
  )
  return rowsOf<Record<string, number>>(res)[0]!
}

/** What no error body may ever contain: stack traces, SQL, driver names. */
function expectNoLeak(raw: string) {
  expect(raw).not.toMatch(/stack/i)
  expect(raw).not.toMatch(/\bSELECT\b|\bINSERT\b|\bUPDATE\b/i)
  expect(raw).not.toMatch(/postgres|pglite|drizzle/i)
  expect(raw).not.toMatch(/\bat \S+ \(|\bat \/|node:internal|\.ts:\d+/)
}

/**
 * Send a request that must be refused: checks status, code, a Chinese message, no leak, and that
 * no row was written anywhere. Returns the error body for further checks.
 */
async function expectRefused(
  send: () => Promise<LightMyRequestResponse>,
  status: number,
  code: string,
): Promise<ErrorBody> {
  const before = await rowCounts()
  const res = await send()
  expect(res.statusCode, res.body).toBe(status)
  expect(res.headers['content-type']).toMatch(/^application\/json/)
  expectNoLeak(res.body)
  const body = res.json<ErrorBody>()
  expect(body.code).toBe(code)
  expect(body.message).toMatch(/[\u4e00-\u9fff]/)
  expect(Object.keys(body).every((k) => ['code', 'message', 'details'].includes(k))).toBe(true)
  expect(await rowCounts()).toEqual(before)
  return body
}

function fieldsOf(body: ErrorBody): string[] {
  return (body.details ?? []).map((d) => d.field ?? '')
}

/** POST a raw payload with an explicit content type. */
function postRaw(token: string | null, url: string, payload: string | Buffer, contentType = 'application/json') {
  return t.app.inject({
    method: 'POST',
    url,
    payload,
    headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  })
}

const goodAppeal = { categoryCode: 'elevator.fault', title: '3栋楼道灯不亮', description: '3栋2单元楼道灯坏了一周。' }
const createAppeal = (body: unknown) => () => t.request(resident, 'POST', '/api/v1/appeals', body)
const actOn = (body: unknown) => () => t.request(gridWorker, 'POST', `/api/v1/appeals/${appeal.id}/actions`, body)
const listAppeals = (query: string) => () => t.request(resident, 'GET', `/api/v1/appeals?${query}`)

describe('malformed JSON', () => {
  it.each([
    ['truncated', '{"categoryCode":"elevator.fault","title":"电梯'],
    ['trailing garbage', `${JSON.stringify(goodAppeal)}xyz`],
    ['two objects', `${JSON.stringify(goodAppeal)}${JSON.stringify(goodAppeal)}`],
    ['single quotes', "{'title':'电梯坏了'}"],
    ['a bare word', 'undefined'],
    ['a prototype-polluting key', '{"title":"x","__proto__":{"isAdmin":true}}'],
  ])('%s → 400 MALFORMED_JSON', async (_name, payload) => {
    await expectRefused(() => postRaw(resident, '/api/v1/appeals', payload), 400, 'MALFORMED_JSON')
  })

  it('an empty body declared as JSON → 400 MALFORMED_JSON', async () => {
    await expectRefused(() => postRaw(resident, '/api/v1/appeals', ''), 400, 'MALFORMED_JSON')
    await expectRefused(() => postRaw(null, '/api/v1/auth/login', ''), 400, 'MALFORMED_JSON')
  })

  it('malformed JSON on an action and on login → 400 MALFORMED_JSON', async () => {
    await expectRefused(() => postRaw(gridWorker, `/api/v1/appeals/${appeal.id}/actions`, '{"action":"accept",'), 400, 'MALFORMED_JSON')
    await expectRefused(() => postRaw(null, '/api/v1/auth/login', `{"username":"${residentAccount.username}" "password":"x"}`), 400, 'MALFORMED_JSON')
  })

  it('JSON that is not an object (null, an array, a string) → 400 VALIDATION_FAILED', async () => {
    for (const payload of ['null', '[]', '"电梯坏了"', '42']) {
      await expectRefused(() => postRaw(resident, '/api/v1/appeals', payload), 400, 'VALIDATION_FAILED')
    }
  })
})

describe('wrong types (bodies are not coerced)', () => {
  it.each([
    ['title', { ...goodAppeal, title: 123 }],
    ['isUrgent', { ...goodAppeal, isUrgent: 'yes' }],
    ['description', { ...goodAppeal, description: ['a', 'b'] }],
    ['lat', { ...goodAppeal, lat: '26.06' }],
    ['photoIds', { ...goodAppeal, photoIds: 'abc' }],
    ['people.0.name', { ...goodAppeal, people: [{ name: 7 }] }],
  ])('create appeal with a wrong %s → 400 naming it', async (field, body) => {
    const err = await expectRefused(createAppeal(body), 400, 'VALIDATION_FAILED')
    expect(fieldsOf(err)).toContain(field)
  })

  it('a missing required field is named', async () => {
    const err = await expectRefused(createAppeal({ categoryCode: 'elevator.fault', title: '电梯坏了' }), 400, 'VALIDATION_FAILED')
    expect(fieldsOf(err)).toContain('description')
    expect(err.details!.find((d) => d.field === 'description')!.message).toMatch(/[\u4e00-\u9fff]/)
  })

  it.each([
    ['version', { action: 'accept', version: '1' }],
    ['version', { action: 'accept', version: 1.5 }],
    ['version', { action: 'accept', version: 0 }],
    ['version', { action: 'accept' }],
    ['action', { action: 'approve', version: 1 }],
    ['action', { action: 7, version: 1 }],
    ['days', { action: 'requestExtension', version: 1, days: '3', reason: '需要采购配件' }],
  ])('an action with a wrong %s → 400 naming it', async (field, body) => {
    const err = await expectRefused(actOn(body), 400, 'VALIDATION_FAILED')
    expect(fieldsOf(err)).toContain(field)
  })

  it('login with a number for a password → 400 naming password', async () => {
    const err = await expectRefused(
      () => t.request(null, 'POST', '/api/v1/auth/login', { username: residentAccount.username, password: 12345678 }),
      400,
      'VALIDATION_FAILED',
    )
    expect(fieldsOf(err)).toContain('password')
  })

  it.each([
    ['limit', 'limit=abc'],
    ['limit', 'limit=1.5'],
    ['withTotal', 'withTotal=maybe'],
    ['status.0', 'status=open'],
    ['color.0', 'color=purple'],
    ['from', 'from=2026-02-30'],
    ['to', 'to=yesterday'],
    ['place', 'place=12345'],
  ])('list appeals with a bad %s → 400 naming it', async (field, query) => {
    const err = await expectRefused(listAppeals(query), 400, 'VALIDATION_FAILED')
    expect(fieldsOf(err)).toContain(field)
  })

  it('a non-numeric appeal id in the path → 400 naming id', async () => {
    const err = await expectRefused(() => t.request(resident, 'GET', '/api/v1/appeals/abc'), 400, 'VALIDATION_FAILED')
    expect(fieldsOf(err)).toContain('id')
    const err2 = await expectRefused(
      () => t.request(gridWorker, 'POST', '/api/v1/appeals/99999999999999999999/actions', { action: 'accept', version: 1 }),
      400,
      'VALIDATION_FAILED',
    )
    expect(fieldsOf(err2)).toContain('id')
  })
})

describe('unknown fields are refused, never dropped', () => {
  it('an unknown body field on create, on an action and on login is named', async () => {
    let err = await expectRefused(createAppeal({ ...goodAppeal, status: 'closed' }), 400, 'VALIDATION_FAILED')
    expect(fieldsOf(err)).toContain('status')
    err = await expectRefused(createAppeal({ ...goodAppeal, people: [{ name: '张三', idNumber: '520423199001011234' }] }), 400, 'VALIDATION_FAILED')
    expect(fieldsOf(err)).toContain('people.0.idNumber')
    err = await expectRefused(actOn({ action: 'accept', version: appeal.version, color: 'red' }), 400, 'VALIDATION_FAILED')
    expect(fieldsOf(err)).toContain('color')
    err = await expectRefused(
      () => t.request(null, 'POST', '/api/v1/auth/login', { username: residentAccount.username, password: FACTORY_PASSWORD, remember: true }),
      400,
      'VALIDATION_FAILED',
    )
    expect(fieldsOf(err)).toContain('remember')
  })

  it('an unknown query parameter is named', async () => {
    let err = await expectRefused(listAppeals('sort=createdAt'), 400, 'VALIDATION_FAILED')
    expect(fieldsOf(err)).toContain('sort')
    err = await expectRefused(() => t.request(gridWorker, 'GET', '/api/v1/residents?age=80'), 400, 'VALIDATION_FAILED')
    expect(fieldsOf(err)).toContain('age')
  })
})

describe('huge input', () => {
  it('a title of 101 characters and a description of 2001 are refused, naming the field', async () => {
    let err = await expectRefused(createAppeal({ ...goodAppeal, title: '电'.repeat(101) }), 400, 'VALIDATION_FAILED')
    expect(fieldsOf(err)).toContain('title')
    err = await expectRefused(createAppeal({ ...goodAppeal, description: 'x'.repeat(2001) }), 400, 'VALIDATION_FAILED')
    expect(fieldsOf(err)).toContain('description')
    // the limits themselves are accepted
    const ok = await t.request(resident, 'POST', '/api/v1/appeals', { ...goodAppeal, title: '电'.repeat(100), description: 'x'.repeat(2000) })
    expect(ok.statusCode, ok.body).toBe(201)
  })

  it('a blank title is refused', async () => {
    const err = await expectRefused(createAppeal({ ...goodAppeal, title: '   ' }), 400, 'VALIDATION_FAILED')
    expect(fieldsOf(err)).toContain('title')
  })

  it('too many photos or people are refused', async () => {
    const photoIds = Array.from({ length: 10 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`)
    let err = await expectRefused(createAppeal({ ...goodAppeal, photoIds }), 400, 'VALIDATION_FAILED')
    expect(fieldsOf(err)).toContain('photoIds')
    err = await expectRefused(createAppeal({ ...goodAppeal, people: Array.from({ length: 21 }, () => ({ name: '张三' })) }), 400, 'VALIDATION_FAILED')
    expect(fieldsOf(err)).toContain('people')
  })

  it('a 2 MB body → 413 PAYLOAD_TOO_LARGE', async () => {
    const huge = JSON.stringify({ ...goodAppeal, description: 'x'.repeat(2 * 1024 * 1024) })
    await expectRefused(() => postRaw(resident, '/api/v1/appeals', huge), 413, 'PAYLOAD_TOO_LARGE')
    await expectRefused(() => postRaw(null, '/api/v1/auth/login', huge), 413, 'PAYLOAD_TOO_LARGE')
  })

  it('a huge query string value is refused', async () => {
    const err = await expectRefused(listAppeals(`q=${'电'.repeat(5000)}`), 400, 'VALIDATION_FAILED')
    expect(fieldsOf(err)).toContain('q')
  })
})

describe('NUL bytes and control characters', () => {
  it.each([
    ['title', { ...goodAppeal, title: '电梯\u0000坏了' }],
    ['description', { ...goodAppeal, description: '电梯坏了\u0000' }],
    ['title', { ...goodAppeal, title: '电梯\u001b[31m坏了' }],
    ['title', { ...goodAppeal, title: '电梯\u0007坏了' }],
    ['address', { ...goodAppeal, address: '北街\u0000' }],
    ['contactName', { ...goodAppeal, contactName: '张\u0000三' }],
    ['people.0.name', { ...goodAppeal, people: [{ name: '李\u0000四' }] }],
    ['categoryCode', { ...goodAppeal, categoryCode: 'elevator\u0000.fault' }],
  ])('%s with a control character → 400 naming it', async (field, body) => {
    const err = await expectRefused(createAppeal(body), 400, 'VALIDATION_FAILED')
    expect(fieldsOf(err)).toContain(field)
  })

  it('a lone UTF-16 surrogate (not storable as UTF-8) → 400 naming the field; a real emoji is fine', async () => {
    const raw = `{"categoryCode":"elevator.fault","title":"电梯\\ud800坏了","description":"楼道灯坏了"}`
    const err = await expectRefused(() => postRaw(resident, '/api/v1/appeals', raw), 400, 'VALIDATION_FAILED')
    expect(fieldsOf(err)).toContain('title')
    const ok = await t.request(resident, 'POST', '/api/v1/appeals', { ...goodAppeal, title: '电梯坏了😢' })
    expect(ok.statusCode, ok.body).toBe(201)
    expect(ok.json<Appeal>().title).toBe('电梯坏了😢')
  })

  it('tabs and newlines in free text are still allowed', async () => {
    const res = await t.request(resident, 'POST', '/api/v1/appeals', { ...goodAppeal, description: '第一行\n第二行\r\n\t缩进' })
    expect(res.statusCode, res.body).toBe(201)
  })

  it('NUL in an action comment, a login username or password → 400', async () => {
    let err = await expectRefused(actOn({ action: 'accept', version: appeal.version, comment: '已\u0000受理' }), 400, 'VALIDATION_FAILED')
    expect(fieldsOf(err)).toContain('comment')
    err = await expectRefused(
      () => t.request(null, 'POST', '/api/v1/auth/login', { username: `${residentAccount.username}\u0000`, password: FACTORY_PASSWORD }),
      400,
      'VALIDATION_FAILED',
    )
    expect(fieldsOf(err)).toContain('username')
    err = await expectRefused(
      () => t.request(null, 'POST', '/api/v1/auth/login', { username: residentAccount.username, password: `${FACTORY_PASSWORD}\u0000` }),
      400,
      'VALIDATION_FAILED',
    )
    expect(fieldsOf(err)).toContain('password')
  })

  it('NUL and control characters in query strings → 400, no database error', async () => {
    for (const [field, query] of [
      ['q', 'q=%00'],
      ['q', 'q=%E7%94%B5%00%E6%A2%AF'],
      ['q', 'q=%1B'],
      ['category', 'category=elevator%00'],
      ['place', 'place=520423%00'],
      ['cursor', 'cursor=%00'],
    ] as const) {
      const err = await expectRefused(listAppeals(query), 400, 'VALIDATION_FAILED')
      expect(fieldsOf(err)).toContain(field)
    }
    for (const [field, query] of [
      ['name', 'name=%00'],
      ['tag', 'tag=%07'],
    ] as const) {
      const err = await expectRefused(() => t.request(gridWorker, 'GET', `/api/v1/residents?${query}`), 400, 'VALIDATION_FAILED')
      expect(fieldsOf(err)).toContain(field)
    }
  })

  it('NUL in a path parameter → 400', async () => {
    await expectRefused(() => t.request(resident, 'GET', '/api/v1/appeals/1%00'), 400, 'VALIDATION_FAILED')
    await expectRefused(() => t.request(resident, 'GET', '/api/v1/files/%00'), 400, 'VALIDATION_FAILED')
  })

  it('an Idempotency-Key with spaces or quotes → 400 naming the header', async () => {
    const err = await expectRefused(
      () => t.request(resident, 'POST', '/api/v1/appeals', goodAppeal, { 'idempotency-key': "abc def'; --" }),
      400,
      'VALIDATION_FAILED',
    )
    expect(fieldsOf(err)).toContain('idempotency-key')
  })
})

describe('paging', () => {
  it.each(['limit=0', 'limit=101', 'limit=-1', 'limit=1e3', 'limit='])('%s → 400 naming limit', async (query) => {
    const err = await expectRefused(listAppeals(query), 400, 'VALIDATION_FAILED')
    expect(fieldsOf(err)).toContain('limit')
  })

  it('limit=1 and limit=100 are accepted, and the cursor handed out works', async () => {
    await submitAppeal(t, resident, { title: '第二件诉求' })
    const first = await t.request(resident, 'GET', '/api/v1/appeals?limit=1')
    expect(first.statusCode, first.body).toBe(200)
    const page = first.json<{ items: Appeal[]; nextCursor: string | null }>()
    expect(page.items).toHaveLength(1)
    expect(page.nextCursor).toEqual(expect.any(String))
    const next = await t.request(resident, 'GET', `/api/v1/appeals?limit=100&cursor=${page.nextCursor}`)
    expect(next.statusCode, next.body).toBe(200)
    expect(next.json<{ items: Appeal[] }>().items.map((a) => a.id)).not.toContain(page.items[0]!.id)
  })

  it('a cursor with characters outside base64url → 400 naming cursor', async () => {
    const err = await expectRefused(listAppeals('cursor=not%20a%20cursor!'), 400, 'VALIDATION_FAILED')
    expect(fieldsOf(err)).toContain('cursor')
    const err2 = await expectRefused(listAppeals(`cursor=${'A'.repeat(201)}`), 400, 'VALIDATION_FAILED')
    expect(fieldsOf(err2)).toContain('cursor')
  })

  const b64 = (s: string) => Buffer.from(s).toString('base64url')
  it.each([
    ['garbage', 'garbage'],
    ['base64 of non-JSON', b64('hello world')],
    ['JSON of the wrong shape', b64(JSON.stringify({ a: 1 }))],
    ['an array', b64(JSON.stringify([1, 2]))],
    ['null', b64('null')],
    ['the id as a string', b64(JSON.stringify({ t: '2026-11-23T01:30:00.000Z', id: '1' }))],
    ['a fractional id', b64(JSON.stringify({ t: '2026-11-23T01:30:00.000Z', id: 1.5 }))],
    ['a date that is not a date', b64(JSON.stringify({ t: 'yesterday', id: 1 }))],
  ])('a cursor that is %s → 400 INVALID_CURSOR', async (_name, cursor) => {
    await expectRefused(listAppeals(`cursor=${cursor}`), 400, 'INVALID_CURSOR')
  })

  it('a cursor with a negative id was never handed out: 400 INVALID_CURSOR', async () => {
    const res = await t.request(resident, 'GET', `/api/v1/appeals?cursor=${b64(JSON.stringify({ t: '2026-11-23T01:30:00.000Z', id: -1 }))}`)
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json().code).toBe('INVALID_CURSOR')
  })

  // Hand-made cursors holding values PostgreSQL cannot read (an id past bigint, a time string
  // Date.parse accepts but PostgreSQL does not) are refused by the shape check, never a 500.
  const unreadableCursors = [
    ['an id beyond bigint', b64(JSON.stringify({ t: '2026-11-23T01:30:00.000Z', id: 1e20 }))],
    ['a time PostgreSQL cannot read', b64(JSON.stringify({ t: '0', id: 1 }))],
    ['a time in year 275760', b64(JSON.stringify({ t: '+275760-09-13T00:00:00.000Z', id: 1 }))],
  ] as const
  it.each(unreadableCursors)('a cursor with %s → 400 INVALID_CURSOR, never a database error', async (_name, cursor) => {
    await expectRefused(listAppeals(`cursor=${cursor}`), 400, 'INVALID_CURSOR')
  })

  it('even those cursors leak nothing and write nothing', async () => {
    for (const [, cursor] of unreadableCursors) {
      const before = await rowCounts()
      const res = await t.request(resident, 'GET', `/api/v1/appeals?cursor=${cursor}`)
      expect(res.statusCode).toBeGreaterThanOrEqual(400)
      expectNoLeak(res.body)
      expect(res.json<ErrorBody>().code).toMatch(/^[A-Z_]+$/)
      expect(await rowCounts()).toEqual(before)
    }
  })

  it('residents: limit and cursor are checked the same way', async () => {
    const err = await expectRefused(() => t.request(gridWorker, 'GET', '/api/v1/residents?limit=101'), 400, 'VALIDATION_FAILED')
    expect(fieldsOf(err)).toContain('limit')
    await expectRefused(() => t.request(gridWorker, 'GET', `/api/v1/residents?cursor=${b64('{"x":1}')}`), 400, 'INVALID_CURSOR')
  })

  it('residents: a cursor id beyond bigint → 400 INVALID_CURSOR', async () => {
    await expectRefused(() => t.request(gridWorker, 'GET', `/api/v1/residents?cursor=${b64('{"id":1e20}')}`), 400, 'INVALID_CURSOR')
  })

  it('audit log: bad paging and filters are refused before anything is read (no audit.read row)', async () => {
    const auditor = await auditAdmin.login()
    for (const [field, query] of [
      ['limit', 'limit=0'],
      ['from', 'from=2026-13-01'],
      ['action', 'action=appeal.create%00'],
      ['sort', 'sort=at'],
    ] as const) {
      const err = await expectRefused(() => t.request(auditor, 'GET', `/api/v1/audit-logs?${query}`), 400, 'VALIDATION_FAILED')
      expect(fieldsOf(err)).toContain(field)
    }
    await expectRefused(() => t.request(auditor, 'GET', `/api/v1/audit-logs?cursor=${b64('{"x":1}')}`), 400, 'INVALID_CURSOR')
  })

  it('audit log: a cursor whose time is not a time → 400 INVALID_CURSOR', async () => {
    const auditor = await auditAdmin.login()
    await expectRefused(
      () => t.request(auditor, 'GET', `/api/v1/audit-logs?cursor=${b64('{"at":"garbage","id":1}')}`),
      400,
      'INVALID_CURSOR',
    )
  })

  it('from after to → 422 INVALID_RANGE', async () => {
    await expectRefused(listAppeals('from=2026-11-30&to=2026-11-01'), 422, 'INVALID_RANGE')
  })
})

describe('wrong media type', () => {
  it('text/plain on JSON routes → 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    await expectRefused(() => postRaw(resident, '/api/v1/appeals', JSON.stringify(goodAppeal), 'text/plain'), 415, 'UNSUPPORTED_MEDIA_TYPE')
    await expectRefused(
      () => postRaw(gridWorker, `/api/v1/appeals/${appeal.id}/actions`, JSON.stringify({ action: 'accept', version: 1 }), 'text/plain'),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    )
    await expectRefused(
      () => postRaw(null, '/api/v1/auth/login', JSON.stringify({ username: residentAccount.username, password: FACTORY_PASSWORD }), 'text/plain'),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    )
  })

  it('form-encoded, XML and multipart bodies on JSON routes → 415', async () => {
    await expectRefused(
      () => postRaw(null, '/api/v1/auth/login', `username=${residentAccount.username}&password=${encodeURIComponent(FACTORY_PASSWORD)}`, 'application/x-www-form-urlencoded'),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    )
    await expectRefused(() => postRaw(resident, '/api/v1/appeals', '<appeal/>', 'application/xml'), 415, 'UNSUPPORTED_MEDIA_TYPE')
    const boundary = 'xyzxyz'
    await expectRefused(
      () =>
        postRaw(
          resident,
          '/api/v1/appeals',
          `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\n电梯\r\n--${boundary}--\r\n`,
          `multipart/form-data; boundary=${boundary}`,
        ),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    )
  })

  it('a body with no content type → 415', async () => {
    await expectRefused(
      () =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/appeals',
          payload: JSON.stringify(goodAppeal),
          headers: { authorization: `Bearer ${resident}`, 'content-type': '' },
        }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    )
  })

  it('JSON with a non-UTF-8 charset → 415', async () => {
    await expectRefused(
      () => postRaw(resident, '/api/v1/appeals', JSON.stringify(goodAppeal), 'application/json; charset=utf-16'),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    )
  })

  it('application/json; charset=utf-8 is fine', async () => {
    const res = await postRaw(resident, '/api/v1/appeals', JSON.stringify(goodAppeal), 'application/json; charset=utf-8')
    expect(res.statusCode, res.body).toBe(201)
  })
})

describe('the refusals come before anything else is looked at', () => {
  it('an unauthenticated request with a bad body is 401, not a validation error', async () => {
    await expectRefused(() => t.request(null, 'POST', '/api/v1/appeals', { title: 123 }), 401, 'UNAUTHENTICATED')
  })

  it('a URL that does not decode, or a path parameter past the length limit → 400 BAD_URL in the same shape', async () => {
    const err = await expectRefused(() => t.request(resident, 'GET', '/api/v1/appeals/%E0%A4%A'), 400, 'BAD_URL')
    expect(JSON.stringify(err)).not.toContain('%E0')
    await expectRefused(() => t.request(resident, 'GET', `/api/v1/appeals/${'1'.repeat(200)}`), 400, 'BAD_URL')
  })

  it('an unknown route is 404 ROUTE_NOT_FOUND in the same shape', async () => {
    await expectRefused(() => t.request(resident, 'GET', '/api/v1/nope'), 404, 'ROUTE_NOT_FOUND')
  })

  it('the appeal is untouched after all of this', async () => {
    const res = await t.request(resident, 'GET', `/api/v1/appeals/${appeal.id}`)
    expect(res.statusCode).toBe(200)
    expect(res.json<Appeal>()).toMatchObject({ status: 'submitted', version: appeal.version, title: appeal.title })
  })
})
