/**
 * A small cache for reference data read on hot paths (a grid's place and number prefix, a category):
 * kept 60 s per database handle. It holds no user or session state. An instance that changes reference
 * data clears its own cache at once; other instances see the change within the TTL.
 */
const TTL_MS = 60_000

interface Entry {
  at: number
  value: unknown
}

const caches = new WeakMap<object, Map<string, Entry>>()

export async function cached<T>(owner: object, key: string, load: () => Promise<T>): Promise<T> {
  let cache = caches.get(owner)
  if (!cache) caches.set(owner, (cache = new Map()))
  const hit = cache.get(key)
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value as T
  const value = await load()
  // Only found things are kept: a missing grid or category is asked again next time.
  if (value !== undefined) cache.set(key, { at: Date.now(), value })
  return value
}

export function clearCached(owner: object): void {
  caches.delete(owner)
}
