/**
 * Background jobs, run by one leader among N instances. On PostgreSQL the leader holds a session
 * advisory lock on a dedicated connection: if it dies, its connection closes, the lock is released and
 * another instance takes over at its next tick. PGlite is one process, so it is always the leader.
 * Every instance reloads the working calendar each tick so an admin's edit reaches all of them.
 */
import type pg from 'pg'
import { systemCtx, type AppDeps } from '../context'
import { sweepDeadlines, type SweepResult } from './deadline-sweeper'
import { deliverOutbox, expandOutbox, LoggingChannel, type OutboundChannel } from '../modules/notifications'
import { ensureCalendarYears, warnProvisionalCalendar } from '../modules/calendar'
import { foldStatsDeltas } from '../modules/stats'
import { housekeeping } from './housekeeping'

export const LEADER_LOCK_KEY = 7345202

export interface JobRunner {
  /** one tick: try to lead; if leading, run the jobs. Returns what the sweeper fired, or null when not leader. */
  tick(): Promise<SweepResult | null>
  isLeader(): boolean
  stop(): Promise<void>
}

export function createJobRunner(deps: AppDeps, opts: { channel?: OutboundChannel } = {}): JobRunner {
  const channel = opts.channel ?? new LoggingChannel(deps.log)
  let leaderClient: pg.PoolClient | null = null
  let leader = deps.database.kind === 'pglite'
  let running = false

  async function tryLead(): Promise<boolean> {
    if (deps.database.kind === 'pglite') return true
    if (leaderClient) return true
    const client = await deps.database.pool!.connect()
    try {
      const r = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [LEADER_LOCK_KEY])
      if (r.rows[0]?.ok) {
        leaderClient = client
        client.on('error', () => {
          leaderClient = null
          leader = false
        })
        return true
      }
      client.release()
      return false
    } catch (e) {
      client.release()
      throw e
    }
  }

  return {
    async tick() {
      if (running) return null
      running = true
      try {
        await deps.calendar.reload(deps.database.db)
        leader = await tryLead()
        if (!leader) return null
        // a new year's calendar (provisional until the official one comes) before any deadline needs it
        await ensureCalendarYears(deps.database.db, deps.clock.now())
        await deps.calendar.reload(deps.database.db)
        await warnProvisionalCalendar(systemCtx(deps))
        const result = await sweepDeadlines(deps)
        while ((await foldStatsDeltas(deps.database.db)) > 0) {
          /* fold everything pending */
        }
        // whatever an instance committed but did not expand (it died first) reaches the inboxes here
        await expandOutbox(deps.database.db)
        await deliverOutbox(deps.database.db, channel, deps.clock.now())
        await housekeeping(deps)
        return result
      } finally {
        running = false
      }
    },
    isLeader: () => leader,
    async stop() {
      if (leaderClient) {
        await leaderClient.query('SELECT pg_advisory_unlock($1)', [LEADER_LOCK_KEY]).catch(() => undefined)
        leaderClient.release()
        leaderClient = null
      }
      leader = false
    },
  }
}

/** Run the jobs on a schedule until stopped. */
export function scheduleJobs(deps: AppDeps, everyMs = 30_000): { stop(): Promise<void> } {
  const runner = createJobRunner(deps)
  const timer = setInterval(() => {
    runner.tick().catch((e) => deps.log?.error({ err: e }, 'job tick failed'))
  }, everyMs)
  timer.unref()
  void runner.tick().catch((e) => deps.log?.error({ err: e }, 'job tick failed'))
  return {
    async stop() {
      clearInterval(timer)
      await runner.stop()
    },
  }
}
