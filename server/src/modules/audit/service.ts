/** Every state change leaves an audit row, written in the same transaction as the change. */
import type { Ctx } from '../../context'
import type { Db } from '../../db/client'
import { insertAudit } from './queries'

export interface AuditInput {
  action: string
  entityType: string
  entityId?: string | number | null
  before?: unknown
  after?: unknown
  detail?: unknown
}

export function recordAudit(ctx: Ctx, db: Db, a: AuditInput): Promise<void> {
  return insertAudit(db, {
    at: ctx.now,
    actorUserId: ctx.actor.userId,
    actorRole: ctx.actor.role,
    actorName: ctx.actor.displayName,
    action: a.action,
    entityType: a.entityType,
    entityId: a.entityId === undefined || a.entityId === null ? null : String(a.entityId),
    ip: ctx.ip,
    before: a.before,
    after: a.after,
    detail: a.detail,
  })
}
