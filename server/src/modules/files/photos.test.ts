/**
 * What the server does with a photo, as a resident, an operator or the grid worker would check it:
 * a phone photo loses its GPS position (unless its category needs where it was taken) and is shrunk to
 * 2048 px; an account's daily quota refuses with 429 and keeps nothing; uploads never attached are gone
 * after 24 hours (bytes too), and bytes left without a row are swept; a 10 MB upload does not stop the
 * server answering.
 */
import crypto from 'node:crypto'
import http from 'node:http'
import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import exifReader from 'exif-reader'
import sharp from 'sharp'
import type { CategoryNode } from '#contracts/appeals'
import type { ErrorBody } from '#contracts/common'
import { rowsOf } from '../../db/client'
import { createJobRunner } from '../../jobs/runner'
import { fileKey } from '../../storage'
import { createTestApp, type TestApp } from '../../../test/setup'
import { buildGrid, buildGridWorker, buildResident, type BuiltAccount } from '../../../test/factories'
import { multipart, submitAppeal } from '../../../test/appeal-helpers'

interface FileInfo {
  id: string
  mime: string
  size: number
  sha256: string
}

/** A camera photo: 4000×3000 JPEG whose EXIF says where it was taken (镇宁, 26.06°N 105.77°E). */
async function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 4000, height: 3000, channels: 3, background: { r: 180, g: 120, b: 60 } } })
    .withExif({
      IFD0: { Make: 'TestPhone', Model: 'X1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '26/1 3/1 36/1', GPSLongitudeRef: 'E', GPSLongitude: '105/1 46/1 12/1' },
    })
    .jpeg({ quality: 90 })
    .toBuffer()
}

function gpsOf(exif: Buffer | undefined): unknown {
  return exif ? (exifReader(exif).GPSInfo ?? null) : null
}

async function upload(t: TestApp, token: string, bytes: Buffer, query = ''): Promise<{ statusCode: number; body: string; json<T>(): T }> {
  const { payload, headers } = multipart('file', 'photo.jpg', bytes, 'image/jpeg')
  await t.deps.outbox.idle()
  return t.app.inject({ method: 'POST', url: `/api/v1/files${query}`, payload, headers: { ...headers, authorization: `Bearer ${token}` } })
}

async function uploaded(t: TestApp, token: string, bytes: Buffer, query = ''): Promise<FileInfo> {
  const res = await upload(t, token, bytes, query)
  expect(res.statusCode, res.body).toBe(201)
  return res.json<FileInfo>()
}

