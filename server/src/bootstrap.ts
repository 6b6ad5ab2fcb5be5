/** Open the database, apply migrations, load keys and the calendar: shared by main.ts and the CLI. */
import fs from 'node:fs'
import path from 'node:path'
import type { Env } from './env'
import { migrateDatabase, openDatabase, type Database } from './db/client'
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

/**
 * Open the database and the file store and migrate. Before the migrations, files an older install kept
 * in the database are copied to the file store (the migration that follows drops their column).
 */
export async function openStack(env: Env, log: (line: string) => void = () => undefined): Promise<Stack> {
  const { key, source } = resolvePiiKey(env)
  const database = await openDatabase({
    ...(env.databaseUrl ? { databaseUrl: env.databaseUrl } : { dataDir: path.join(env.dataDir, 'pglite') }),
    poolSize: env.dbPoolSize,
  })
  const fileStore = openFileStore(env.fileStore)
  try {
    const moved = await moveLegacyFileBytes(database.db, fileStore, log)
    await migrateDatabase(database)
    await compactAfterLegacyMove(database.db, moved)
  } catch (e) {
    await fileStore.close()
    await database.close()
    throw e
  }
  return { database, pii: new Pii(derivePiiKeys(key, env.piiCipher)), keySource: source, fileStore }
}
