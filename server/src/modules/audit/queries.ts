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
  cursor?: { at: string; id: number }
  limit: number
}

export function listAuditLogs(db: Db, f: AuditFilter) {
  const conds = [
    f.from ? gte(auditLog.at, f.from) : undefined,
    f.to ? lt(auditLog.at, f.to) : undefined,
    f.actorUserId ? eq(auditLog.actorUserId, f.actorUserId) : undefined,
    f.action ? eq(auditLog.action, f.action) : undefined,
    f.entityType ? eq(auditLog.entityType, f.entityType) : undefined,
    f.entityId ? eq(auditLog.entityId, f.entityId) : undefined,
    olderThan(auditLog.at, auditLog.id, f.cursor && { t: f.cursor.at, id: f.cursor.id }),
  ]
  return db
    .select()
    .from(auditLog)
    .where(and(...conds))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(f.limit + 1)
}

export async function countAuditLogs(db: Db, action: string, entityId?: string): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(and(eq(auditLog.action, action), entityId ? eq(auditLog.entityId, entityId) : undefined))
  return rows[0]?.n ?? 0
}
