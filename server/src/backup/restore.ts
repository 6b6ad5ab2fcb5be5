/**
 * `yiwang restore FILE [--force]`: put an archive's database and file store back.
 *
 * Refused before anything is written: an archive that is not ours or of a newer format, one whose
 * migrations are newer than this program's (restore with the program that made it, or a newer one), one of
 * the other database kind, and a target that already holds data unless --force. Then every part is
 * extracted into a staging folder beside the data (DATA_DIR/.restore-<pid>), hashed on the way and compared
 * with the manifest; only a whole, verified archive reaches the target:
 *
 * - PGlite: with the folder's lock held throughout (a running server refuses the restore), the staged
 *   folder is opened once and its row counts compared with the manifest, then swapped in. With --force the
 *   data that was there is moved aside to DATA_DIR/pglite.replaced-<time>, not deleted.
 * - PostgreSQL: the script of `pg_restore --clean --if-exists --no-owner` run by psql as one transaction
 *   (pg-tools.ts): all or nothing, a failure leaves the database as it was. With --force over a database
 *   that holds data, the transaction first empties the `public` and `drizzle` schemas, so nothing the
 *   archive lacks survives (a partition made after the backup, a later migration's table, which would trip
 *   the next start's migrations). A database migrated further than the archive is refused even with --force:
 *   restore it with the program of its own version. The row counts are then compared with the manifest.
 * - The file store (DATA_DIR/files) is swapped the same way; the old one moved aside with --force.
 *
 * The next start (or `yiwang migrate`) applies any migrations newer than the archive's.
 */
import fs from 'node:fs'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { Env } from '../env'
import { openDatabase } from '../db/client'
import { LOCK_FILE, lockDataFolder } from '../db/folder-lock'
import { BackupError, readArchive, targetOf, type BackupManifest } from './archive'
import { codeMigrations, FILES_FOLDER, PGDUMP_PART, PGLITE_FOLDER, PGLITE_PREFIX } from './backup'
import { findPgTool, restoreDump } from './pg-tools'
import { countRows, EMPTY_SCHEMAS_SQL, hasTables, listTables, migrationLevel, type Run } from './queries'

export interface RestoreResult {
  manifest: BackupManifest
  tables: number
  rows: number
  files: number
  /** where the data that was replaced went (with --force) */
  movedAside: string[]
}

const stampOf = (now: Date) => now.toISOString().replace(/[-:]/g, '').slice(0, 15)

/** The archive may be restored by this program into this kind of database. */
function checkManifest(m: BackupManifest, env: Env): void {
  const journal = codeMigrations()
  const newest = journal.at(-1)
  if (m.migrations.count > journal.length || (m.migrations.lastCreatedAt ?? 0) > (newest?.when ?? 0)) {
    throw new BackupError(
      `备份的数据库迁移版本（${m.migrations.lastTag ?? `第 ${m.migrations.count} 个迁移`}）比本程序（${newest?.tag ?? '无'}）新：请用生成备份的版本或更新的版本恢复` +
        ` / the archive's migrations are newer than this program's; restore it with the version that made it or a newer one`,
    )
  }
  const kind = env.databaseUrl ? 'postgres' : 'pglite'
  if (m.database.kind !== kind) {
    const name = (k: string) => (k === 'pglite' ? '内嵌数据库 PGlite' : 'PostgreSQL')
    throw new BackupError(
      `这是${name(m.database.kind)}的备份，当前配置的是${name(kind)}（${kind === 'postgres' ? '设置了' : '未设置'} DATABASE_URL）/ the archive is of ${m.database.kind}, this configuration uses ${kind}`,
    )
  }
}

function hasAnyFile(dir: string, ignore: (name: string) => boolean = () => false): boolean {
  if (!fs.existsSync(dir)) return false
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (ignore(e.name)) continue
    if (e.isFile() || !e.isDirectory() || hasAnyFile(path.join(dir, e.name))) return true
  }
  return false
}

function compareCounts(m: BackupManifest, restored: Record<string, number>): void {
  const wrong = Object.entries(m.counts).filter(([t, n]) => restored[t] !== n)
  if (wrong.length) {
    const [t, n] = wrong[0]!
    throw new BackupError(`恢复后的行数与备份清单不符（${t}：清单 ${n} 行，恢复后 ${restored[t] ?? '无此表'}）/ row counts differ from the manifest`)
  }
}

/** Move everything in `dir` (but `keep`) into `aside`; returns whether anything moved. */
function moveContents(dir: string, aside: string, keep: (name: string) => boolean = () => false): boolean {
  const names = fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => !keep(n)) : []
  if (!names.length) return false
  fs.mkdirSync(aside, { recursive: true })
  for (const n of names) fs.renameSync(path.join(dir, n), path.join(aside, n))
  return true
}

