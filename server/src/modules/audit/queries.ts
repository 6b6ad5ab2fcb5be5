import { and, eq, gte, like, lt, or, sql } from 'drizzle-orm'
import { fromRaw, rowsOf, type Db } from '../../db/client'
import { newestFirst, olderThan } from '../../db/keyset'
import { auditLog, userAccount } from '../../db/schema/index'

export type AuditRow = typeof auditLog.$inferSelect

export interface AuditFilter {
  from?: Date
  to?: Date
  actorUserId?: number
  /** the account's login name (its audit rows name its id) */
  actorUsername?: string
  /** an action or a namespace of actions: `auth` → auth.login, auth.loginFailed …; `auth.login` → that one */
  action?: string
  entityType?: string
  entityId?: string
}

function auditWhere(f: AuditFilter) {
  const action = f.action?.replace(/\.+$/, '')
  return and(
    f.from ? gte(auditLog.at, f.from) : undefined,
    f.to ? lt(auditLog.at, f.to) : undefined,
    f.actorUserId ? eq(auditLog.actorUserId, f.actorUserId) : undefined,
    f.actorUsername
      ? sql`${auditLog.actorUserId} = (SELECT ${userAccount.id} FROM ${userAccount} WHERE lower(${userAccount.username}) = lower(${f.actorUsername}))`
      : undefined,
    // the contract admits letters and dots only, so the value carries no LIKE wildcard of its own
    action ? or(eq(auditLog.action, action), like(auditLog.action, `${action}.%`)) : undefined,
    f.entityType ? eq(auditLog.entityType, f.entityType) : undefined,
    f.entityId ? eq(auditLog.entityId, f.entityId) : undefined,
  )
}

export function listAuditLogs(db: Db, f: AuditFilter & { cursor?: { at: string; id: number }; limit: number }) {
  return db
    .select()
    .from(auditLog)
    .where(and(auditWhere(f), olderThan(auditLog.at, auditLog.id, f.cursor && { t: f.cursor.at, id: f.cursor.id })))
    .orderBy(...newestFirst(auditLog.at, auditLog.id))
    .limit(f.limit + 1)
}

export async function countAuditRows(db: Db, f: AuditFilter): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(auditWhere(f))
  return r?.n ?? 0
}

// ---- partitions (migration 0014: audit_log is partitioned by Asia/Shanghai month) ----

/** One month partition of audit_log: `month` is its first day (YYYY-MM-01), [lo, hi) its instants. */
export interface AuditPartition {
  name: string
  month: string
  lo: Date
  hi: Date
}

/** Create the month partitions of `months` (first days, YYYY-MM-01) that are missing; returns those created. */
export async function ensureAuditMonths(db: Db, months: string[]): Promise<string[]> {
  const created: string[] = []
  for (const m of months) {
    const [r] = rowsOf<{ created: boolean }>(await db.execute(sql`SELECT audit_log_ensure_month(${m}::date) AS created`))
    if (r?.created) created.push(m)
  }
  return created
}

/** The month partitions there are, oldest first (the default partition is not one of them). */
export async function listAuditPartitions(db: Db): Promise<AuditPartition[]> {
  const rows = rowsOf<{ name: string; month: string; lo: string | Date; hi: string | Date }>(
    await db.execute(sql`
      SELECT p.name, to_char(p.m, 'YYYY-MM-DD') AS month,
             p.m::timestamp AT TIME ZONE 'Asia/Shanghai' AS lo,
             (p.m + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai' AS hi
        FROM (SELECT c.relname::text AS name, to_date(substr(c.relname, 11), 'YYYY_MM') AS m
                FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
               WHERE i.inhparent = 'audit_log'::regclass AND c.relname ~ '^audit_log_[0-9]{4}_[0-9]{2}$') AS p
       ORDER BY p.m`),
  )
  return rows.map((r) => ({ name: r.name, month: r.month, lo: new Date(r.lo), hi: new Date(r.hi) }))
}

/** The Asia/Shanghai months (YYYY-MM-01) of rows the default partition caught before `before`. */
export async function defaultPartitionMonths(db: Db, before: Date): Promise<string[]> {
  const rows = rowsOf<{ m: string }>(
    await db.execute(sql`
      SELECT DISTINCT to_char(date_trunc('month', at AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD') AS m
        FROM audit_log_default WHERE at < ${before} ORDER BY 1`),
  )
  return rows.map((r) => r.m)
}

/** Row count and id checksum of one partition: what an archive file must hold before the partition goes. */
export async function auditPartitionSummary(db: Db, partition: string): Promise<{ rows: number; idSum: string; maxId: number | null }> {
  const [r] = rowsOf<{ rows: number; id_sum: string | null; max_id: number | null }>(
    await db.execute(sql`SELECT count(*)::int AS rows, sum(id)::text AS id_sum, max(id) AS max_id FROM ${sql.identifier(partition)}`),
  )
  return { rows: r?.rows ?? 0, idSum: r?.id_sum ?? '0', maxId: r?.max_id ?? null }
}

/** One page of a partition's rows in id order (the archive reads a month 1,000 rows at a time). */
export async function auditPartitionPage(db: Db, partition: string, afterId: number, limit: number): Promise<AuditRow[]> {
  const raw = rowsOf<Record<string, unknown>>(
    await db.execute(sql`SELECT * FROM ${sql.identifier(partition)} WHERE id > ${afterId} ORDER BY id LIMIT ${limit}`),
  )
  return raw.map((r) => fromRaw(auditLog, r))
}

/**
 * Take a month out of the log: DETACH the partition (its rows leave audit_log whole — no row is deleted) and
 * DROP the detached table. Only the archive calls it, after the month's file is written and verified.
 */
export async function detachAndDropAuditPartition(tx: Db, partition: string): Promise<void> {
  await tx.execute(sql`ALTER TABLE audit_log DETACH PARTITION ${sql.identifier(partition)}`)
  await tx.execute(sql`DROP TABLE ${sql.identifier(partition)}`)
}
