/**
 * The only file that knows which database we run on: embedded PGlite (default, data in
 * DATA_DIR/pglite) or PostgreSQL (DATABASE_URL). Everything else sees one Drizzle handle.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { getTableColumns, type ExtractTablesWithRelations, type Table } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import pg from 'pg'
import { keepConnected } from './dedicated-connection'
import { lockDataFolder } from './folder-lock'
import * as schema from './schema/index'

export type Schema = typeof schema
/** A database handle or a transaction: queries accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>

export interface Database {
  db: Db
  kind: 'pglite' | 'postgres'
  pglite?: PGlite
  pool?: pg.Pool
  /**
   * LISTEN on a channel for as long as the returned stop function is not called. `onLive` says when the
   * feed is up and when it is lost (on PostgreSQL a dedicated connection that reconnects with backoff;
   * notifications sent while it was down are lost, which the listener must assume).
   */
  listen(channel: string, onPayload: (payload: string) => void, onLive: (live: boolean) => void): Promise<() => Promise<void>>
  /** PostgreSQL: an unconnected client with the pool's settings, for a dedicated session (db/dedicated-connection.ts) */
  newClient?: () => pg.Client
  close(): Promise<void>
}

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations')

// Return timestamps as Date, bigint as number (ids stay well below 2^53), numeric as number.
pg.types.setTypeParser(20, (v) => Number(v))

export interface OpenOptions {
  databaseUrl?: string
  /** PGlite data directory; undefined ⇒ in memory */
  dataDir?: string
  /** start PGlite from a dumped data directory (tests) */
  loadDataDir?: Blob
  poolSize?: number
  /** PostgreSQL: how long getting a connection may take — a new one, or a free one from a busy pool (ms) */
  connectTimeoutMs?: number
  /** the caller already holds the data folder's lock (backup and restore keep it across open and close) */
  folderLocked?: boolean
}

/** What a connection may wait for by default: long enough for a busy pool, short enough to answer 503 while the server is away. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000

const ignoreClientError = () => {
  /* the query running on it fails with the same error, and the pool discards the client on release */
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const settings: pg.ClientConfig = {
      connectionString: opts.databaseUrl,
      // a connection attempt to a server that does not answer fails instead of hanging; so does waiting
      // for a free connection of a pool that stays busy
      connectionTimeoutMillis: opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      // notice a peer that vanished without closing the socket (a failover, a cut network)
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      // Every query of the application is short and index-driven: starting parallel workers or JIT
      // compiling costs more than the query itself (tens of ms for a 2 ms dashboard read).
      options: '-c max_parallel_workers_per_gather=0 -c jit=off',
    }
    const pool = new pg.Pool({ ...settings, max: opts.poolSize ?? 10 })
    // A connection can die at any moment (the server restarts, the network drops). An idle one is
    // dropped and replaced by the pool (its 'error' below); one checked out — a transaction's — would
    // emit an 'error' event with no listener, which ends the process: every client gets a listener.
    pool.on('connect', (client) => client.on('error', ignoreClientError))
    pool.on('error', () => {
      /* an idle client died: the pool has already removed it and opens a new one when needed */
    })
    const db = drizzlePg(pool, { schema }) as unknown as Db
    const newClient = () => new pg.Client(settings)
    return { db, kind: 'postgres', pool, newClient, listen: (c, p, l) => listenPg(newClient, c, p, l), close: () => pool.end() }
  }
  // one process per data folder: a second server or the CLI refuses instead of overwriting this one's writes
  const release = opts.dataDir && !opts.folderLocked ? lockDataFolder(opts.dataDir) : () => undefined
  try {
    const pglite = await PGlite.create({
      ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
      ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
      extensions: { pg_trgm },
      parsers: { 20: (v: string) => Number(v) },
    })
    const db = drizzlePglite(pglite, { schema }) as unknown as Db
    return {
      db,
      kind: 'pglite',
      pglite,
      async listen(channel, onPayload, onLive) {
        // notifications arrive with the result of the statement that committed them: before its caller resumes
        const unlisten = await pglite.listen(channel, onPayload)
        onLive(true)
        return async () => {
          onLive(false)
          await unlisten()
        }
      },
      close: async () => {
        await pglite.close()
        release()
      },
    }
  } catch (e) {
    release()
    throw e
  }
}

/** A LISTEN on a dedicated connection (db/dedicated-connection.ts), re-established with backoff whenever it is lost. */
async function listenPg(
  newClient: () => pg.Client,
  channel: string,
  onPayload: (payload: string) => void,
  onLive: (live: boolean) => void,
): Promise<() => Promise<void>> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`)
  const connection = keepConnected({
    newClient,
    onConnect: async (c) => {
      c.on('notification', (m) => {
        if (m.channel === channel) onPayload(m.payload ?? '')
      })
      await c.query(`LISTEN ${channel}`)
      onLive(true)
    },
    onLost: () => onLive(false),
    // an attempt that failed after its LISTEN (the session died while being set up) is not live either
    onRetry: () => onLive(false),
  })
  await connection.client()
  return async () => {
    onLive(false)
    await connection.close()
  }
}

/** Apply the committed migrations. On PostgreSQL an advisory lock keeps concurrent starts in line. */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS_DIR })
    return
  }
  const client = await database.pool!.connect()
  try {
    await client.query('SELECT pg_advisory_lock(7345201)')
    await migratePg(drizzlePg(client), { migrationsFolder: MIGRATIONS_DIR })
  } finally {
    await client.query('SELECT pg_advisory_unlock(7345201)').catch(() => undefined)
    client.release()
  }
}

/** Rows of a raw SQL result, whichever driver produced it. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows
}

/** A raw row (snake_case, driver values) as Drizzle would return it from `table` (camelCase, mapped). */
export function fromRaw<T extends Table>(table: T, raw: Record<string, unknown>): T['$inferSelect'] {
  const out: Record<string, unknown> = {}
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const v = raw[column.name]
    out[key] = v === null || v === undefined ? null : column.mapFromDriverValue(v)
  }
  return out as T['$inferSelect']
}

/** Whether an error (or its cause) is PostgreSQL's foreign-key violation (23503), whichever driver raised it. */
export function isForeignKeyViolation(e: unknown): boolean {
  for (let x: unknown = e, depth = 0; x && depth < 5; x = (x as { cause?: unknown }).cause, depth++) {
    if ((x as { code?: unknown }).code === '23503') return true
  }
  return false
}
