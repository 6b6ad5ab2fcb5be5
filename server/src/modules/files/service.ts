/**
 * Photo uploads. The type is decided by the bytes (file-type), not by the name or the declared
 * content type; only JPEG, PNG and WebP are kept, each resized and stripped of metadata (photo.ts).
 * The bytes stream into the file store while they are hashed; the database gets one metadata row.
 * An upload is received (bytes stored, nothing in the database yet), then committed (quota checked
 * again under a per-account lock, row and audit row written) or discarded (bytes removed): a refused
 * upload leaves nothing behind.
 */
import crypto from 'node:crypto'
import { pipeline, Readable } from 'node:stream'
import { fileTypeFromBuffer } from 'file-type'
import type { Ctx } from '../../context'
import type { Db } from '../../db/client'
import type { UploadQuota } from '../../env'
import { inTransaction, writeChange } from '../../core'
import { AppError, notFound } from '../../errors'
import { shanghaiDate, shanghaiDayStart } from '../../lib/time'
import { authorize } from '../../permissions'
import { fileKey } from '../../storage'
import { findCategory } from '../categories'
import { photoTransformer, type PhotoMime } from './photo'
import { findFileById, findOwnedFileIds, findUploadTotalsSince, insertFile, lockAccountUploads } from './queries'

/** Whether the caller may see a file through a record it is attached to (an appeal's photos …): given by the modules that attach files. */
export type AttachmentAccess = (ctx: Ctx, fileId: string) => Promise<boolean>

export const ALLOWED_MIME = new Set<string>(['image/jpeg', 'image/png', 'image/webp'])

/** Bytes stored, not yet recorded: commit or discard it. */
export interface ReceivedUpload {
  id: string
  mime: PhotoMime
  size: number
  sha256: string
  originalName: string | null
  keepsLocation: boolean
}

const MB = 1024 * 1024

/** The caller's daily quota: residents have their own, lower one (env: UPLOAD_DAILY_*). */
function quotaOf(ctx: Ctx): UploadQuota {
  return ctx.actor.role === 'resident' ? ctx.deps.env.uploadQuota.resident : ctx.deps.env.uploadQuota.staff
}

function quotaError(q: UploadQuota): AppError {
  return new AppError('UPLOAD_QUOTA_EXCEEDED', `今天上传的照片已达上限（每天最多 ${q.files} 张、共 ${Math.floor(q.bytes / MB)} MB），请明天再试`)
}

/** Refuse when the uploads of the caller's day, plus `adding` bytes in one more file, would pass the quota. */
async function checkQuota(ctx: Ctx, db: Db, adding: number): Promise<void> {
  const q = quotaOf(ctx)
  const used = await findUploadTotalsSince(db, ctx.actor.userId, shanghaiDayStart(shanghaiDate(ctx.now)))
  if (used.files + 1 > q.files || used.bytes + adding > q.bytes || (adding === 0 && used.bytes >= q.bytes)) throw quotaError(q)
}

async function keepsLocationFor(ctx: Ctx, categoryCode: string | undefined): Promise<boolean> {
  if (categoryCode === undefined) return false
  const c = await findCategory(ctx.db, categoryCode)
  if (!c) throw new AppError('UNKNOWN_CATEGORY', undefined, [{ field: 'categoryCode', message: `诉求分类 ${categoryCode} 不存在` }])
  return c.keepPhotoLocation
}

/**
 * A failure of the store or of the streams themselves (a file system error, an S3 answer, a stream
 * error code) — as opposed to libvips refusing the image, whose errors carry none of these.
 */
function isStoreError(e: unknown): boolean {
  const x = e as { syscall?: unknown; $metadata?: unknown; code?: unknown } | null
  return Boolean(x && (x.syscall || x.$metadata || x.code))
}

/** How many bytes file-type looks at to recognise a format. */
const TYPE_SAMPLE_BYTES = 4100

/**
 * The first `n` bytes of a stream (fewer when it is shorter), read without losing the rest: what was read
 * is returned and the stream can still be iterated for what follows.
 */
async function readHead(s: Readable, n: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let length = 0
  while (length < n) {
    if (s.errored) throw s.errored
    const chunk = s.read() as Buffer | null
    if (chunk !== null) {
      chunks.push(chunk)
      length += chunk.length
      continue
    }
    if (s.readableEnded || s.destroyed) break
    await new Promise<void>((resolve, reject) => {
      const settle = (e?: unknown) => {
        s.off('readable', settle).off('end', settle).off('close', settle).off('error', settle)
        if (e) reject(e)
        else resolve()
      }
      s.on('readable', settle).on('end', settle).on('close', settle).on('error', settle)
    })
  }
  return Buffer.concat(chunks)
}

async function countAndDiscard(s: Readable): Promise<number> {
  let n = 0
  for await (const chunk of s) n += (chunk as Buffer).length
  return n
}

/**
 * Receive one photo from `source` into the file store. Refuses before reading when the caller's
 * quota for the day is used up. `categoryCode`: the category the photo is for — its location is kept
 * when that category needs it.
 */
