import type { Readable } from 'node:stream'
import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { FileInfo, FileParams, UploadBodyDoc, UploadQuery } from '#contracts/files'
import type { AppDeps } from '../../context'
import { AppError, invalidInput } from '../../errors'
import { ctxOf, errorResponses } from '../../http'
import { presentFile } from './presenter'
import { commitUpload, discardUpload, openFile, receiveUpload, type AttachmentAccess, type ReceivedUpload } from './service'

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024

/** What a part's field name may show in an error: printable and short. */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const printable = (s: string) => s.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 50)

/**
 * Multipart failures as a client should see them. A broken body (no boundary, cut off, garbage)
 * is the client's fault: 400, never a 500. Oversize files stay 413 (mapped in errors.ts).
 */
function uploadError(e: unknown): unknown {
  if (e instanceof AppError) return e
  const code = (e as { code?: unknown } | null)?.code
  if (code === 'FST_REQ_FILE_TOO_LARGE') return e
  if (code === 'FST_FILES_LIMIT') return new AppError('TOO_MANY_FILES', '一次只能上传一个文件')
  if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') return new AppError('TOO_MANY_PARTS', '上传内容包含过多字段')
  return new AppError('MALFORMED_MULTIPART', '上传内容格式不正确，请重新选择文件上传')
}

/**
 * The one part named `file`, streamed to `receive` as it arrives (never buffered whole); any other
 * part (a second file, a text field) is refused, and what was received is then discarded.
 */
async function readUpload(
  request: FastifyRequest,
  receive: (file: Readable, filename: string | null) => Promise<ReceivedUpload>,
  discard: (r: ReceivedUpload) => Promise<void>,
): Promise<ReceivedUpload> {
  let received: ReceivedUpload | undefined
  try {
    for await (const part of request.parts()) {
      if (part.type !== 'file' || part.fieldname !== 'file') {
        const field = printable(part.fieldname)
        throw invalidInput([{ field, message: `不支持的字段 ${field}，请用 file 字段上传照片` }])
      }
      if (received) throw new AppError('TOO_MANY_FILES', '一次只能上传一个文件')
      // past the limit the parser cuts the file short: fail the stream so nothing half-read is kept
      part.file.once('limit', () => part.file.destroy(new AppError('PAYLOAD_TOO_LARGE', '照片不能超过 10 MB')))
      try {
        received = await receive(part.file, part.filename || null)
      } finally {
        // whatever was not read (a refusal before reading) is let through, so the parser reaches the end
        if (!part.file.readableEnded && !part.file.destroyed) part.file.resume()
      }
    }
  } catch (e) {
    if (received) await discard(received)
    throw uploadError(e)
  }
  if (!received) throw new AppError('NO_FILE', '没有收到文件', [{ field: 'file', message: '请用 file 字段上传照片' }])
  return received
}

/** `attachmentAccess`: how other modules let a caller see a file attached to their records (app.ts wires it). */
export function fileRoutes(deps: AppDeps, attachmentAccess: AttachmentAccess): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    app.post(
      '/files',
      {
        config: { docBody: UploadBodyDoc },
        schema: {
          tags: ['files'],
          summary: '上传照片（multipart，字段 file；JPEG/PNG/WebP，按内容判断，≤ 10 MB；服务器缩小到长边 ≤ 2048 像素并去除元数据）',
          consumes: ['multipart/form-data'],
          querystring: UploadQuery,
          response: { 201: FileInfo, ...errorResponses(413, 415, 429) },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请使用 multipart/form-data 上传文件')
        const ctx = ctxOf(deps, request)
        const { categoryCode } = request.query
        const received = await readUpload(
          request,
          (file, filename) => receiveUpload(ctx, file, { filename, ...(categoryCode !== undefined ? { categoryCode } : {}) }),
          (r) => discardUpload(ctx, r),
        )
        const saved = await commitUpload(ctx, received)
        return reply.status(201).send(presentFile(saved))
      },
    )
    app.get(
      '/files/:id',
      {
        schema: { tags: ['files'], summary: '下载照片', params: FileParams, response: errorResponses(404) },
      },
      async (request, reply) => {
        const { file, stream } = await openFile(ctxOf(deps, request), request.params.id, attachmentAccess)
        reply.header('content-type', file.mime)
        reply.header('content-length', file.size)
        reply.header('cache-control', 'private, max-age=3600')
        reply.header('x-content-type-options', 'nosniff')
        return reply.send(stream as never)
      },
    )
  }
}
