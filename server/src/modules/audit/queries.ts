import { and, desc, eq, gte, lt, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { olderThan } from '../../db/keyset'
import { auditLog } from '../../db/schema/index'

export type AuditRow = typeof auditLog.$inferSelect

export interface AuditFilter {
  from?: Date
  to?: Date
  actorUserId?: number
  action?: string
  entityType?: string
  entityId?: string
}

function auditWhere(f: AuditFilter) {
  return and(
    f.from ? gte(auditLog.at, f.from) : undefined,
    f.to ? lt(auditLog.at, f.to) : undefined,
    f.actorUserId ? eq(auditLog.actorUserId, f.actorUserId) : undefined,
    f.action ? eq(auditLog.action, f.action) : undefined,
    f.entityType ? eq(auditLog.entityType, f.entityType) : undefined,
    f.entityId ? eq(auditLog.entityId, f.entityId) : undefined,
  )
}

export function listAuditLogs(db: Db, f: AuditFilter & { cursor?: { at: string; id: number }; limit: number }) {
  return db
    .select()
    .from(auditLog)
    .where(and(auditWhere(f), olderThan(auditLog.at, auditLog.id, f.cursor && { t: f.cursor.at, id: f.cursor.id })))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(f.limit + 1)
}

export async function countAuditRows(db: Db, f: AuditFilter): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(auditWhere(f))
  return r?.n ?? 0
}
