/** Small reads and clean-ups other parts of the server ask of the appeals module. */
import type { Db } from '../../db/client'
import { deleteIdempotencyKeysBefore, findAppealById, type AppealRow } from './queries'

/** Idempotency keys must live ≥ 24 h; the job forgets them after `keepMs`. */
export function forgetIdempotencyKeys(db: Db, now: Date, keepMs: number): Promise<void> {
  return deleteIdempotencyKeysBefore(db, new Date(now.getTime() - keepMs))
}

/** One appeal's row, unchecked (the demo history and the seed drive appeals as their own actors). */
export function loadAppeal(db: Db, id: number): Promise<AppealRow | undefined> {
  return findAppealById(db, id)
}
