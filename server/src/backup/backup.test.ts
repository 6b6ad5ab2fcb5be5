/**
 * Backup and restore (issue 10), on the database the suite runs on (PGlite; PostgreSQL when DATABASE_URL
 * is set): data built through the API, `yiwang backup` as a real process, the data destroyed,
 * `yiwang restore` into a fresh target, then every table (row count and a hash of its rows in primary-key
 * order) and every file of the file store compared with what there was. Then the refusals: a target that
 * is not empty, an archive changed by one byte, an archive of newer migrations, a running server's folder.
 */
import { spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import tar from 'tar-stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test/setup'
import { ROOT, TEST_PII_KEY, withDatabase } from '../../test/template'
import { buildAppeal } from '../../test/factories'
import { uploadPhoto } from '../../test/appeal-helpers'
import { openDatabase, type Database } from '../db/client'
import { lockDataFolder } from '../db/folder-lock'
import { parseEnv } from '../env'
import { BackupError, readArchive, restoreBackup, type BackupManifest } from './index'
import { codeMigrations } from './backup'
import { fingerprintTables, listTables, type Run } from './queries'

const adminUrl = process.env.DATABASE_URL
const kind = adminUrl ? 'postgres' : 'pglite'

const runOf = (database: Database): Run =>
  database.pglite
    ? async (t) => (await database.pglite!.query(t)).rows as Record<string, unknown>[]
    : async (t) => (await database.pool!.query(t)).rows as Record<string, unknown>[]

async function fingerprint(database: Database) {
  const run = runOf(database)
  return fingerprintTables(run, await listTables(run))
}

/** Every file under `dir`: relative path → sha256. */
function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (abs: string, rel: string) => {
    for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name
      if (e.isDirectory()) walk(path.join(abs, e.name), r)
      else out[r] = crypto.createHash('sha256').update(fs.readFileSync(path.join(abs, e.name))).digest('hex')
    }
  }
  if (fs.existsSync(dir)) walk(dir, '')
  return out
}

/** `yiwang …` as an operator runs it, on a data folder and (PostgreSQL) a database. */
function yiwang(args: string[], o: { dataDir: string; databaseUrl?: string }) {
  const r = spawnSync(process.execPath, ['bin/yiwang.mjs', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'test', DATA_DIR: o.dataDir, DATABASE_URL: o.databaseUrl ?? '', PII_KEY: TEST_PII_KEY, LOG_LEVEL: 'silent' },
  })
  return { status: r.status, out: `${r.stdout}${r.stderr}` }
}

const envOf = (dataDir: string, databaseUrl?: string) => parseEnv({ NODE_ENV: 'test', DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? '', PII_KEY: TEST_PII_KEY })

/** Open what was restored: the data folder's database, or the restored PostgreSQL database. */
async function openRestored(dataDir: string, databaseUrl?: string): Promise<Database> {
  return databaseUrl ? openDatabase({ databaseUrl, poolSize: 2 }) : openDatabase({ dataDir: path.join(dataDir, 'pglite') })
}

/** A copy of `from` whose manifest is changed by `edit` (the parts as they were). */
async function rewriteManifest(from: string, to: string, edit: (m: BackupManifest) => void): Promise<void> {
  const extract = tar.extract()
  const pack = tar.pack()
  const done = new Promise<void>((resolve, reject) => {
    pack.pipe(fs.createWriteStream(to)).on('finish', resolve).on('error', reject)
  })
  extract.on('entry', (header, stream, next) => {
    const chunks: Buffer[] = []
    stream.on('data', (c: Buffer) => chunks.push(c))
    stream.on('end', () => {
      let body = Buffer.concat(chunks)
      if (header.name === 'manifest.json') {
        const m = JSON.parse(body.toString('utf8')) as BackupManifest
        edit(m)
        body = Buffer.from(JSON.stringify(m))
      }
      pack.entry({ name: header.name, size: body.length }, body, () => next())
    })
  })
  extract.on('finish', () => pack.finalize())
  fs.createReadStream(from).pipe(extract)
  await done
}

/** A throwaway empty PostgreSQL database on the test server (dropped in afterAll). */
const createdDatabases: string[] = []
async function emptyPgDatabase(): Promise<string> {
  const name = `yiwang_t_restore_${crypto.randomBytes(5).toString('hex')}`
  const c = new pg.Client({ connectionString: adminUrl })
  await c.connect()
  await c.query(`CREATE DATABASE ${name}`)
  await c.end()
  createdDatabases.push(name)
  return withDatabase(adminUrl!, name)
}

