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

/** Many timeline rows in one statement, travelling as one JSON parameter (an import publishing thousands of records). */
export async function insertWorkflowEvents(db: Db, rows: WorkflowEventInsert[]): Promise<void> {
  if (!rows.length) return
  await db.execute(sql`
    INSERT INTO workflow_event (entity_type, entity_id, action, from_status, to_status, actor_user_id, actor_role, actor_name, fields, comment, created_at)
    SELECT x."entityType", x."entityId", x.action, x."fromStatus", x."toStatus", x."actorUserId", x."actorRole", x."actorName", x.fields, x.comment, x."createdAt"
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS x("entityType" text, "entityId" bigint, action text, "fromStatus" text, "toStatus" text, "actorUserId" bigint, "actorRole" text,
           "actorName" text, fields jsonb, comment text, "createdAt" timestamptz)`)
}

export function listWorkflowEvents(db: Db, entityType: string, entityId: number): Promise<WorkflowEventRow[]> {
  return db
    .select()
    .from(workflowEvent)
    .where(and(eq(workflowEvent.entityType, entityType), eq(workflowEvent.entityId, entityId)))
    .orderBy(asc(workflowEvent.id))
}
