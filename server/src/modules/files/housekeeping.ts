/**
 * The leader's clean-up of the file store (jobs/housekeeping.ts): uploads no record referred to within
 * 24 hours are removed — row, audit row, bytes — and, a few times a day, bytes whose row is gone (an
 * upload that died between the store and the database, a failed delete) are removed from the store.
 */
import { systemCtx, type AppDeps } from '../../context'
import { inTransaction, writeChange } from '../../core'
import { fileIdOfKey, fileKey, type FileStore } from '../../storage'
import { deleteUnattachedFilesBefore, findExistingFileIds } from './queries'

/** An upload no record refers to is kept this long (a report being written, a form left open overnight). */
export const UNATTACHED_KEEP_MS = 24 * 3600_000
/** Bytes younger than this may belong to an upload still on its way to the database. */
export const ORPHAN_GRACE_MS = 3600_000
/** Listing a whole bucket is not free: the orphan sweep runs at most this often per process. */
export const ORPHAN_SWEEP_EVERY_MS = 6 * 3600_000

const BATCH = 200

/** Remove uploads older than 24 h that were never attached; returns how many. */
export async function removeUnattachedUploads(deps: AppDeps, now: Date = deps.clock.now()): Promise<number> {
  const ctx = systemCtx(deps, now)
  const before = new Date(now.getTime() - UNATTACHED_KEEP_MS)
  let total = 0
  for (;;) {
    const removed = await inTransaction(ctx, async (tx) => {
      const rows = await deleteUnattachedFilesBefore(tx, before, BATCH)
      for (const row of rows) {
        await writeChange(ctx, tx, {
          entityId: row.id,
          apply: async () => row,
          audit: {
            action: 'file.expire',
            entityType: 'file',
            detail: { ownerUserId: row.ownerUserId, mime: row.mime, size: row.size, uploadedAt: row.createdAt.toISOString() },
          },
        })
      }
      return rows
    })
    // after the commit: a delete that fails leaves bytes without a row, which the orphan sweep removes
    for (const row of removed) {
      await deps.fileStore.delete(fileKey(row.id)).catch((e) => deps.log?.warn({ err: e, fileId: row.id }, 'could not remove an expired upload'))
    }
    total += removed.length
    if (removed.length < BATCH) return total
  }
}

const lastSweep = new WeakMap<FileStore, number>()

/**
 * Remove bytes whose file row does not exist, once they are an hour old. Runs at most every six hours
 * per store (`force` runs it now). Objects in the store that are not ours (no file key) are left alone.
 */
export async function sweepOrphanFileBytes(deps: AppDeps, now: Date = deps.clock.now(), force = false): Promise<number> {
  const store = deps.fileStore
  const last = lastSweep.get(store)
  if (!force && last !== undefined && now.getTime() - last < ORPHAN_SWEEP_EVERY_MS) return 0
  lastSweep.set(store, now.getTime())
  let removed = 0
  let batch: { id: string; key: string }[] = []
  const flush = async () => {
    const existing = await findExistingFileIds(deps.database.db, batch.map((b) => b.id))
    for (const b of batch) {
      if (existing.has(b.id)) continue
      await store.delete(b.key)
      removed++
    }
    batch = []
  }
  for await (const o of store.list()) {
    const id = fileIdOfKey(o.key)
    if (!id || now.getTime() - o.modifiedAt.getTime() < ORPHAN_GRACE_MS) continue
    batch.push({ id, key: o.key })
    if (batch.length >= 500) await flush()
  }
  if (batch.length) await flush()
  return removed
}
