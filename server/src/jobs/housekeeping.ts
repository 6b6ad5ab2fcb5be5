/** Housekeeping: forget idempotency keys after 48 hours (they must live ≥ 24 h) and idle sessions. */
import type { AppDeps } from '../context'
import { deleteIdleSessions } from '../modules/auth/queries'
import { deleteIdempotencyKeysBefore } from '../modules/appeals/queries'
import { IDLE_MS } from '../modules/auth/service'

export const IDEMPOTENCY_KEEP_MS = 48 * 3600_000

export async function housekeeping(deps: AppDeps): Promise<void> {
  const now = deps.clock.now().getTime()
  await deleteIdempotencyKeysBefore(deps.database.db, new Date(now - IDEMPOTENCY_KEEP_MS))
  await deleteIdleSessions(deps.database.db, new Date(now - IDLE_MS))
}
