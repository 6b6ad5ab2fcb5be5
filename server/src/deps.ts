/**
 * Assembling the dependencies every service receives: the composition root's one place for wiring a
 * module's function into the core (the outbox pump drains through the notifications module's rules).
 */
import type { AppDeps } from './context'
import { createOutboxPump } from './core/outbox'
import { createSessionCache } from './core/session-cache'
import { isDatabaseUnavailable } from './db/connection-errors'
import { loggable } from './errors'
import { expandOutbox } from './modules/notifications'

export function assembleDeps(base: Omit<AppDeps, 'outbox' | 'sessions'>): AppDeps {
  const outbox = createOutboxPump(
    () => expandOutbox(base.database.db),
    // the intents stay in the outbox; the leader's job drains them (never the SQL and its values in the log)
    (e) =>
      isDatabaseUnavailable(e)
        ? base.log?.warn({ err: loggable(e) }, 'outbox drain skipped: database unavailable (the job will retry)')
        : base.log?.error({ err: loggable(e) }, 'outbox drain failed (the job will retry)'),
    // a serving process batches the commits of 20 ms into one drain; tests drain at once (they wait for it)
    base.env.nodeEnv === 'test' ? 0 : 20,
  )
  // serves nothing until buildApp connects it to the revocation feed (LISTEN)
  const sessions = createSessionCache({ ttlMs: base.env.sessionCacheSeconds * 1000 })
  return { ...base, outbox, sessions }
}