export async function restoreBackup(env: Env, o: { file: string; force: boolean; now: Date }): Promise<RestoreResult> {
  const file = path.resolve(o.file)
  const manifest = await readArchive(file, { onManifest: (m) => checkManifest(m, env) })
  const filesDir = path.join(env.dataDir, FILES_FOLDER)
  const pgliteDir = path.join(env.dataDir, PGLITE_FOLDER)
  const stamp = stampOf(o.now)
  const movedAside: string[] = []
  let release: (() => void) | undefined
  const staging = path.join(env.dataDir, `.restore-${process.pid}`)
  try {
    // 1. the target: held (PGlite) and empty, unless --force
    let targetHasData: boolean
    if (env.databaseUrl) {
      const database = await openDatabase({ databaseUrl: env.databaseUrl, poolSize: 1 })
      try {
        const run: Run = async (t) => (await database.pool!.query(t)).rows as Record<string, unknown>[]
        targetHasData = await hasTables(run)
        const level = await migrationLevel(run)
        if (targetHasData && o.force && (level.lastCreatedAt ?? 0) > (manifest.migrations.lastCreatedAt ?? 0)) {
          throw new BackupError(
            `目标数据库的迁移版本比备份新，pg_restore 无法清除备份中没有的对象：请先清空该数据库（DROP DATABASE 后 CREATE DATABASE），再恢复` +
              ` / the target database is migrated further than the archive: empty it first (drop and create the database)`,
          )
        }
      } finally {
        await database.close()
      }
    } else {
      release = lockDataFolder(pgliteDir, `yiwang restore ${file}`)
      targetHasData = hasAnyFile(pgliteDir, (n) => n === LOCK_FILE)
    }
    const filesHaveData = hasAnyFile(filesDir)
    if ((targetHasData || filesHaveData) && !o.force) {
      const what = [targetHasData ? (env.databaseUrl ? '数据库中已有数据表' : `${pgliteDir} 中已有数据库`) : '', filesHaveData ? `${filesDir} 中已有文件` : ''].filter(Boolean).join('，')
      throw new BackupError(`恢复目标不是空的（${what}）。确认要用备份替换它，请加 --force / the target is not empty; add --force to replace it`)
    }

    // 2. every part into the staging folder, each checked against the manifest's sha256
    fs.rmSync(staging, { recursive: true, force: true })
    fs.mkdirSync(staging, { recursive: true, mode: 0o700 })
    await readArchive(file, {
      onManifest: (m) => checkManifest(m, env),
      onDirectory: (name) => fs.mkdirSync(targetOf(staging, name), { recursive: true, mode: 0o700 }),
      onPart: async (part, stream) => {
        const to = targetOf(staging, part.path)
        fs.mkdirSync(path.dirname(to), { recursive: true })
        await pipeline(stream, fs.createWriteStream(to, { mode: 0o600 }))
      },
    })

    // 3. the database
    let restored: Record<string, number>
    if (env.databaseUrl) {
      const dump = path.join(staging, PGDUMP_PART)
      if (!fs.existsSync(dump)) throw new BackupError('备份中没有 PostgreSQL 数据库转储 / the archive holds no pg_dump')
      const tools = { pgRestore: findPgTool('pg_restore'), psql: findPgTool('psql') }
      // with --force over existing data: the schemas are emptied first, in the restore's own transaction
      await restoreDump(tools, dump, env.databaseUrl, targetHasData ? EMPTY_SCHEMAS_SQL : '')
      const database = await openDatabase({ databaseUrl: env.databaseUrl, poolSize: 1 })
      try {
        const run: Run = async (t) => (await database.pool!.query(t)).rows as Record<string, unknown>[]
        restored = await countRows(run, await listTables(run))
      } finally {
        await database.close()
      }
      compareCounts(manifest, restored)
    } else {
      const staged = path.join(staging, PGLITE_PREFIX)
      if (!fs.existsSync(path.join(staged, 'PG_VERSION'))) throw new BackupError('备份中没有 PGlite 数据目录 / the archive holds no PGlite folder')
      fs.rmSync(path.join(staged, LOCK_FILE), { force: true })
      const database = await openDatabase({ dataDir: staged })
      try {
        const run: Run = async (t) => (await database.pglite!.query(t)).rows as Record<string, unknown>[]
        restored = await countRows(run, await listTables(run))
      } finally {
        await database.close()
      }
      compareCounts(manifest, restored)
      // the lock on pglite/ stays held while its contents are swapped
      const aside = path.join(env.dataDir, `${PGLITE_FOLDER}.replaced-${stamp}`)
      if (moveContents(pgliteDir, aside, (n) => n === LOCK_FILE)) movedAside.push(aside)
      for (const n of fs.readdirSync(staged)) fs.renameSync(path.join(staged, n), path.join(pgliteDir, n))
    }

    // 4. the file store
    const stagedFiles = path.join(staging, FILES_FOLDER)
    if (fs.existsSync(filesDir)) {
      const aside = path.join(env.dataDir, `${FILES_FOLDER}.replaced-${stamp}`)
      if (filesHaveData) {
        fs.renameSync(filesDir, aside)
        movedAside.push(aside)
      } else {
        fs.rmSync(filesDir, { recursive: true, force: true })
      }
    }
    if (fs.existsSync(stagedFiles)) fs.renameSync(stagedFiles, filesDir)

    return {
      manifest,
      tables: Object.keys(restored).length,
      rows: Object.values(restored).reduce((a, b) => a + b, 0),
      files: manifest.files.count,
      movedAside,
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true })
    release?.()
  }
}
