/**
 * A dedicated PostgreSQL connection kept open outside the pool — for what lives in a session: the job
 * leader's advisory lock, a LISTEN. The server may go away at any moment (a restart, a failover, an
 * administrator's pg_terminate_backend): the connection then reports the loss (whatever the session
 * held — a lock, its LISTENs — is gone with it) and is opened again with exponential backoff and jitter,
 * running `onConnect` (LISTEN …) on every new session. Errors never escape as an unhandled 'error' event.
 * Notifications sent while no session was listening are not delivered later: a cache fed by LISTEN must
 * forget what it holds on `onLost` (and may start afresh in `onConnect`).
 */
import type pg from 'pg'

export interface DedicatedConnectionOptions {
  /** an unconnected client with the application's settings (`Database.newClient`) */
  newClient: () => pg.Client
  /** run on each new session before it is handed out (e.g. LISTEN); a failure counts as a failed attempt */
  onConnect?: (client: pg.Client) => Promise<void>
  /** the session was lost (never called for `close()`); a new one is being opened */
  onLost?: (error: Error) => void
  /** an attempt to connect failed; the next one is in `delayMs` */
  onRetry?: (error: unknown, delayMs: number) => void
  /** first and longest wait between attempts (defaults 250 ms and 10 s) */
  minDelayMs?: number
  maxDelayMs?: number
}

export interface DedicatedConnection {
  /**
   * The live session's client: waits for an attempt under way (bounded by the connect timeout), and is
   * null while the database is unreachable (between attempts) or after `close()`.
   */
  client(): Promise<pg.Client | null>
  /** end the session (releasing whatever it holds) and stop reconnecting */
  close(): Promise<void>
}

const ignore = () => undefined

export function keepConnected(opts: DedicatedConnectionOptions): DedicatedConnection {
  const minDelay = opts.minDelayMs ?? 250
  const maxDelay = opts.maxDelayMs ?? 10_000
  let live: pg.Client | null = null
  let attempt: Promise<pg.Client | null> | null = null
  let failures = 0
  let timer: NodeJS.Timeout | undefined
  let closed = false

  /** 250 ms, 500 ms, 1 s … up to maxDelay, each between half and all of it, so instances spread out */
  const nextDelay = () => {
    const cap = Math.min(maxDelay, minDelay * 2 ** Math.min(failures, 20))
    return Math.round(cap / 2 + (Math.random() * cap) / 2)
  }

  const schedule = (delay: number) => {
    clearTimeout(timer)
    timer = setTimeout(() => void open(), delay)
    timer.unref()
  }

  function open(): Promise<pg.Client | null> {
    if (closed) return Promise.resolve(null)
    attempt ??= (async () => {
      const c = opts.newClient()
      let down = false
      const lose = (error: Error) => {
        if (down) return
        down = true
        c.end().catch(ignore)
        if (live !== c) return // failed while connecting: the attempt below reports it
        live = null
        if (closed) return
        opts.onLost?.(error)
        failures = 0
        schedule(nextDelay())
      }
      c.on('error', lose)
      c.on('end', () => lose(new Error('Connection terminated')))
      try {
        await c.connect()
        if (opts.onConnect) await opts.onConnect(c)
        if (down) throw new Error('Connection terminated while setting up the session')
      } catch (e) {
        down = true
        c.end().catch(ignore)
        if (!closed) {
          failures++
          const delay = nextDelay()
          opts.onRetry?.(e, delay)
          schedule(delay)
        }
        return null
      }
      if (closed) {
        await c.end().catch(ignore)
        return null
      }
      failures = 0
      live = c
      return c
    })().finally(() => {
      attempt = null
    })
    return attempt
  }

  void open()
  return {
    async client() {
      if (live) return live
      return attempt ?? null
    },
    async close() {
      closed = true
      clearTimeout(timer)
      await attempt
      const c = live
      live = null
      if (c) await c.end().catch(ignore)
    },
  }
}