async function download(t: TestApp, token: string, id: string): Promise<Buffer> {
  const res = await t.request(token, 'GET', `/api/v1/files/${id}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.rawPayload
}

async function counts(t: TestApp): Promise<{ file: number; audit: number; stored: number }> {
  const [row] = rowsOf<{ file: number; audit: number }>(
    await t.database.db.execute(sql`select (select count(*)::int from file) as file, (select count(*)::int from audit_log) as audit`),
  )
  let stored = 0
  for await (const _ of t.deps.fileStore.list()) stored++
  return { ...row!, stored }
}

describe('a phone photo on the server', () => {
  let t: TestApp
  let resident: BuiltAccount
  let photo: Buffer
  beforeAll(async () => {
    t = await createTestApp()
    resident = (await buildResident(t)).account
    photo = await phonePhoto()
    const meta = await sharp(photo).metadata()
    // the test photo really carries a position
    expect(gpsOf(meta.exif)).toMatchObject({ GPSLatitudeRef: 'N', GPSLatitude: [26, 3, 36] })
  })
  afterAll(async () => t?.close())

  it('loses its GPS position and every other metadata, and is shrunk to 2048 px on the long side', async () => {
    for (const query of ['', '?categoryCode=elevator.fault']) {
      const info = await uploaded(t, resident.token, photo, query)
      const stored = await download(t, resident.token, info.id)
      const meta = await sharp(stored).metadata()
      expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format: 'jpeg', width: 2048, height: 1536 })
      expect(meta.exif).toBeUndefined()
      expect(stored.includes(Buffer.from('TestPhone'))).toBe(false)
      expect(info.size).toBe(stored.length)
      expect(info.size).toBeLessThan(photo.length)
    }
  })

  it('keeps where it was taken when its category needs the place (违章搭建), still shrunk; the audit row says so', async () => {
    const categories = (await t.request(resident.token, 'GET', '/api/v1/categories')).json<CategoryNode[]>()
    const construction = categories.find((c) => c.code === 'construction')!
    expect(construction.children.find((c) => c.code === 'construction.illegal')?.keepPhotoLocation).toBe(true)
    expect(categories.find((c) => c.code === 'elevator')!.children.every((c) => !c.keepPhotoLocation)).toBe(true)

    const info = await uploaded(t, resident.token, photo, '?categoryCode=construction.illegal')
    const meta = await sharp(await download(t, resident.token, info.id)).metadata()
    expect({ width: meta.width, height: meta.height }).toEqual({ width: 2048, height: 1536 })
    expect(gpsOf(meta.exif)).toMatchObject({ GPSLatitudeRef: 'N', GPSLatitude: [26, 3, 36], GPSLongitudeRef: 'E', GPSLongitude: [105, 46, 12] })
    const [audit] = rowsOf<{ detail: unknown }>(await t.database.db.execute(sql`select detail from audit_log where entity_type = 'file' and entity_id = ${info.id}`))
    expect(audit!.detail).toEqual({ mime: 'image/jpeg', size: info.size, keepsLocation: true })
  })

  it('a small photo is not enlarged; an unknown category is a 400 that keeps nothing', async () => {
    const small = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#888' } }).png().toBuffer()
    const info = await uploaded(t, resident.token, small)
    const meta = await sharp(await download(t, resident.token, info.id)).metadata()
    expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format: 'png', width: 300, height: 200 })

    const before = await counts(t)
    const res = await upload(t, resident.token, photo, '?categoryCode=no.such')
    expect(res.statusCode).toBe(400)
    expect(res.json<ErrorBody>()).toMatchObject({ code: 'UNKNOWN_CATEGORY', details: [{ field: 'categoryCode' }] })
    expect(await counts(t)).toEqual(before)
  })

  it('a file that starts like a JPEG but is not a picture → 415 UNREADABLE_IMAGE, nothing kept', async () => {
    const before = await counts(t)
    // the JPEG signature, then noise: file-type says JPEG, the decoder finds no picture
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xdb]), crypto.randomBytes(5000)])
    const res = await upload(t, resident.token, broken)
    expect(res.statusCode, res.body).toBe(415)
    expect(res.json<ErrorBody>()).toMatchObject({ code: 'UNREADABLE_IMAGE', message: expect.stringMatching(/[\u4e00-\u9fff]/) })
    expect(await counts(t)).toEqual(before)
  })
})

describe('the daily upload quota', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ env: { UPLOAD_DAILY_FILES_RESIDENT: '2', UPLOAD_DAILY_MB: '1' } })
  })
  afterAll(async () => t?.close())

  it('a resident’s third photo of the day → 429 UPLOAD_QUOTA_EXCEEDED, nothing written or stored; the next day it goes through', async () => {
    const resident = (await buildResident(t)).account
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#a33' } }).png().toBuffer()
    await uploaded(t, resident.token, png)
    await uploaded(t, resident.token, png)
    const before = await counts(t)
    const res = await upload(t, resident.token, png)
    expect(res.statusCode, res.body).toBe(429)
    const err = res.json<ErrorBody>()
    expect(err.code).toBe('UPLOAD_QUOTA_EXCEEDED')
    expect(err.message).toContain('每天最多 2 张')
    expect(await counts(t)).toEqual(before)

    // another resident is not held back by this one's quota
    const neighbour = (await buildResident(t)).account
    await uploaded(t, neighbour.token, png)

    // the quota is per Shanghai day
    t.clock.advance(24 * 3600_000)
    const token = await resident.login()
    await uploaded(t, token, png)
  })

  it('a staff photo that would pass the day’s bytes → 429 after it was read, and its bytes are removed again', async () => {
    const worker = await buildGridWorker(t, await buildGrid(t))
    // noise does not compress: ~1.5 MB as a PNG even at 800×640
    const noisy = await sharp({ create: { width: 800, height: 640, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 80 } } }).png().toBuffer()
    expect(noisy.length).toBeGreaterThan(1024 * 1024)
    const before = await counts(t)
    const res = await upload(t, worker.token, noisy)
    expect(res.statusCode, res.body).toBe(429)
    expect(res.json<ErrorBody>().code).toBe('UPLOAD_QUOTA_EXCEEDED')
    expect(await counts(t)).toEqual(before)
    // a small one still fits (staff have 200 files a day by default)
    await uploaded(t, worker.token, await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).png().toBuffer())
  })
})

describe('clean-up by the leader’s job', { shuffle: false }, () => {
  let t: TestApp
  let resident: Awaited<ReturnType<typeof buildResident>>
  let loose: FileInfo
  let kept: FileInfo
  // one runner: on PostgreSQL it holds the leader's lock until stopped
  let runner: ReturnType<typeof createJobRunner>
  const tick = () => runner.tick()
  beforeAll(async () => {
    t = await createTestApp()
    runner = createJobRunner(t.deps)
    resident = await buildResident(t)
    const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#36c' } }).png().toBuffer()
    loose = await uploaded(t, resident.account.token, png)
    kept = await uploaded(t, resident.account.token, png)
    await submitAppeal(t, resident.account.token, { photoIds: [kept.id] })
  })
  afterAll(async () => {
    await runner?.stop()
    await t?.close()
  })

  it('an upload never attached is still there after 23 hours', async () => {
    t.clock.advance(23 * 3600_000)
    await tick()
    const token = await resident.account.login()
    await download(t, token, loose.id)
    expect(await t.deps.fileStore.exists(fileKey(loose.id))).toBe(true)
  })

  it('after 24 hours it is gone — row, bytes — with an audit row; the photo on the appeal stays', async () => {
    t.clock.advance(2 * 3600_000)
    await tick()
    const token = await resident.account.login()
    expect((await t.request(token, 'GET', `/api/v1/files/${loose.id}`)).statusCode).toBe(404)
    expect(await t.deps.fileStore.exists(fileKey(loose.id))).toBe(false)
    const audits = rowsOf<{ action: string; actor_role: string }>(
      await t.database.db.execute(sql`select action, actor_role from audit_log where entity_type = 'file' and entity_id = ${loose.id} order by id`),
    )
    expect(audits).toEqual([
      { action: 'file.upload', actor_role: 'resident' },
      { action: 'file.expire', actor_role: 'system' },
    ])
    await download(t, token, kept.id)
  })

  it('bytes without a row (an upload that died before the database) are swept once an hour old; foreign objects are left alone', async () => {
    const orphan = fileKey(crypto.randomUUID())
    await t.deps.fileStore.put(orphan, Readable.from([Buffer.from('half an upload')]), 'image/png')
    const foreign = 'notes/readme.txt'
    await t.deps.fileStore.put(foreign, Readable.from([Buffer.from('not ours')]), 'text/plain')
    // the objects were written by the real clock: an hour of the app's clock after that (and > 6 h after the last sweep)
    t.clock.set(new Date(Date.now() + 2 * 3600_000))
    await tick()
    expect(await t.deps.fileStore.exists(orphan)).toBe(false)
    expect(await t.deps.fileStore.exists(foreign)).toBe(true)
    expect(await t.deps.fileStore.exists(fileKey(kept.id))).toBe(true)
  })
})

describe('a 10 MB upload on the embedded database', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
    await t.app.listen({ port: 0, host: '127.0.0.1' })
  })
  afterAll(async () => t?.close())

  it('/healthz keeps answering while the photo streams in; the photo is stored and the database holds no bytes', async () => {
    const { port } = t.app.server.address() as { port: number }
    const resident = (await buildResident(t)).account
    // a noisy camera-size JPEG just under 10 MB
    const noisy = (quality: number) =>
      sharp({ create: { width: 3000, height: 2400, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 90 } } })
        .jpeg({ quality })
        .toBuffer()
    let quality = 100
    let big = await noisy(quality)
    while (big.length > 10 * 1024 * 1024 - 1024) big = await noisy((quality -= 4))
    expect(big.length).toBeGreaterThan(5 * 1024 * 1024)
    const { payload, headers } = multipart('file', 'big.jpg', big, 'image/jpeg')

    let uploadAnswered = false
    const healthDuringUpload: number[] = []
    const polls: Promise<void>[] = []
    const poll = () =>
      polls.push(
        fetch(`http://127.0.0.1:${port}/healthz`).then(async (r) => {
          await r.arrayBuffer()
          if (!uploadAnswered) healthDuringUpload.push(r.status)
        }),
      )

    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port, method: 'POST', path: '/api/v1/files', headers: { ...headers, 'content-length': payload.length, authorization: `Bearer ${resident.token}` } },
        (res) => {
          let body = ''
          res.setEncoding('utf8')
          res.on('data', (c: string) => (body += c))
          res.on('end', () => {
            uploadAnswered = true
            resolve({ status: res.statusCode ?? 0, body })
          })
        },
      )
      req.on('error', reject)
      // the body in 40 pieces, as a phone on a slow network sends it, with a health check after each
      void (async () => {
        const piece = Math.ceil(payload.length / 40)
        for (let at = 0; at < payload.length; at += piece) {
          if (!req.write(payload.subarray(at, at + piece))) await new Promise((r) => req.once('drain', r))
          poll()
          await new Promise((r) => setImmediate(r))
        }
        req.end()
        poll()
      })()
    })
    const res = await answer
    await Promise.all(polls)
    expect(res.status, res.body).toBe(201)
    expect(healthDuringUpload.length).toBeGreaterThan(0)
    expect(healthDuringUpload.every((s) => s === 200)).toBe(true)

    const info = JSON.parse(res.body) as FileInfo
    const stored = await download(t, resident.token, info.id)
    expect((await sharp(stored).metadata()).width).toBe(2048)
    const [bytes] = rowsOf<{ n: number }>(await t.database.db.execute(sql`select pg_column_size(f.*)::int as n from file f where id = ${info.id}`))
    // a metadata row: well under a kilobyte, whatever the photo weighs
    expect(bytes!.n).toBeLessThan(1024)
  })
})