describe(`backup and restore (${kind})`, { shuffle: false }, () => {
  let t: TestApp | undefined
  let work: string
  let dataDir: string
  let archive: string
  let before: Awaited<ReturnType<typeof fingerprint>>
  let filesBefore: Record<string, string>
  let restoredUrl: string | undefined

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'yiwang-backup-'))
    dataDir = path.join(work, 'data')
    archive = path.join(work, 'archive', 'yiwang.tar')
    t = await createTestApp({ dataDir })
    // data of every kind: an appeal through its whole loop, a photo (bytes in the database), the audit rows
    const { appeal, resident } = await buildAppeal(t, { status: 'closed' })
    expect(appeal.status).toBe('closed')
    await uploadPhoto(t, await resident.account.login())
    // the file store (DATA_DIR/files): nested folders, binary content, a name with Chinese characters
    fs.mkdirSync(path.join(dataDir, 'files', '2026', '11'), { recursive: true })
    fs.writeFileSync(path.join(dataDir, 'files', '2026', '11', 'a1.jpg'), crypto.randomBytes(70_000))
    fs.writeFileSync(path.join(dataDir, 'files', '2026', '11', '现场照片.png'), crypto.randomBytes(513))
    fs.writeFileSync(path.join(dataDir, 'files', 'empty.bin'), Buffer.alloc(0))
    filesBefore = filesOf(path.join(dataDir, 'files'))
    before = await fingerprint(t.database)
    // PGlite: a backup is taken with the server stopped (it holds the folder); PostgreSQL: while it runs
    if (kind === 'pglite') {
      await t.close()
      t = undefined
    }
  })

  afterAll(async () => {
    await t?.close()
    if (adminUrl) {
      const c = new pg.Client({ connectionString: adminUrl })
      await c.connect()
      for (const name of createdDatabases) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await c.end()
    }
    fs.rmSync(work, { recursive: true, force: true })
  })

  it('`yiwang backup` writes one archive: a manifest first, then the database and every file, each with its sha256', async () => {
    const r = yiwang(['backup', '--out', archive], { dataDir, ...(t?.databaseUrl ? { databaseUrl: t.databaseUrl } : {}) })
    expect(r.status, r.out).toBe(0)
    expect(r.out).toContain('备份完成')
    expect(r.out).toContain('不在备份中') // the PII key is kept apart, and the operator is told so
    const names: string[] = []
    const manifest = await readArchive(archive, {
      onManifest: () => undefined,
      onPart: async (part, s) => {
        names.push(part.path)
        for await (const _c of s) {
          /* hashed by readArchive */
        }
      },
    })
    expect(manifest).toMatchObject({ format: 'yiwang-backup', database: { kind }, files: { count: 3 } })
    expect(manifest.migrations.lastTag).toBe(codeMigrations().at(-1)!.tag)
    expect(manifest.counts['public.appeal']).toBe(before['public.appeal']!.rows)
    expect(manifest.counts['public.audit_log']).toBe(before['public.audit_log']!.rows)
    expect(names).toEqual(manifest.parts.map((p) => p.path))
    expect(names).toEqual(expect.arrayContaining(['files/2026/11/a1.jpg', 'files/2026/11/现场照片.png', 'files/empty.bin']))
    expect(names.some((n) => (kind === 'pglite' ? n === 'database/pglite/PG_VERSION' : n === 'database/yiwang.pgdump'))).toBe(true)
    expect(names).not.toContain('database/pglite/yiwang.lock')
  })

  it('after the data is destroyed, `yiwang restore` brings back every table row for row and every file byte for byte', async () => {
    // the disaster: the database and the file store are gone
    if (kind === 'pglite') {
      fs.rmSync(path.join(dataDir, 'pglite'), { recursive: true, force: true })
    } else {
      await t!.close()
      t = undefined
      restoredUrl = await emptyPgDatabase()
    }
    fs.rmSync(path.join(dataDir, 'files'), { recursive: true, force: true })

    const r = yiwang(['restore', archive], { dataDir, ...(restoredUrl ? { databaseUrl: restoredUrl } : {}) })
    expect(r.status, r.out).toBe(0)
    expect(r.out).toContain('恢复完成')

    const restored = await openRestored(dataDir, restoredUrl)
    try {
      const after = await fingerprint(restored)
      expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort())
      for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table])
    } finally {
      await restored.close()
    }
    expect(filesOf(path.join(dataDir, 'files'))).toEqual(filesBefore)
  })

  it('refuses a target that is not empty without --force, and changes nothing', async () => {
    const r = yiwang(['restore', archive], { dataDir, ...(restoredUrl ? { databaseUrl: restoredUrl } : {}) })
    expect(r.status).toBe(1)
    expect(r.out).toContain('恢复目标不是空的')
    expect(r.out).toContain('--force')
    expect(r.out).not.toMatch(/\n\s+at /)
  })

  it('with --force replaces the data, and keeps what it replaced aside (PGlite) or restores in place (PostgreSQL)', async () => {
    fs.writeFileSync(path.join(dataDir, 'files', 'added-after-the-backup.txt'), '备份之后新增的文件')
    if (restoredUrl) {
      // what the archive does not have must not survive a forced restore (it would trip later migrations)
      const c = new pg.Client({ connectionString: restoredUrl })
      await c.connect()
      await c.query('CREATE TABLE public.made_after_the_backup (x int)')
      await c.query(`SELECT audit_log_ensure_month('2039-01-01')`)
      await c.end()
    }
    const result = await restoreBackup(envOf(dataDir, restoredUrl), { file: archive, force: true, now: new Date() })
    expect(filesOf(path.join(dataDir, 'files'))).toEqual(filesBefore)
    const filesAside = result.movedAside.find((p) => path.basename(p).startsWith('files.replaced-'))
    expect(fs.readFileSync(path.join(filesAside!, 'added-after-the-backup.txt'), 'utf8')).toBe('备份之后新增的文件')
    if (kind === 'pglite') expect(result.movedAside.some((p) => path.basename(p).startsWith('pglite.replaced-'))).toBe(true)
    const restored = await openRestored(dataDir, restoredUrl)
    try {
      expect(await fingerprint(restored)).toEqual(before)
    } finally {
      await restored.close()
    }
  })

  it('refuses an archive changed by one byte, before the target is touched', async () => {
    const damaged = path.join(work, 'damaged.tar')
    const bytes = fs.readFileSync(archive)
    // flip a byte inside the 70 kB file's contents (found by its first bytes)
    const content = fs.readFileSync(path.join(dataDir, 'files', '2026', '11', 'a1.jpg'))
    const at = bytes.indexOf(content.subarray(0, 64)) + 1000
    expect(at).toBeGreaterThan(1000)
    bytes[at] = bytes[at]! ^ 0xff
    fs.writeFileSync(damaged, bytes)
    const fresh = path.join(work, 'fresh-for-damaged')
    const url = adminUrl ? await emptyPgDatabase() : undefined
    const refused = restoreBackup(envOf(fresh, url), { file: damaged, force: false, now: new Date() })
    await expect(refused).rejects.toThrow(BackupError)
    await expect(refused).rejects.toThrow('校验失败')
    expect(filesOf(path.join(fresh, 'files'))).toEqual({})
    if (kind === 'pglite') expect(fs.readdirSync(path.join(fresh, 'pglite'))).toEqual([])
  })

  it('refuses an archive of newer migrations than this program, and one of the other database kind', async () => {
    const newer = path.join(work, 'newer.tar')
    await rewriteManifest(archive, newer, (m) => {
      m.migrations.count += 1
      m.migrations.lastCreatedAt = (m.migrations.lastCreatedAt ?? 0) + 86_400_000
      m.migrations.lastTag = '0099_from_the_future'
    })
    const fresh = path.join(work, 'fresh-for-newer')
    const url = adminUrl ? await emptyPgDatabase() : undefined
    await expect(restoreBackup(envOf(fresh, url), { file: newer, force: true, now: new Date() })).rejects.toThrow('0099_from_the_future')
    // an archive of PGlite cannot go into PostgreSQL, nor the other way round
    const other = kind === 'pglite' ? 'postgres://nobody@127.0.0.1:1/none' : undefined
    await expect(restoreBackup(envOf(path.join(work, 'fresh-other'), other), { file: archive, force: true, now: new Date() })).rejects.toThrow('当前配置的是')
  })

  it.runIf(kind === 'pglite')('refuses to back up or restore a folder a running server holds, naming it', async () => {
    // this test process stands in for the server: it holds the data folder's lock
    const release = lockDataFolder(path.join(dataDir, 'pglite'), 'npm start')
    try {
      const backup = yiwang(['backup', '--out', path.join(work, 'while-running.tar')], { dataDir })
      expect(backup.status).toBe(1)
      expect(backup.out).toContain('正由另一个进程使用')
      expect(backup.out).toContain(`pid ${process.pid}`)
      expect(fs.existsSync(path.join(work, 'while-running.tar'))).toBe(false)
      const restore = yiwang(['restore', archive, '--force'], { dataDir })
      expect(restore.status).toBe(1)
      expect(restore.out).toContain('正由另一个进程使用')
    } finally {
      release()
    }
  })
})
