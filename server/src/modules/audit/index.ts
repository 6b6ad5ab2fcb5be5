/**
 * The audit log: written by the core with every change; read here by the audit administrator, exported
 * through the exports module, kept by month (retention.ts: partitions ahead, archive of old months).
 */
export { auditRoutes } from './routes'
export { auditEntriesFor } from './read'
export {
  archiveAuditMonths,
  AuditArchiveRefused,
  ensureAuditPartitions,
  latestArchivableBefore,
  AUDIT_RETENTION_DAYS,
  type AuditArchiveResult,
} from './retention'
