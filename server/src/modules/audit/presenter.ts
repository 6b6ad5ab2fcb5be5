/** Audit rows as the audit administrator reads them. */
import { AUDIT_ENTITY_NAMES, auditActionName } from '#contracts/labels'
import type { AuditLogEntry } from '#contracts/users'
import { isoShanghai } from '../../lib/time'
import type { AuditRow } from './queries'

export function presentAuditEntry(r: AuditRow): AuditLogEntry {
  return {
    id: String(r.id),
    at: isoShanghai(r.at),
    actor: { id: r.actorUserId === null ? null : String(r.actorUserId), role: r.actorRole, name: r.actorName },
    action: r.action,
    actionName: auditActionName(r.action),
    entityType: r.entityType,
    entityTypeName: AUDIT_ENTITY_NAMES[r.entityType] ?? r.entityType,
    entityId: r.entityId,
    ip: r.ip,
    before: r.before,
    after: r.after,
    detail: r.detail,
  }
}
