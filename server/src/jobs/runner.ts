/**
 * Background jobs, run by one leader among N instances. On PostgreSQL the leader holds a session
 * advisory lock on a dedicated connection (db/leader-lock.ts): if the leader dies, or the database
 * restarts, or the connection drops, the lock is gone with the session; the leader learns it from the
 * connection's loss and stops leading (a tick under way stops at its next step), and the lock is taken
 * again — by it or another instance — at the first tick that finds the database back.
 * PGlite is one process, so it is always the leader.
 * Every instance reloads the working calendar each tick so an admin's edit reaches all of them.
 */
import { systemCtx, type AppDeps } from '../context'
import { isDatabaseUnavailable } from '../db/connection-errors'
import { createLeaderLock } from '../db/leader-lock'
import { loggable } from '../errors'
import { sweepDeadlines, type SweepResult } from './deadline-sweeper'
import { deliverOutbox, expandOutbox, LoggingChannel, type OutboundChannel } from '../modules/notifications'
import { ensureCalendarYears, warnProvisionalCalendar } from '../modules/calendar'
import { foldStatsDeltas } from '../modules/stats'
import { endExpiredUnitRegistrations } from '../modules/units'
import { housekeeping } from './housekeeping'

export const LEADER_LOCK_KEY = 7345202

export interface JobRunner {
  /** one tick: try to lead; if leading, run the jobs. Returns what the sweeper fired, or null when not leader. */
  tick(): Promise<SweepResult | null>
  isLeader(): boolean
  stop(): Promise<void>
}

/** The leader lost its lock in the middle of a tick: the rest of the tick is left to the next leader. */
class LeadershipLost extends Error {}

export function createJobRunner(deps: AppDeps, opts: { channel?: OutboundChannel } = {}): JobRunner {
  const channel = opts.channel ?? new LoggingChannel(deps.log)
  const lock = createLeaderLock(deps.database, LEADER_LOCK_KEY, {
    onLost: (e) => deps.log?.warn({ err: loggable(e) }, 'job leader lost its database connection: no longer leading'),
  })
  let running = false
  /**
   * Between two jobs of a tick: carry on only while still the leader. Each job is safe to run twice or
   * concurrently (conditional updates, SKIP LOCKED), so a leader that lost its lock mid-job overlapping
   * with the next one does no harm; stopping early keeps the overlap short.
   */
  const stillLeading = () => {
    if (!lock.isHeld()) throw new LeadershipLost()
  }

  return {
    async tick() {
      if (running) return null
      running = true
      try {
        await deps.calendar.reload(deps.database.db)
        if (!(await lock.tryAcquire())) return null
        // a new year's calendar (provisional until the official one comes) before any deadline needs it
        await ensureCalendarYears(deps.database.db, deps.clock.now())
        await deps.calendar.reload(deps.database.db)
        await warnProvisionalCalendar(systemCtx(deps))
        stillLeading()
        const result = await sweepDeadlines(deps)
        stillLeading()
        await endExpiredUnitRegistrations(systemCtx(deps))
        stillLeading()
        while ((await foldStatsDeltas(deps.database.db)) > 0) {
          /* fold everything pending */
        }
        stillLeading()
        // whatever an instance committed but did not expand (it died first) reaches the inboxes here
        await expandOutbox(deps.database.db)
        await deliverOutbox(deps.database.db, channel, deps.clock.now())
        stillLeading()
        await housekeeping(deps)
        return result
      } catch (e) {
        if (e instanceof LeadershipLost) return null
        throw e
      } finally {
        running = false
      }
    },
    isLeader: () => lock.isHeld(),
    async stop() {
      await lock.close()
    },
  }
}

/**
 * What a failed tick leaves in the log: while the database is away, one warning per tick without the SQL;
 * anything else as an error — never the SQL text with its parameter values (`loggable`).
 */
function logTickFailure(deps: AppDeps, e: unknown): void {
  if (isDatabaseUnavailable(e)) deps.log?.warn({ err: loggable(e) }, 'job tick skipped: database unavailable')
  else deps.log?.error({ err: loggable(e) }, 'job tick failed')
}

/** Run the jobs on a schedule until stopped. */
export function scheduleJobs(deps: AppDeps, everyMs = 30_000): { stop(): Promise<void> } {
  const runner = createJobRunner(deps)
  const timer = setInterval(() => {
    runner.tick().catch((e) => logTickFailure(deps, e))
  }, everyMs)
  timer.unref()
  void runner.tick().catch((e) => logTickFailure(deps, e))
  return {
    async stop() {
      clearInterval(timer)
      await runner.stop()
    },
  }
}
