/**
 * Housekeeping: forget idempotency keys after 48 hours (they must live ≥ 24 h) and idle sessions; remove
 * uploads never attached within 24 hours, and (a few times a day) bytes in the file store without a row.
 */
import type { AppDeps } from '../context'
import { forgetIdempotencyKeys } from '../modules/appeals'
import { forgetIdleSessions } from '../modules/auth'
import { removeUnattachedUploads, sweepOrphanFileBytes } from '../modules/files'

export const IDEMPOTENCY_KEEP_MS = 48 * 3600_000

export async function housekeeping(deps: AppDeps): Promise<void> {
  const now = deps.clock.now()
  await forgetIdempotencyKeys(deps.database.db, now, IDEMPOTENCY_KEEP_MS)
  await forgetIdleSessions(deps.database.db, now)
  await removeUnattachedUploads(deps, now)
  await sweepOrphanFileBytes(deps, now)
}