export async function receiveUpload(
  ctx: Ctx,
  source: Readable,
  o: { filename: string | null; categoryCode?: string },
): Promise<ReceivedUpload> {
  let sourceError: unknown
  source.once('error', (e) => (sourceError ??= e))
  await checkQuota(ctx, ctx.db, 0)
  const keepsLocation = await keepsLocationFor(ctx, o.categoryCode)

  const head = await readHead(source, TYPE_SAMPLE_BYTES)
  const mime = head.length ? (await fileTypeFromBuffer(head))?.mime : undefined
  if (!mime || !ALLOWED_MIME.has(mime)) {
    const size = head.length + (await countAndDiscard(source))
    if (sourceError) throw sourceError
    if (size === 0) throw new AppError('EMPTY_FILE', '文件为空')
    throw new AppError('UNSUPPORTED_FILE_TYPE', '只能上传 JPEG、PNG 或 WebP 格式的图片')
  }
  // the head again, then the rest as it arrives
  const typed = Readable.from(
    (async function* () {
      yield head
      yield* source
    })(),
  )

  const id = crypto.randomUUID()
  const transformer = photoTransformer(mime as PhotoMime, keepsLocation)
  const output = pipeline(typed, transformer, () => undefined)
  let stored
  try {
    stored = await ctx.deps.fileStore.put(fileKey(id), output, mime)
  } catch (e) {
    // the request's own failure (too large, cut off) as it came; otherwise the image could not be decoded
    if (sourceError) throw sourceError
    if (e instanceof AppError || isStoreError(e)) throw e
    throw new AppError('UNREADABLE_IMAGE')
  }
  if (sourceError) {
    await ctx.deps.fileStore.delete(fileKey(id))
    throw sourceError
  }
  return {
    id,
    mime: mime as PhotoMime,
    size: stored.size,
    sha256: stored.sha256,
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    originalName: o.filename ? o.filename.slice(0, 200).replace(/[\u0000-\u001f]/g, '') : null,
    keepsLocation,
  }
}

/** Remove the bytes of an upload that will not be recorded. */
export async function discardUpload(ctx: Ctx, r: ReceivedUpload): Promise<void> {
  await ctx.deps.fileStore.delete(fileKey(r.id)).catch((e) => ctx.deps.log?.warn({ err: e, fileId: r.id }, 'could not remove a discarded upload (the orphan sweep will)'))
}

/** Record a received upload: the quota again (with its real size, one account at a time), the row, the audit row. */
export async function commitUpload(ctx: Ctx, r: ReceivedUpload) {
  try {
    return await inTransaction(ctx, async (tx) => {
      await lockAccountUploads(tx, ctx.actor.userId)
      await checkQuota(ctx, tx, r.size)
      return writeChange(ctx, tx, {
        entityId: (row) => row.id,
        apply: (t: Db) =>
          insertFile(t, {
            id: r.id,
            ownerUserId: ctx.actor.userId,
            mime: r.mime,
            size: r.size,
            sha256: r.sha256,
            originalName: r.originalName,
            keepsLocation: r.keepsLocation,
            createdAt: ctx.now,
          }),
        audit: (row) => ({
          action: 'file.upload',
          entityType: 'file',
          detail: { mime: row.mime, size: row.size, ...(row.keepsLocation ? { keepsLocation: true } : {}) },
        }),
      })
    })
  } catch (e) {
    await discardUpload(ctx, r)
    throw e
  }
}

/** Receive and commit bytes already in memory (the demo history's photos). */
export async function storeUpload(ctx: Ctx, data: Buffer, originalName: string | null) {
  return commitUpload(ctx, await receiveUpload(ctx, Readable.from([data]), { filename: originalName }))
}

/** The uploader, or anyone who can see a record the file is attached to: the file and a stream of its bytes. */
export async function openFile(ctx: Ctx, id: string, attachmentAccess: AttachmentAccess) {
  const f = await findFileById(ctx.db, id)
  if (!f) throw notFound('文件不存在或无权查看')
  const seenThroughAttachment = f.ownerUserId !== ctx.actor.userId && (await attachmentAccess(ctx, id))
  authorize(ctx.actor, 'file.read', { ownerUserId: f.ownerUserId, seenThroughAttachment })
  const stream = await ctx.deps.fileStore.get(fileKey(id))
  if (!stream) {
    ctx.deps.log?.error({ fileId: id, store: ctx.deps.fileStore.location }, 'a file row has no bytes in the file store')
    throw notFound('照片文件已丢失，请联系管理员')
  }
  return { file: f, stream }
}

/** Photos attached to an appeal or an action must be the caller's own uploads. */
export async function assertOwnFiles(ctx: Ctx, ids: string[] | undefined, field = 'photoIds'): Promise<string[]> {
  if (!ids?.length) return []
  const owned = await findOwnedFileIds(ctx.db, ctx.actor.userId, ids)
  const missing = ids.filter((id) => !owned.has(id))
  if (missing.length) {
    throw new AppError(
      'UNKNOWN_FILE',
      '照片不存在或不是您上传的',
      missing.map((id) => ({ field, message: `照片 ${id} 不存在或不是您上传的` })),
    )
  }
  return ids
}
