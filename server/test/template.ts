/**
 * The test database template: migrations applied and the demo county loaded once per change of
 * the schema or seed code, then copied for each test file — PGlite from a dumped data directory
 * (initdb in WASM costs seconds; loading a dump does not), PostgreSQL by CREATE DATABASE … TEMPLATE.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { migrateDatabase, openDatabase } from '../src/db/client'
import { derivePiiKeys, Pii } from '../src/lib/pii'
import { seedDemo } from '../src/seed/demo'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
/** A fixed key so that the template's ciphertexts are readable by every test. */
export const TEST_PII_KEY = Buffer.alloc(32, 7).toString('base64')
/** The demo data is seeded "as of" this instant; test clocks start just after it (a Monday). */
export const TEST_AS_OF = new Date('2026-11-23T08:00:00+08:00')

export function testPii(): Pii {
  return new Pii(derivePiiKeys(TEST_PII_KEY, 'aes-256-gcm'))
}

function hashTree(dir: string, h: crypto.Hash): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, entry.name)
    if (entry.isDirectory()) hashTree(p, h)
    else {
      h.update(p)
      h.update(fs.readFileSync(p))
    }
  }
}

/** Changes when migrations or seed code change. */
export function templateFingerprint(): string {
  const h = crypto.createHash('sha256')
  hashTree(path.join(ROOT, 'server/src/db'), h)
  hashTree(path.join(ROOT, 'server/src/seed'), h)
  h.update(TEST_AS_OF.toISOString())
  return h.digest('hex').slice(0, 12)
}

export function pgliteTemplatePath(fp: string): string {
  return path.join(ROOT, 'node_modules/.cache/yiwang-test', `template-${fp}.tar.gz`)
}

export function pgTemplateName(fp: string): string {
  return `yiwang_tpl_${fp}`
}

export function withDatabase(url: string, dbName: string): string {
  const u = new URL(url)
  u.pathname = `/${dbName}`
  return u.toString()
}

export async function buildPgliteTemplate(file: string): Promise<void> {
  const database = await openDatabase({})
  await migrateDatabase(database)
  await seedDemo(database.db, testPii(), { asOf: TEST_AS_OF })
  const blob = (await database.pglite!.dumpDataDir('gzip')) as Blob
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const tmp = `${file}.${process.pid}.tmp`
  fs.writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()))
  fs.renameSync(tmp, file)
  await database.close()
}

export async function buildPgTemplate(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (exists.rowCount) return
    const building = `${name}_build`
    await admin.query(`DROP DATABASE IF EXISTS ${building}`)
    await admin.query(`CREATE DATABASE ${building}`)
    const database = await openDatabase({ databaseUrl: withDatabase(adminUrl, building), poolSize: 2 })
    await migrateDatabase(database)
    await seedDemo(database.db, testPii(), { asOf: TEST_AS_OF })
    await database.close()
    await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`)
  } finally {
    await admin.end()
  }
}
