/**
 * Photo uploads. The type is decided by the bytes (file-type), not by the name or the declared
 * content type; only JPEG, PNG and WebP are kept. Files are stored in the database so that every
 * instance serves them.
 */
import crypto from 'node:crypto'
import { fileTypeFromBuffer } from 'file-type'
import type { Ctx } from '../../context'
import { AppError, badRequest, notFound } from '../../errors'
import { canSeeAppeal } from '../../permissions'
import { recordAudit } from '../audit/service'
import { factsOf } from '../appeals/presenter'
import { findAppealById } from '../appeals/queries'
import { findFileById, findOwnedFileIds, insertFile, listAppealIdsOfFile } from './queries'

export const ALLOWED_MIME = new Set(['image/jpeg', 'image/png', 'image/webp'])

export async function storeUpload(ctx: Ctx, data: Buffer, originalName: string | null) {
  if (data.length === 0) throw badRequest('EMPTY_FILE', '文件为空')
  const type = await fileTypeFromBuffer(data)
  if (!type || !ALLOWED_MIME.has(type.mime)) {
    throw new AppError('UNSUPPORTED_FILE_TYPE', 415, '只能上传 JPEG、PNG 或 WebP 格式的图片')
  }
  const sha256 = crypto.createHash('sha256').update(data).digest('hex')
  return ctx.db.transaction(async (tx) => {
    const row = await insertFile(tx, {
      ownerUserId: ctx.actor.userId,
      mime: type.mime,
      size: data.length,
      sha256,
      originalName: originalName ? originalName.slice(0, 200).replace(/[\u0000-\u001f]/g, '') : null,
      data,
      createdAt: ctx.now,
    })
    await recordAudit(ctx, tx, { action: 'file.upload', entityType: 'file', entityId: row.id, detail: { mime: row.mime, size: row.size } })
    return row
  })
}

/** The uploader, or anyone who can see an appeal that references the file. */
export async function readFile(ctx: Ctx, id: string) {
  const f = await findFileById(ctx.db, id)
  if (!f) throw notFound('文件不存在或无权查看')
  if (f.ownerUserId !== ctx.actor.userId) {
    let visible = false
    for (const appealId of await listAppealIdsOfFile(ctx.db, id)) {
      const a = await findAppealById(ctx.db, appealId)
      if (a && canSeeAppeal(ctx.actor, factsOf(a, ctx))) {
        visible = true
        break
      }
    }
    if (!visible) throw notFound('文件不存在或无权查看')
  }
  return f
}

/** Photos attached to an appeal or an action must be the caller's own uploads. */
export async function assertOwnFiles(ctx: Ctx, ids: string[] | undefined, field = 'photoIds'): Promise<string[]> {
  if (!ids?.length) return []
  const owned = await findOwnedFileIds(ctx.db, ctx.actor.userId, ids)
  const missing = ids.filter((id) => !owned.has(id))
  if (missing.length) {
    throw badRequest(
      'UNKNOWN_FILE',
      '照片不存在或不是您上传的',
      missing.map((id) => ({ field, message: `照片 ${id} 不存在或不是您上传的` })),
    )
  }
  return ids
}
