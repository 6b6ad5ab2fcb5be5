/**
 * The file store: both adapters against real storage — a folder on disk, and an S3 server (s3rver,
 * started inside this file on a loopback port) — then the whole upload/download path over HTTP with
 * the S3 store configured, and an older install whose bytes were still in the database moving them out
 * at start-up.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import sharp from 'sharp'
import S3rver from 's3rver'
import { MIGRATIONS_DIR, openDatabase, rowsOf } from '../../db/client'
import { parseEnv } from '../../env'
import { openStack } from '../../bootstrap'
import { createJobRunner } from '../../jobs/runner'
import { fileIdOfKey, fileKey, LocalFileStore, S3FileStore, type FileStore } from '../../storage'
import { createTestApp, type TestApp } from '../../../test/setup'
import { TEST_PII_KEY } from '../../../test/template'
import { buildResident } from '../../../test/factories'
import { multipart, submitAppeal } from '../../../test/appeal-helpers'

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex')
const tempDir = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `yiwang-${name}-`))

async function readAll(s: Readable): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const c of s) chunks.push(c as Buffer)
  return Buffer.concat(chunks)
}

async function keysOf(store: FileStore): Promise<string[]> {
  const keys: string[] = []
  for await (const o of store.list()) keys.push(o.key)
  return keys.sort()
}

/** A body that sends some bytes and then fails, as a client that goes away half-way. */
function failingBody(): Readable {
  return Readable.from(
    (async function* () {
      yield Buffer.alloc(64 * 1024, 1)
      throw new Error('client went away')
    })(),
  )
}

/** The same behaviour from either adapter. */
function roundTrip(name: string, open: () => FileStore) {
  describe(`${name}: put, get, exists, list, delete`, () => {
    it('stores bytes under a sharded key, hashing them on the way, and gives them back', async () => {
      const store = open()
      const id = crypto.randomUUID()
      const key = fileKey(id)
      expect(key).toBe(`${id.slice(0, 2)}/${id.slice(2, 4)}/${id}`)
      expect(fileIdOfKey(key)).toBe(id)
      const bytes = crypto.randomBytes(300_000)
      // several chunks, as a request body arrives
      const stored = await store.put(key, Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000, 200_000), bytes.subarray(200_000)]), 'image/jpeg')
      expect(stored).toEqual({ size: bytes.length, sha256: sha256(bytes) })
      expect(await store.exists(key)).toBe(true)
      expect(Buffer.compare(await readAll((await store.get(key))!), bytes)).toBe(0)
      expect(await keysOf(store)).toContain(key)

      await store.delete(key)
      expect(await store.exists(key)).toBe(false)
      expect(await store.get(key)).toBeNull()
      expect(await keysOf(store)).not.toContain(key)
      // deleting what is not there is not an error
      await store.delete(key)
    })

    it('a body that fails half-way leaves no object behind, and the error comes back', async () => {
      const store = open()
      const before = await keysOf(store)
      const key = fileKey(crypto.randomUUID())
      await expect(store.put(key, failingBody(), 'image/png')).rejects.toThrow(/client went away/)
      expect(await store.exists(key)).toBe(false)
      expect(await keysOf(store)).toEqual(before)
    })
  })
}

describe('the local store (DATA_DIR/files)', () => {
  const root = tempDir('files')
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }))
  roundTrip('local', () => new LocalFileStore(root))

  it('writes through a temp file that never stays, and refuses keys that leave its folder', async () => {
    const store = new LocalFileStore(root)
    const key = fileKey(crypto.randomUUID())
    await store.put(key, Readable.from([Buffer.from('abc')]), 'image/png')
    expect(fs.readFileSync(path.join(root, key), 'utf8')).toBe('abc')
    expect(fs.readdirSync(path.join(root, '.tmp'))).toEqual([])
    await expect(store.put('../outside', Readable.from([Buffer.from('x')]), 'image/png')).rejects.toThrow(/bad key/)
    expect(fs.existsSync(path.join(root, '..', 'outside'))).toBe(false)
  })
})

const BUCKET = 'yiwang-files'
let s3: { server: S3rver; endpoint: string; dir: string }
beforeAll(async () => {
  const dir = tempDir('s3rver')
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: BUCKET }] })
  const { port } = await server.run()
  s3 = { server, endpoint: `http://127.0.0.1:${port}`, dir }
})
afterAll(async () => {
  await s3?.server.close()
  if (s3) fs.rmSync(s3.dir, { recursive: true, force: true })
})

