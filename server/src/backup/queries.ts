/**
 * The backup's SQL: which tables there are, how many rows each holds, a fingerprint of each table's rows,
 * how far the migrations have come. Each takes a `Run` — one connection's query function — so that the
 * counts of a PostgreSQL backup are read inside the very snapshot pg_dump copies.
 */
import type pg from 'pg'

/** Run one statement on one connection; the rows come back as objects. */
export type Run = (text: string) => Promise<Record<string, unknown>[]>

export interface TableInfo {
  /** schema.table, quoted where needed */
  qualified: string
  /** schema.table as people read it */
  name: string
  primaryKey: string[]
}

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`

/** Every table of the application's schemas (public, and drizzle's migration journal); a partitioned table once, not its partitions. */
export async function listTables(run: Run): Promise<TableInfo[]> {
  const rows = await run(`
    SELECT n.nspname AS schema, c.relname AS name,
           (SELECT coalesce(json_agg(a.attname ORDER BY k.ord), '[]'::json)
              FROM pg_index i
              CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
             WHERE i.indrelid = c.oid AND i.indisprimary) AS pk
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname IN ('public', 'drizzle')
     ORDER BY n.nspname, c.relname`)
  return rows.map((r) => {
    const pk = typeof r.pk === 'string' ? (JSON.parse(r.pk) as string[]) : (r.pk as string[])
    return { qualified: `${quoteIdent(String(r.schema))}.${quoteIdent(String(r.name))}`, name: `${String(r.schema)}.${String(r.name)}`, primaryKey: pk }
  })
}

/** Rows per table. */
export async function countRows(run: Run, tables: TableInfo[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const t of tables) {
    const [r] = await run(`SELECT count(*)::int AS n FROM ${t.qualified}`)
    counts[t.name] = Number(r?.n ?? 0)
  }
  return counts
}

/**
 * Each table's row count and a hash of its rows in primary-key order (every column, as PostgreSQL writes
 * it as text); a table without a primary key is ordered by the row text itself.
 */
export async function fingerprintTables(run: Run, tables: TableInfo[]): Promise<Record<string, { rows: number; md5: string }>> {
  const out: Record<string, { rows: number; md5: string }> = {}
  for (const t of tables) {
    const order = t.primaryKey.length ? t.primaryKey.map((c) => `t.${quoteIdent(c)}`).join(', ') : 't::text'
    const [r] = await run(`SELECT count(*)::int AS n, md5(coalesce(string_agg(md5(t::text), '' ORDER BY ${order}), '')) AS h FROM ${t.qualified} AS t`)
    out[t.name] = { rows: Number(r?.n ?? 0), md5: String(r?.h) }
  }
  return out
}

/** How many migrations were applied and the journal time of the last (drizzle's own table), or nothing yet. */
export async function migrationLevel(run: Run): Promise<{ count: number; lastCreatedAt: number | null }> {
  const [exists] = await run(`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS ok`)
  if (!exists?.ok) return { count: 0, lastCreatedAt: null }
  const [r] = await run(`SELECT count(*)::int AS n, max(created_at)::text AS last FROM drizzle.__drizzle_migrations`)
  return { count: Number(r?.n ?? 0), lastCreatedAt: r?.last === null || r?.last === undefined ? null : Number(r.last) }
}

export async function serverVersion(run: Run): Promise<string> {
  const [r] = await run(`SHOW server_version`)
  return String(r?.server_version ?? '')
}

/** Whether the database holds any table of ours (restore refuses to overwrite one without --force). */
export async function hasTables(run: Run): Promise<boolean> {
  const [r] = await run(`
    SELECT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE c.relkind IN ('r', 'p') AND n.nspname IN ('public', 'drizzle')) AS any`)
  return !!r?.any
}

/**
 * Open a read-only REPEATABLE READ transaction on `client` and export its snapshot: pg_dump --snapshot=<id>
 * then copies exactly what the counts read on this client see. The caller ends it with `endSnapshot`.
 */
export async function exportSnapshot(client: pg.PoolClient): Promise<string> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
  const r = await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id')
  return r.rows[0]!.id
}

export async function endSnapshot(client: pg.PoolClient): Promise<void> {
  await client.query('COMMIT')
}

/** A Run over one pg client. */
export function runOn(client: pg.PoolClient | pg.Client): Run {
  return async (text) => (await client.query(text)).rows as Record<string, unknown>[]
}

/** Write every dirty page to the data files (before a PGlite folder is closed and copied). */
export async function checkpoint(run: Run): Promise<void> {
  await run('CHECKPOINT')
}

/**
 * Run first, in the restore's transaction, when --force replaces a database that holds data: everything of
 * ours goes (the archive brings it all back, pg_trgm included); `public` is made again, owned by the
 * restoring role (the application's own).
 */
export const EMPTY_SCHEMAS_SQL = `
DROP SCHEMA IF EXISTS drizzle CASCADE;
DROP SCHEMA IF EXISTS public CASCADE;
CREATE SCHEMA public;
`
