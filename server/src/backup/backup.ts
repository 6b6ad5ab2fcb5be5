/**
 * `yiwang backup`: one archive (archive.ts) holding the database and the file store.
 *
 * PGlite: the data folder is copied file by file **while this process holds the folder's lock**
 * (db/folder-lock.ts), after opening it once to count the rows, CHECKPOINT and close it cleanly. A
 * server running on the folder holds the lock, so the backup refuses and says which process to stop;
 * nothing can write while the copy is made, so the copy is exactly the closed database. This was chosen
 * over PGlite's `dumpDataDir()`, which builds the whole folder as one tarball in memory (and gzips it
 * there): fine for the tests' template, not for a county's years of data, and it cannot stream.
 *
 * PostgreSQL: `pg_dump -Fc` while the servers keep running. The row counts of the manifest are read in a
 * REPEATABLE READ transaction whose snapshot pg_dump is given (`--snapshot`), so they describe exactly
 * what the dump holds. The file store is copied after the snapshot: a file is written before the row
 * naming it commits and is never changed, so every file the dump names is in the archive.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Env } from '../env'
import { MIGRATIONS_DIR, openDatabase } from '../db/client'
import { LOCK_FILE, lockDataFolder } from '../db/folder-lock'
import { isoShanghai } from '../lib/time'
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupError,
  describeParts,
  listTree,
  readArchive,
  writeArchive,
  type BackupManifest,
  type PartSource,
} from './archive'
import { findPgTool, runPgTool } from './pg-tools'
import { checkpoint, countRows, endSnapshot, exportSnapshot, listTables, migrationLevel, runOn, serverVersion, type Run } from './queries'

export const PGLITE_FOLDER = 'pglite'
export const FILES_FOLDER = 'files'
export const PGDUMP_PART = 'database/yiwang.pgdump'
export const PGLITE_PREFIX = 'database/pglite'

interface JournalEntry {
  idx: number
  when: number
  tag: string
}

/** The migrations this program knows (drizzle's journal). */
export function codeMigrations(): JournalEntry[] {
  return (JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: JournalEntry[] }).entries
}

function appVersion(): string {
  const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../package.json')
  return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version
}

/** `yiwang-backup-20261202-0400.tar` */
export function defaultBackupName(now: Date): string {
  const s = isoShanghai(now)
  return `yiwang-backup-${s.slice(0, 10).replace(/-/g, '')}-${s.slice(11, 16).replace(':', '')}.tar`
}

/** A PGlite Run: the embedded database's rows. */
function pgliteRun(q: (text: string) => Promise<{ rows: unknown[] }>): Run {
  return async (text) => (await q(text)).rows as Record<string, unknown>[]
}

interface Snapshot {
  kind: 'pglite' | 'postgres'
  serverVersion: string
  migrations: { count: number; lastCreatedAt: number | null }
  counts: Record<string, number>
  sources: PartSource[]
  directories: string[]
}

async function snapshotPglite(dir: string): Promise<Snapshot> {
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) throw new BackupError(`${dir} 中没有数据库，无可备份 / no database in ${dir}`)
  const database = await openDatabase({ dataDir: dir, folderLocked: true })
  let snap: Omit<Snapshot, 'sources' | 'directories'>
  try {
    const run = pgliteRun((t) => database.pglite!.query(t))
    snap = { kind: 'pglite', serverVersion: await serverVersion(run), migrations: await migrationLevel(run), counts: await countRows(run, await listTables(run)) }
    await checkpoint(run)
  } finally {
    await database.close()
  }
  const tree = listTree(dir, PGLITE_PREFIX, (rel) => rel === LOCK_FILE)
  return { ...snap, sources: tree.files, directories: tree.directories }
}

async function snapshotPostgres(databaseUrl: string, work: string): Promise<Snapshot> {
  const pgDump = findPgTool('pg_dump')
  const database = await openDatabase({ databaseUrl, poolSize: 1 })
  try {
    const client = await database.pool!.connect()
    try {
      const id = await exportSnapshot(client)
      const run = runOn(client)
      const snap = { kind: 'postgres' as const, serverVersion: await serverVersion(run), migrations: await migrationLevel(run), counts: await countRows(run, await listTables(run)) }
      const dump = path.join(work, 'yiwang.pgdump')
      await runPgTool(pgDump, ['--format=custom', `--snapshot=${id}`, '--file', dump], databaseUrl)
      await endSnapshot(client)
      return { ...snap, sources: [{ path: PGDUMP_PART, file: dump }], directories: ['database'] }
    } finally {
      client.release()
    }
  } finally {
    await database.close()
  }
}

async function drain(_part: unknown, s: AsyncIterable<unknown>): Promise<void> {
  for await (const _chunk of s) {
    /* hashed on the way */
  }
}

export interface BackupResult {
  file: string
  manifest: BackupManifest
}

/**
 * Back up the database `env` names and the file store into `out` (never overwritten). The archive is read
 * back and checked against its manifest before it takes its final name.
 */
export async function createBackup(env: Env, o: { out: string; now: Date }): Promise<BackupResult> {
  const out = path.resolve(o.out)
  if (fs.existsSync(out)) throw new BackupError(`文件已存在，不会覆盖：${out} / the file exists`)
  fs.mkdirSync(path.dirname(out), { recursive: true })
  const work = `${out}.work-${process.pid}`
  const partial = `${out}.partial-${process.pid}`
  let release: (() => void) | undefined
  try {
    fs.mkdirSync(work, { recursive: true })
    let snap: Snapshot
    if (env.databaseUrl) {
      snap = await snapshotPostgres(env.databaseUrl, work)
    } else {
      const dir = path.join(env.dataDir, PGLITE_FOLDER)
      // a running server holds the lock: FolderLockedError names it, and nothing is written
      release = lockDataFolder(dir, `yiwang backup --out ${out}`)
      snap = await snapshotPglite(dir)
    }
    const fileTree = listTree(path.join(env.dataDir, FILES_FOLDER), FILES_FOLDER)
    const fileSources = fileTree.files
    const sources = [...snap.sources, ...fileSources]
    const parts = await describeParts(sources)
    const journal = codeMigrations()
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      appVersion: appVersion(),
      createdAt: isoShanghai(o.now),
      database: { kind: snap.kind, serverVersion: snap.serverVersion },
      migrations: { ...snap.migrations, lastTag: journal.find((j) => j.when === snap.migrations.lastCreatedAt)?.tag ?? null },
      counts: snap.counts,
      files: { count: fileSources.length, bytes: parts.filter((p) => p.path.startsWith(`${FILES_FOLDER}/`)).reduce((n, p) => n + p.size, 0) },
      parts,
      directories: [...snap.directories, ...fileTree.directories],
    }
    await writeArchive(partial, manifest, sources)
    // a backup not read back is a hope: every part is hashed again from the file written
    await readArchive(partial, { onManifest: () => undefined, onPart: drain })
    fs.renameSync(partial, out)
    return { file: out, manifest }
  } finally {
    release?.()
    fs.rmSync(work, { recursive: true, force: true })
    fs.rmSync(partial, { force: true })
  }
}
