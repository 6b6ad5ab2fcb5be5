/** The core's SQL: audit rows, outbox rows and the shared workflow timeline. Each takes a handle that may be a transaction. */
import { and, asc, eq, sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import { auditLog, notificationOutbox, workflowEvent } from '../db/schema/index'

export type AuditInsert = typeof auditLog.$inferInsert
export type OutboxInsert = typeof notificationOutbox.$inferInsert
export type OutboxRow = typeof notificationOutbox.$inferSelect
export type WorkflowEventInsert = typeof workflowEvent.$inferInsert
export type WorkflowEventRow = typeof workflowEvent.$inferSelect

export async function insertAudit(db: Db, row: AuditInsert): Promise<void> {
  await db.insert(auditLog).values(row)
}

/** Whether an audit row of this action on this entity, whose detail contains `detail`, exists. */
export async function auditExists(db: Db, a: { action: string; entityType: string; entityId: string; detail: Record<string, unknown> }): Promise<boolean> {
  const rows = await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, a.action),
        eq(auditLog.entityType, a.entityType),
        eq(auditLog.entityId, a.entityId),
        sql`${auditLog.detail} @> ${JSON.stringify(a.detail)}::jsonb`,
      ),
    )
    .limit(1)
  return rows.length > 0
}

export async function insertOutbox(db: Db, rows: OutboxInsert[]): Promise<void> {
  if (rows.length) await db.insert(notificationOutbox).values(rows)
}

export async function insertWorkflowEvent(db: Db, row: WorkflowEventInsert): Promise<WorkflowEventRow> {
  const [r] = await db.insert(workflowEvent).values(row).returning()
  return r!
}

/** Many timeline rows in one statement (an import publishing thousands of records). */
export async function insertWorkflowEvents(db: Db, rows: WorkflowEventInsert[]): Promise<void> {
  if (rows.length) await db.insert(workflowEvent).values(rows)
}

export function listWorkflowEvents(db: Db, entityType: string, entityId: number): Promise<WorkflowEventRow[]> {
  return db
    .select()
    .from(workflowEvent)
    .where(and(eq(workflowEvent.entityType, entityType), eq(workflowEvent.entityId, entityId)))
    .orderBy(asc(workflowEvent.id))
}
