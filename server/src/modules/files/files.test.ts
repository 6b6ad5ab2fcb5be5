/**
 * Photo uploads through HTTP: only real JPEG, PNG and WebP (judged by the bytes, not the name or
 * the declared type), at most 10 MB, one `file` part per request; a photo is readable by its
 * uploader and by whoever can see an appeal it is attached to, and 404 for everyone else. Every
 * refusal is a clear 4xx with a stable code and writes nothing — no row, and no bytes in the file store.
 * (What the server does to a photo — resizing, metadata, the S3 store, quotas, clean-up — is in
 * storage.test.ts.)
 */
import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import sharp from 'sharp'
import type { LightMyRequestResponse } from 'fastify'
import { rowsOf } from '../../db/client'
import { createTestApp, type TestApp } from '../../../test/setup'
import { act, actRaw, getAppeal, multipart, submitAppeal, tinyPng } from '../../../test/appeal-helpers'
import {
  buildAdmin,
  buildCast,
  buildGrid,
  buildGridWorker,
  buildPlaceAccount,
  buildResident,
  buildStreetAccount,
  FACTORY_COUNTY,
  type BuiltAccount,
} from '../../../test/factories'
import type { ErrorBody } from '#contracts/common'

/** Tiny valid images (1×1), made with Pillow and checked to decode. */
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAAAP/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AP//Z',
  'base64',
)
const WEBP = Buffer.from('UklGRh4AAABXRUJQVlA4TBEAAAAvAAAAAAdQjyLXo/+BiOh/AAA=', 'base64')
const PNG = tinyPng()
const GIF = Buffer.from('R0lGODdhAQABAIEAAMgeHgAAAAAAAAAAACwAAAAAAQABAAAIBAABBAQAOw==', 'base64')
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
)
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>')
const HTML = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>')
const MB = 1024 * 1024

let t: TestApp
const PEOPLE = ['resident', 'otherResident', 'gridWorker', 'otherGridWorker', 'community', 'otherCommunity', 'street', 'county', 'property', 'systemAdmin'] as const
type Who = (typeof PEOPLE)[number]
const tokens = {} as Record<Who, string>
/**
 * The token of one of the people built for this file. All log in up front (a login writes an audit
 * row, which would spoil the "nothing written" counts); the clock never moves here, so sessions stay alive.
 */
function as(who: Who): string {
  return tokens[who]
}

beforeAll(async () => {
  t = await createTestApp()
  // a resident of a grid with its worker and community, and the compound's property company; a grid
  // worker of another grid of the same community; a resident and the account of another community
  const cast = await buildCast(t)
  const other = await buildResident(t)
  const people: Record<Who, BuiltAccount> = {
    resident: cast.resident.account,
    otherResident: other.account,
    gridWorker: cast.gridWorker,
    otherGridWorker: await buildGridWorker(t, await buildGrid(t, { community: cast.resident.grid.community })),
    community: cast.community,
    otherCommunity: await buildPlaceAccount(t, other.grid.community, 'community'),
    street: await buildStreetAccount(t),
    county: await buildPlaceAccount(t, { code: FACTORY_COUNTY }, 'county'),
    property: cast.property.account,
    systemAdmin: await buildAdmin(t, 'systemAdmin'),
  }
  for (const who of PEOPLE) tokens[who] = people[who].token
})
afterAll(async () => t?.close())

const WRITTEN_TABLES = ['appeal', 'appeal_event', 'appeal_file', 'audit_log', 'file'] as const
async function rowCounts(): Promise<Record<string, number>> {
  const res = await t.database.db.execute(
    sql.raw(`select ${WRITTEN_TABLES.map((x) => `(select count(*)::int from ${x}) as ${x}`).join(', ')}`),
  )
  let stored = 0
  for await (const _ of t.deps.fileStore.list()) stored++
  return { ...rowsOf<Record<string, number>>(res)[0]!, stored }
}

