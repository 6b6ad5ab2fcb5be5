/**
 * Whether an error means "the database cannot be reached right now" rather than "this statement is
 * wrong": the server restarting or shut down, the connection refused, dropped or timed out. Such an
 * error is the same for every request until the database is back, so the API answers it with 503
 * DATABASE_UNAVAILABLE and a Retry-After, and the jobs wait for their next tick.
 */

/** Socket-level failures Node reports while connecting to or talking with the server. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
])

/**
 * SQLSTATEs of an unavailable server: 57P01 admin_shutdown (fast or immediate stop), 57P02
 * crash_shutdown (another backend crashed), 57P03 cannot_connect_now (starting up, in recovery),
 * 53300 too_many_connections; and class 08, connection exceptions.
 */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300'])

/** What node-postgres and its pool say when the connection is gone or cannot be had in time. */
const DRIVER_MESSAGES = [
  /^Connection terminated/, // "… unexpectedly", "… due to connection timeout", or ended while in use
  /is not queryable/, // "Client has encountered a connection error and is not queryable", "Client was closed …"
  /^timeout exceeded when trying to connect/, // pool: no connection within connectionTimeoutMillis
  /^Cannot use a pool after calling end/, // the process is shutting down
]

function isUnavailableHere(e: object): boolean {
  const code = (e as { code?: unknown }).code
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true
  }
  const message = (e as { message?: unknown }).message
  return typeof message === 'string' && DRIVER_MESSAGES.some((m) => m.test(message))
}

/**
 * True when `e`, or an error it wraps (Drizzle's `cause`, an AggregateError's `errors` — a host name
 * that resolves to several addresses fails with one per address), says the database is unavailable.
 */
export function isDatabaseUnavailable(e: unknown): boolean {
  const seen = new Set<unknown>()
  const walk = (x: unknown, depth: number): boolean => {
    if (!x || typeof x !== 'object' || depth > 5 || seen.has(x)) return false
    seen.add(x)
    if (isUnavailableHere(x)) return true
    const { cause, errors } = x as { cause?: unknown; errors?: unknown }
    if (walk(cause, depth + 1)) return true
    return Array.isArray(errors) && errors.some((inner) => walk(inner, depth + 1))
  }
  return walk(e, 0)
}
