/**
 * Who is behind a session token, remembered per instance so a request does not pay a database round
 * trip to find its caller. Kept honest by revocation, not by expiry alone:
 *  - every write to what a caller is made of (a session deleted or touched, an account changed, a team
 *    membership, a household group) fires a trigger that NOTIFYs `yiwang_auth` (migration 0013); every
 *    instance LISTENs and forgets the entries concerned as soon as the commit is visible;
 *  - a change made through the core on this instance forgets its entries at once, before its commit
 *    (`forgetFor`), so the instance that disabled an account never serves its cached session again;
 *  - nothing is served while the revocation feed is down (`live` false: the LISTEN connection lost or not
 *    yet established), and every entry is dropped when the feed comes back, since notifications sent
 *    while it was down are lost;
 *  - an entry older than `ttlMs` is read again, a last fence against anything the above did not see.
 */

/** What the cache holds for a token: the account it belongs to and the caller's row (the auth module's shape). */
export interface CachedSession<T = unknown> {
  userId: number
  role: string
  row: T
}

export interface SessionCache {
  /** the cached caller of a token, if the feed is live and the entry fresh */
  get<T>(tokenHash: string): CachedSession<T> | undefined
  /**
   * Remember a caller read from the database. `readAt` is the `epoch` taken before that read: if anything
   * was revoked since, the row may predate the revocation and is not kept (the next request reads again).
   */
  set<T>(tokenHash: string, value: CachedSession<T>, readAt: number): void
  /** counts revocations; see `set` */
  readonly epoch: number
  forgetToken(tokenHash: string): void
  /** a change to an entity callers are made of (an account, a team, a household group) */
  forgetFor(entityType: string, entityId: number | string): void
  /** a notification from the revocation feed (`u:<userId>`, `leaders`, `all`) */
  onRevocation(payload: string): void
  /** the feed's state; any change of it drops every entry */
  setLive(live: boolean): void
  readonly live: boolean
  readonly size: number
}

/** The channel the revocation triggers notify on. */
export const REVOCATION_CHANNEL = 'yiwang_auth'

export function createSessionCache(opts: { ttlMs: number; maxEntries?: number; now?: () => number }): SessionCache {
  const ttl = opts.ttlMs
  const max = opts.maxEntries ?? 20_000
  const now = opts.now ?? Date.now
  const entries = new Map<string, { value: CachedSession; at: number }>()
  const byUser = new Map<number, Set<string>>()
  let live = false
  let epoch = 0

  const drop = (tokenHash: string) => {
    const e = entries.get(tokenHash)
    if (!e) return
    entries.delete(tokenHash)
    const tokens = byUser.get(e.value.userId)
    tokens?.delete(tokenHash)
    if (tokens?.size === 0) byUser.delete(e.value.userId)
  }
  const forgetUser = (userId: number) => {
    epoch++
    for (const t of [...(byUser.get(userId) ?? [])]) drop(t)
  }
  const forgetRole = (role: string) => {
    epoch++
    for (const [t, e] of entries) if (e.value.role === role) drop(t)
  }
  const clear = () => {
    epoch++
    entries.clear()
    byUser.clear()
  }

  return {
    get<T>(tokenHash: string) {
      if (!live || ttl <= 0) return undefined
      const e = entries.get(tokenHash)
      if (!e) return undefined
      if (now() - e.at >= ttl) {
        drop(tokenHash)
        return undefined
      }
      return e.value as CachedSession<T>
    },
    set(tokenHash, value, readAt) {
      if (!live || ttl <= 0 || readAt !== epoch) return
      drop(tokenHash)
      // the oldest entries go first when full (Map keeps insertion order)
      while (entries.size >= max) drop(entries.keys().next().value!)
      entries.set(tokenHash, { value, at: now() })
      let tokens = byUser.get(value.userId)
      if (!tokens) byUser.set(value.userId, (tokens = new Set()))
      tokens.add(tokenHash)
    },
    forgetToken(tokenHash) {
      epoch++
      drop(tokenHash)
    },
    forgetFor(entityType, entityId) {
      if (entityType === 'user') forgetUser(Number(entityId))
      else if (entityType === 'team') clear()
      else if (entityType === 'household' || entityType === 'householdGroup') forgetRole('householdLeader')
    },
    onRevocation(payload) {
      if (payload.startsWith('u:')) forgetUser(Number(payload.slice(2)))
      else if (payload === 'leaders') forgetRole('householdLeader')
      else clear()
    },
    setLive(next) {
      live = next
      clear()
    },
    get live() {
      return live
    },
    get size() {
      return entries.size
    },
    get epoch() {
      return epoch
    },
  }
}