function expectNoLeak(raw: string) {
  expect(raw).not.toMatch(/stack/i)
  expect(raw).not.toMatch(/\bSELECT\b|\bINSERT\b/i)
  expect(raw).not.toMatch(/postgres|pglite|drizzle|busboy/i)
  expect(raw).not.toMatch(/\bat \S+ \(|\bat \/|node:internal|\.ts:\d+/)
}

/** A refused request: status, stable code, Chinese message, no leak, nothing written. */
async function expectRefused(send: () => Promise<LightMyRequestResponse>, status: number, code: string): Promise<ErrorBody> {
  const before = await rowCounts()
  const res = await send()
  expect(res.statusCode, res.body).toBe(status)
  expectNoLeak(res.body)
  const body = res.json<ErrorBody>()
  expect(body.code).toBe(code)
  expect(body.message).toMatch(/[\u4e00-\u9fff]/)
  expect(await rowCounts()).toEqual(before)
  return body
}

function postFile(token: string | null, content: Buffer, filename: string, contentType: string, field = 'file') {
  const { payload, headers } = multipart(field, filename, content, contentType)
  return postRaw(token, payload, headers['content-type'])
}

function postRaw(token: string | null, payload: string | Buffer | undefined, contentType?: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/files',
    ...(payload !== undefined ? { payload } : {}),
    headers: {
      ...(contentType !== undefined ? { 'content-type': contentType } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
  })
}

interface FileInfo {
  id: string
  mime: string
  size: number
  sha256: string
}

async function upload(who: Who, content: Buffer, filename = 'photo.png', contentType = 'image/png'): Promise<FileInfo> {
  const res = await postFile(as(who), content, filename, contentType)
  expect(res.statusCode, res.body).toBe(201)
  return res.json<FileInfo>()
}

const getFile = (who: Who, id: string) => t.request(as(who), 'GET', `/api/v1/files/${id}`)

describe('POST /files accepts real photos, judged by their bytes', () => {
  it.each([
    ['JPEG', JPEG, 'image/jpeg', 'photo.jpg'],
    ['PNG', PNG, 'image/png', 'photo.png'],
    ['WebP', WEBP, 'image/webp', 'photo.webp'],
  ])('a %s → 201 with its mime, size and sha256; one file row, one audit row, its bytes in the store', async (_kind, bytes, mime, name) => {
    const before = await rowCounts()
    const res = await postFile(as('resident'), bytes, name, mime)
    expect(res.statusCode, res.body).toBe(201)
    const info = res.json<FileInfo>()
    expect(info).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), mime, size: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })
    expect(await rowCounts()).toEqual({ ...before, file: before.file! + 1, audit_log: before.audit_log! + 1, stored: before.stored! + 1 })

    // the uploader reads back the photo as stored — its size and hash as confirmed — served with the
    // detected type and no sniffing; it is still the same picture in the same format
    const back = await getFile('resident', info.id)
    expect(back.statusCode).toBe(200)
    expect(back.headers['content-type']).toBe(mime)
    expect(back.headers['x-content-type-options']).toBe('nosniff')
    expect(back.rawPayload.length).toBe(info.size)
    expect(crypto.createHash('sha256').update(back.rawPayload).digest('hex')).toBe(info.sha256)
    const meta = await sharp(back.rawPayload).metadata()
    expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format: mime.slice(6), width: 1, height: 1 })
  })

  it('the name and the declared type do not matter: a PNG called photo.gif sent as image/gif is a PNG', async () => {
    const info = await upload('resident', PNG, 'photo.gif', 'image/gif')
    expect(info.mime).toBe('image/png')
    const back = await getFile('resident', info.id)
    expect(back.headers['content-type']).toBe('image/png')
  })

  it('a file of exactly 10 MB is accepted (and stored as the picture it holds)', async () => {
    const bytes = Buffer.concat([PNG, Buffer.alloc(10 * MB - PNG.length)])
    const info = await upload('resident', bytes)
    expect(info.mime).toBe('image/png')
    expect(info.size).toBeLessThan(1024)
  })

  it('the upload is audited with its type and size', async () => {
    const info = await upload('resident', JPEG, 'a.jpg', 'image/jpeg')
    const res = await t.database.db.execute(
      sql`select action, detail from audit_log where entity_type = 'file' and entity_id = ${info.id}`,
    )
    expect(rowsOf<{ action: string; detail: unknown }>(res)).toEqual([
      { action: 'file.upload', detail: { mime: 'image/jpeg', size: info.size } },
    ])
  })
})

