/**
 * One leader among the instances sharing a PostgreSQL database: a session advisory lock held on a
 * dedicated connection (`keepConnected`). The lock lives exactly as long as that session: when the
 * leader process dies, or the database restarts, or the connection drops, the lock is gone — the
 * holder learns it from the connection's loss and stops leading, and whichever instance next finds the
 * database reachable takes the lock again.
 */
import type { Database } from './client'
import { isDatabaseUnavailable } from './connection-errors'
import { keepConnected, type DedicatedConnection } from './dedicated-connection'

export interface LeaderLock {
  /** take the lock if it is free (never waits for it); true while this process holds it */
  tryAcquire(): Promise<boolean>
  /** whether this process holds the lock now (false from the moment its connection is lost) */
  isHeld(): boolean
  /** release the lock and close the connection */
  close(): Promise<void>
}

export interface LeaderLockEvents {
  /** the lock's connection was lost while holding it: no longer the leader */
  onLost?: (error: Error) => void
  /** reconnecting failed (the database is still unreachable); the next try is in `delayMs` */
  onRetry?: (error: unknown, delayMs: number) => void
}

export function createLeaderLock(database: Database, key: number, events: LeaderLockEvents = {}): LeaderLock {
  if (database.kind === 'pglite') {
    // one process per data folder: it is always the leader
    return { tryAcquire: async () => true, isHeld: () => true, close: async () => undefined }
  }
  let held = false
  const connection: DedicatedConnection = keepConnected({
    newClient: database.newClient!,
    onLost: (error) => {
      const wasHeld = held
      held = false
      if (wasHeld) events.onLost?.(error)
    },
    ...(events.onRetry ? { onRetry: events.onRetry } : {}),
  })
  return {
    async tryAcquire() {
      if (held) return true
      const client = await connection.client()
      if (!client) return false
      try {
        const r = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [key])
        held = r.rows[0]?.ok === true
      } catch (e) {
        held = false
        // the connection failed under the query: its loss is being handled; not the leader now
        if (!isDatabaseUnavailable(e)) throw e
      }
      return held
    },
    isHeld: () => held,
    async close() {
      held = false
      // ending the session releases the lock
      await connection.close()
    },
  }
}