const s3Env = () => ({ S3_ENDPOINT: s3.endpoint, S3_BUCKET: BUCKET, S3_REGION: 'us-east-1', S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER' })
const openS3 = () => {
  const env = parseEnv({ NODE_ENV: 'test', ...s3Env() })
  if (env.fileStore.kind !== 's3') throw new Error('S3 not configured')
  return new S3FileStore(env.fileStore)
}

describe('the S3 store against a local S3 server', () => {
  roundTrip('s3', openS3)

  it('S3_* without a bucket, or a key without its secret, is refused at start with every problem listed', () => {
    expect(() => parseEnv({ NODE_ENV: 'test', S3_ENDPOINT: 'http://127.0.0.1:9000' })).toThrow(/S3_ENDPOINT is set but S3_BUCKET is not/)
    expect(() => parseEnv({ NODE_ENV: 'test', S3_BUCKET: 'b1', S3_ACCESS_KEY_ID: 'k' })).toThrow(/go together/)
    expect(parseEnv({ NODE_ENV: 'test', DATA_DIR: '/srv/yiwang' }).fileStore).toEqual({ kind: 'local', dir: '/srv/yiwang/files' })
  })
})

describe('uploads over HTTP with the S3 store configured', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ env: s3Env() })
  })
  afterAll(async () => t?.close())

  it('the photo goes to the bucket, the database keeps its metadata and hash only, and it downloads from the bucket', async () => {
    expect(t.deps.fileStore.kind).toBe('s3')
    const resident = await buildResident(t)
    const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#3a7' } }).jpeg().toBuffer()
    const { payload, headers } = multipart('file', 'lift.jpg', photo, 'image/jpeg')
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/files', payload, headers: { ...headers, authorization: `Bearer ${resident.account.token}` } })
    expect(res.statusCode, res.body).toBe(201)
    const info = res.json<{ id: string; size: number; sha256: string }>()

    // in the bucket, under the file's key, exactly the bytes the answer describes
    const store = openS3()
    const object = await readAll((await store.get(fileKey(info.id)))!)
    expect({ size: object.length, sha256: sha256(object) }).toEqual({ size: info.size, sha256: info.sha256 })
    // nothing on local disk
    expect(fs.existsSync(path.join(t.deps.env.dataDir, 'files'))).toBe(false)
    // the database: metadata, no bytes — the table has no binary column at all
    const columns = rowsOf<{ column_name: string; data_type: string }>(
      await t.database.db.execute(sql`select column_name, data_type from information_schema.columns where table_name = 'file' order by ordinal_position`),
    )
    expect(columns.filter((c) => c.data_type === 'bytea')).toEqual([])
    const [row] = rowsOf<{ size: number; sha256: string }>(await t.database.db.execute(sql`select size, sha256 from file where id = ${info.id}`))
    expect(row).toEqual({ size: info.size, sha256: info.sha256 })

    const back = await t.request(resident.account.token, 'GET', `/api/v1/files/${info.id}`)
    expect(back.statusCode).toBe(200)
    expect(back.headers['content-type']).toBe('image/jpeg')
    expect(Buffer.compare(back.rawPayload, object)).toBe(0)

    // attached to an appeal it stays; the one never attached leaves the bucket after 24 hours
    const unattached = await t.app.inject({ method: 'POST', url: '/api/v1/files', payload, headers: { ...headers, authorization: `Bearer ${resident.account.token}` } })
    const lost = unattached.json<{ id: string }>().id
    await submitAppeal(t, resident.account.token, { photoIds: [info.id] })
    t.clock.advance(25 * 3600_000)
    const runner = createJobRunner(t.deps)
    await runner.tick()
    await runner.stop()
    expect(await store.exists(fileKey(lost))).toBe(false)
    expect(await store.exists(fileKey(info.id))).toBe(true)
    await store.close()
  })
})

describe('an install that kept its files in the database', () => {
  const dir = tempDir('legacy')
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('copies every file’s bytes to DATA_DIR/files at start-up, then the migration drops the column', async () => {
    // the database as it was before the file store: every migration up to the one that moves the files out
    const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] }
    const cut = journal.entries.findIndex((e) => e.tag.endsWith('_files_out_of_db'))
    expect(cut).toBeGreaterThan(0)
    const oldMigrations = path.join(dir, 'migrations')
    fs.mkdirSync(path.join(oldMigrations, 'meta'), { recursive: true })
    fs.writeFileSync(path.join(oldMigrations, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }))
    for (const e of journal.entries.slice(0, cut)) fs.copyFileSync(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), path.join(oldMigrations, `${e.tag}.sql`))

    const old = await openDatabase({ dataDir: path.join(dir, 'pglite') })
    await migratePglite(old.db as never, { migrationsFolder: oldMigrations })
    const photos = await Promise.all(
      ['#c33', '#3c3'].map(async (background) => sharp({ create: { width: 32, height: 24, channels: 3, background } }).png().toBuffer()),
    )
    const ids = photos.map(() => crypto.randomUUID())
    for (const [i, data] of photos.entries()) {
      await old.db.execute(sql`insert into file (id, owner_user_id, mime, size, sha256, original_name, data, created_at)
        values (${ids[i]}::uuid, 1, 'image/png', ${data.length}, ${sha256(data)}, 'old.png', ${data}, now())`)
    }
    await old.close()

    const env = parseEnv({ NODE_ENV: 'test', PII_KEY: TEST_PII_KEY, DATA_DIR: dir, LOG_LEVEL: 'silent' })
    const said: string[] = []
    const stack = await openStack(env, { log: (line) => said.push(line) })
    try {
      expect(said.join()).toContain('2 个文件')
      for (const [i, data] of photos.entries()) {
        expect(fs.readFileSync(path.join(dir, 'files', fileKey(ids[i]!))).equals(data)).toBe(true)
      }
      const rows = rowsOf<{ id: string; size: number; sha256: string }>(await stack.database.db.execute(sql`select id::text as id, size, sha256 from file order by size`))
      expect(rows.map((r) => r.sha256).sort()).toEqual(photos.map(sha256).sort())
      const data = rowsOf(await stack.database.db.execute(sql`select 1 from information_schema.columns where table_name = 'file' and column_name = 'data'`))
      expect(data).toEqual([])
    } finally {
      await stack.database.close()
      await stack.fileStore.close()
    }

    // the next start finds nothing to move
    const again = await openStack(env, { log: (line) => said.push(line) })
    await again.database.close()
    await again.fileStore.close()
    expect(said).toHaveLength(1)
  })
})
