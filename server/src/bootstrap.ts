/** Open the database, apply migrations, load keys and the calendar: shared by main.ts and the CLI. */
import fs from 'node:fs'
import path from 'node:path'
import type { Env } from './env'
import { migrateDatabase, openDatabase, type Database } from './db/client'
import { isDatabaseUnavailable } from './db/connection-errors'
import { derivePiiKeys, generateMasterKey, Pii } from './lib/pii'
import { compactAfterLegacyMove, moveLegacyFileBytes } from './modules/files'
import { openFileStore, type FileStore } from './storage'

export interface Stack {
  database: Database
  pii: Pii
  /** where the PII key came from, for the start-up banner */
  keySource: 'env' | 'file'
  /** the bytes of uploaded files (DATA_DIR/files, or the S3 bucket) */
  fileStore: FileStore
}

/** The PII master key: PII_KEY, or (outside production) a demo key kept in DATA_DIR/pii-key. */
export function resolvePiiKey(env: Env): { key: string; source: 'env' | 'file' } {
  if (env.piiKey) return { key: env.piiKey, source: 'env' }
  const file = path.join(env.dataDir, 'pii-key')
  if (fs.existsSync(file)) return { key: fs.readFileSync(file, 'utf8').trim(), source: 'file' }
  fs.mkdirSync(env.dataDir, { recursive: true })
  const key = generateMasterKey()
  fs.writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' })
  return { key, source: 'file' }
}

export interface OpenStackOptions {
  /**
   * How long to wait for a PostgreSQL server that cannot be reached yet (starting, restarting, failing
   * over) before giving up (ms). The server waits (a replaced worker must not die again at once while the
   * database is away); the CLI does not (0: fail at once).
   */
  waitForDatabaseMs?: number
  /** progress lines (the move of an older install's file bytes out of the database) */
  log?: (line: string) => void
}

/**
 * Open the database and the file store and migrate. Before the migrations, files an older install kept
 * in the database are copied to the file store (the migration that follows drops their column).
 */
export async function openStack(env: Env, opts: OpenStackOptions = {}): Promise<Stack> {
  const { key, source } = resolvePiiKey(env)
  const database = await openDatabase({
    ...(env.databaseUrl ? { databaseUrl: env.databaseUrl } : { dataDir: path.join(env.dataDir, 'pglite') }),
    poolSize: env.dbPoolSize,
    connectTimeoutMs: env.dbConnectTimeoutMs,
  })
  const fileStore = openFileStore(env.fileStore)
  try {
    let moved = 0
    await whenReachable(async () => {
      moved = await moveLegacyFileBytes(database.db, fileStore, opts.log ?? (() => undefined))
      await migrateDatabase(database)
    }, opts.waitForDatabaseMs ?? 0)
    await compactAfterLegacyMove(database.db, moved)
  } catch (e) {
    await fileStore.close().catch(() => undefined)
    await database.close().catch(() => undefined)
    throw e
  }
  return { database, pii: new Pii(derivePiiKeys(key, env.piiCipher)), keySource: source, fileStore }
}

/** Run `step` (idempotent); while the database cannot be reached, try again (0.25 s, 0.5 s … every 5 s) until `waitMs` has passed. */
async function whenReachable(step: () => Promise<void>, waitMs: number): Promise<void> {
  const giveUpAt = Date.now() + waitMs
  for (let delay = 250; ; delay = Math.min(delay * 2, 5_000)) {
    try {
      await step()
      return
    } catch (e) {
      if (!isDatabaseUnavailable(e) || Date.now() + delay > giveUpAt) throw e
      console.warn(`数据库暂时无法连接，${(delay / 1000).toFixed(2)} 秒后重试 / database unavailable, retrying`)
      await new Promise((r) => setTimeout(r, delay))
    }
  }
}
