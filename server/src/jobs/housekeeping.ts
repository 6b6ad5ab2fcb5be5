/**
 * Housekeeping: forget idempotency keys after 48 hours (they must live ≥ 24 h), idle sessions and
 * unanswered login challenges; Excel import staging past its 24 hours; keep the audit log's month partitions ready ahead (this month and the next
 * three); remove uploads never attached within 24 hours, and (a few times a day) bytes in the file store
 * without a row.
 */
import type { AppDeps } from '../context'
import { forgetExpiredImports } from '../core/excel/index'
import { forgetIdempotencyKeys } from '../modules/appeals'
import { ensureAuditPartitions } from '../modules/audit'
import { forgetExpiredChallenges, forgetIdleSessions } from '../modules/auth'
import { removeUnattachedUploads, sweepOrphanFileBytes } from '../modules/files'

export const IDEMPOTENCY_KEEP_MS = 48 * 3600_000

export async function housekeeping(deps: AppDeps): Promise<void> {
  const now = deps.clock.now()
  await forgetIdempotencyKeys(deps.database.db, now, IDEMPOTENCY_KEEP_MS)
  await forgetIdleSessions(deps.database.db, now)
  await forgetExpiredChallenges(deps.database.db, now)
  await ensureAuditPartitions(deps.database.db, now)
  await forgetExpiredImports(deps.database.db, now)
  await removeUnattachedUploads(deps, now)
  await sweepOrphanFileBytes(deps, now)
}
