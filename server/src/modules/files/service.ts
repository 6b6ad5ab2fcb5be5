/**
 * Photo uploads. The type is decided by the bytes (file-type), not by the name or the declared
 * content type; only JPEG, PNG and WebP are kept. Files are stored in the database so that every
 * instance serves them.
 */
import crypto from 'node:crypto'
import { fileTypeFromBuffer } from 'file-type'
import type { Ctx } from '../../context'
import type { Db } from '../../db/client'
import { commitChange } from '../../core'
import { AppError, notFound } from '../../errors'
import { authorize } from '../../permissions'
import { findFileById, findOwnedFileIds, insertFile } from './queries'

/** Whether the caller may see a file through a record it is attached to (an appeal's photos …): given by the modules that attach files. */
export type AttachmentAccess = (ctx: Ctx, fileId: string) => Promise<boolean>

export const ALLOWED_MIME = new Set(['image/jpeg', 'image/png', 'image/webp'])

export async function storeUpload(ctx: Ctx, data: Buffer, originalName: string | null) {
  if (data.length === 0) throw new AppError('EMPTY_FILE', '文件为空')
  const type = await fileTypeFromBuffer(data)
  if (!type || !ALLOWED_MIME.has(type.mime)) {
    throw new AppError('UNSUPPORTED_FILE_TYPE', '只能上传 JPEG、PNG 或 WebP 格式的图片')
  }
  const sha256 = crypto.createHash('sha256').update(data).digest('hex')
  return commitChange(ctx, {
    entityId: (row) => row.id,
    apply: (tx: Db) =>
      insertFile(tx, {
        ownerUserId: ctx.actor.userId,
        mime: type.mime,
        size: data.length,
        sha256,
        // eslint-disable-next-line no-control-regex -- removing control characters is the point
        originalName: originalName ? originalName.slice(0, 200).replace(/[\u0000-\u001f]/g, '') : null,
        data,
        createdAt: ctx.now,
      }),
    audit: (row) => ({ action: 'file.upload', entityType: 'file', detail: { mime: row.mime, size: row.size } }),
  })
}

/** The uploader, or anyone who can see a record the file is attached to. */
export async function readFile(ctx: Ctx, id: string, attachmentAccess: AttachmentAccess) {
  const f = await findFileById(ctx.db, id)
  if (!f) throw notFound('文件不存在或无权查看')
  const seenThroughAttachment = f.ownerUserId !== ctx.actor.userId && (await attachmentAccess(ctx, id))
  authorize(ctx.actor, 'file.read', { ownerUserId: f.ownerUserId, seenThroughAttachment })
  return f
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