describe('POST /files refuses what is not a photo', () => {
  it.each([
    ['a text file named photo.jpg', Buffer.from('这不是图片，只是一段文字。'), 'photo.jpg', 'image/jpeg'],
    ['a GIF', GIF, 'photo.gif', 'image/gif'],
    ['a GIF named photo.png', GIF, 'photo.png', 'image/png'],
    ['a PDF', PDF, 'scan.pdf', 'application/pdf'],
    ['an SVG with script', SVG, 'photo.svg', 'image/svg+xml'],
    ['an HTML page named photo.png', HTML, 'photo.png', 'image/png'],
    ['random bytes', crypto.randomBytes(2048), 'photo.webp', 'image/webp'],
  ])('%s → 415 UNSUPPORTED_FILE_TYPE', async (_name, bytes, filename, type) => {
    await expectRefused(async () => postFile(as('resident'), bytes, filename, type), 415, 'UNSUPPORTED_FILE_TYPE')
  })

  it('an empty file → 400 EMPTY_FILE', async () => {
    await expectRefused(async () => postFile(as('resident'), Buffer.alloc(0), 'photo.jpg', 'image/jpeg'), 400, 'EMPTY_FILE')
  })

  it('a file over 10 MB → 413 PAYLOAD_TOO_LARGE', async () => {
    const bytes = Buffer.concat([JPEG, Buffer.alloc(10 * MB + 1 - JPEG.length)])
    await expectRefused(async () => postFile(as('resident'), bytes, 'big.jpg', 'image/jpeg'), 413, 'PAYLOAD_TOO_LARGE')
    const huge = Buffer.concat([JPEG, Buffer.alloc(12 * MB)])
    await expectRefused(async () => postFile(as('resident'), huge, 'huge.jpg', 'image/jpeg'), 413, 'PAYLOAD_TOO_LARGE')
  })

  it.each([
    ['JSON', '{"file":"iVBORw0KGgo="}', 'application/json'],
    ['plain text', 'hello', 'text/plain'],
    ['a form', 'file=abc', 'application/x-www-form-urlencoded'],
    ['raw image bytes', PNG, 'image/png'],
    ['no body at all', undefined, undefined],
  ])('a non-multipart request (%s) → 415 UNSUPPORTED_MEDIA_TYPE', async (_name, payload, contentType) => {
    await expectRefused(async () => postRaw(as('resident'), payload, contentType), 415, 'UNSUPPORTED_MEDIA_TYPE')
  })

  const boundary = 'yiwangTestBoundary'
  const head = (field: string, filename?: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"${filename ? `; filename="${filename}"` : ''}\r\n` +
    `${filename ? 'Content-Type: image/png\r\n' : ''}\r\n`
  const filePart = (field: string, bytes: Buffer) => Buffer.concat([Buffer.from(head(field, 'photo.png')), bytes, Buffer.from('\r\n')])
  const end = Buffer.from(`--${boundary}--\r\n`)
  const form = `multipart/form-data; boundary=${boundary}`

  it.each([
    ['no boundary in the content type', Buffer.concat([filePart('file', PNG), end]), 'multipart/form-data'],
    ['cut off before the closing boundary', filePart('file', PNG), form],
    ['cut off inside the file', Buffer.from(head('file', 'photo.png')), form],
    ['not multipart at all inside', Buffer.from('hello world'), form],
  ])('a broken multipart body (%s) → 400 MALFORMED_MULTIPART, not a 500', async (_name, payload, contentType) => {
    await expectRefused(async () => postRaw(as('resident'), payload, contentType), 400, 'MALFORMED_MULTIPART')
  })

  it('a multipart body with no file → 400 NO_FILE', async () => {
    await expectRefused(async () => postRaw(as('resident'), end, form), 400, 'NO_FILE')
  })

  it('the photo in another field, or an extra text field → 400 naming the field', async () => {
    let err = await expectRefused(async () => postFile(as('resident'), PNG, 'photo.png', 'image/png', 'photo'), 400, 'VALIDATION_FAILED')
    expect(err.details?.map((d) => d.field)).toEqual(['photo'])
    const withNote = Buffer.concat([Buffer.from(`${head('note')}楼道灯\r\n`), filePart('file', PNG), end])
    err = await expectRefused(async () => postRaw(as('resident'), withNote, form), 400, 'VALIDATION_FAILED')
    expect(err.details?.map((d) => d.field)).toEqual(['note'])
  })

  it('two files in one request → 400 TOO_MANY_FILES, neither kept', async () => {
    const two = Buffer.concat([filePart('file', PNG), filePart('file', JPEG), end])
    await expectRefused(async () => postRaw(as('resident'), two, form), 400, 'TOO_MANY_FILES')
  })

  it('not logged in → 401, even with a valid photo', async () => {
    await expectRefused(() => postFile(null, PNG, 'photo.png', 'image/png'), 401, 'UNAUTHENTICATED')
  })
})

describe('GET /files/:id: the uploader, or whoever can see an appeal that holds it', () => {
  it('a photo not attached to anything is the uploader’s alone: anyone else gets 404', async () => {
    const info = await upload('resident', PNG)
    expect((await getFile('resident', info.id)).statusCode).toBe(200)
    for (const other of ['otherResident', 'gridWorker', 'community', 'county', 'systemAdmin'] as const) {
      const err = await expectRefused(() => getFile(other, info.id), 404, 'NOT_FOUND')
      expect(err.details).toBeUndefined()
    }
  })

  it('an unknown id is the same 404; a malformed id is 400; no token is 401', async () => {
    await expectRefused(() => getFile('resident', crypto.randomUUID()), 404, 'NOT_FOUND')
    const err = await expectRefused(() => getFile('resident', 'not-a-uuid'), 400, 'VALIDATION_FAILED')
    expect(err.details?.map((d) => d.field)).toContain('id')
    const info = await upload('resident', PNG)
    await expectRefused(() => t.request(null, 'GET', `/api/v1/files/${info.id}`), 401, 'UNAUTHENTICATED')
  })

  it('a photo attached to an appeal is visible to those who see the appeal, and only to them', async () => {
    const photo = await upload('resident', JPEG, 'lift.jpg', 'image/jpeg')
    const appeal = await submitAppeal(t, as('resident'), { photoIds: [photo.id] })
    expect(appeal.photoIds).toEqual([photo.id])
    const stored = (await getFile('resident', photo.id)).rawPayload

    for (const viewer of ['resident', 'gridWorker', 'community', 'street', 'county'] as const) {
      const res = await getFile(viewer, photo.id)
      expect(res.statusCode, `${viewer}: ${res.body}`).toBe(200)
      expect(Buffer.compare(res.rawPayload, stored)).toBe(0)
    }
    for (const outsider of ['otherGridWorker', 'otherResident', 'otherCommunity', 'property', 'systemAdmin'] as const) {
      await expectRefused(() => getFile(outsider, photo.id), 404, 'NOT_FOUND')
    }
  })

  it('a handler’s photo on an action is visible to the resident who raised the appeal', async () => {
    let appeal = await submitAppeal(t, as('resident'), { title: '楼道堆放杂物', categoryCode: 'elevator.fault' })
    const fixed = await upload('gridWorker', PNG, 'fixed.png')
    expect((await getFile('resident', fixed.id)).statusCode).toBe(404)
    appeal = await getAppeal(t, as('gridWorker'), appeal.id)
    appeal = await act(t, as('gridWorker'), appeal, 'resolveOnSpot', { result: '已现场清理', photoIds: [fixed.id] })
    expect(appeal.status).toBe('verified')
    expect((await getFile('resident', fixed.id)).statusCode).toBe(200)
    await expectRefused(() => getFile('otherResident', fixed.id), 404, 'NOT_FOUND')
  })
})

describe('photo ids in appeals must be the caller’s own uploads', () => {
  const goodAppeal = { categoryCode: 'elevator.fault', title: '电梯异响', description: '2栋电梯运行时有异响。' }

  it('another account’s photo, or an id that does not exist, in a new appeal → 400 UNKNOWN_FILE naming photoIds', async () => {
    const theirs = await upload('gridWorker', PNG)
    for (const photoIds of [[theirs.id], [crypto.randomUUID()]]) {
      const err = await expectRefused(
        async () => t.request(as('resident'), 'POST', '/api/v1/appeals', { ...goodAppeal, photoIds }),
        400,
        'UNKNOWN_FILE',
      )
      expect(err.details).toEqual([{ field: 'photoIds', message: expect.stringContaining(photoIds[0]!) }])
    }
    // and the borrowed photo is still not readable by the would-be borrower
    await expectRefused(() => getFile('resident', theirs.id), 404, 'NOT_FOUND')
  })

  it('one borrowed photo among the caller’s own still refuses the whole appeal', async () => {
    const mine = await upload('resident', PNG)
    const theirs = await upload('otherResident', JPEG, 'x.jpg', 'image/jpeg')
    const err = await expectRefused(
      async () => t.request(as('resident'), 'POST', '/api/v1/appeals', { ...goodAppeal, photoIds: [mine.id, theirs.id] }),
      400,
      'UNKNOWN_FILE',
    )
    expect(err.details?.map((d) => d.message).join()).toContain(theirs.id)
    expect(err.details?.map((d) => d.message).join()).not.toContain(mine.id)
  })

  it('another account’s photo on an action → 400 UNKNOWN_FILE, and the appeal does not move', async () => {
    const appeal = await submitAppeal(t, as('resident'), goodAppeal)
    const residentsPhoto = await upload('resident', PNG)
    await expectRefused(
      async () => actRaw(t, as('gridWorker'), appeal, 'resolveOnSpot', { result: '已处理', photoIds: [residentsPhoto.id] }),
      400,
      'UNKNOWN_FILE',
    )
    const after = await getAppeal(t, as('gridWorker'), appeal.id)
    expect(after).toMatchObject({ status: 'submitted', version: appeal.version, photoIds: appeal.photoIds })
  })

  it('photo ids that are not UUIDs, or repeated, are a validation error naming photoIds', async () => {
    const mine = await upload('resident', PNG)
    for (const photoIds of [['abc'], [mine.id, mine.id], [`${mine.id}\u0000`]]) {
      const err = await expectRefused(
        async () => t.request(as('resident'), 'POST', '/api/v1/appeals', { ...goodAppeal, photoIds }),
        400,
        'VALIDATION_FAILED',
      )
      expect(err.details?.map((d) => d.field).some((f) => f?.startsWith('photoIds'))).toBe(true)
    }
  })
})
