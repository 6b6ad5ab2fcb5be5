import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Obj, Type, Uuid } from '../../../../contracts/common'
import type { AppDeps } from '../../context'
import { AppError, badRequest } from '../../errors'
import { ctxOf, errorResponses } from '../../http'
import { readFile, storeUpload } from './service'

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024

const FileInfo = Type.Object({ id: Type.String(), mime: Type.String(), size: Type.Integer(), sha256: Type.String() })

export function fileRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    app.post(
      '/files',
      {
        schema: {
          tags: ['files'],
          summary: '上传照片（multipart，字段 file；JPEG/PNG/WebP，按内容判断，≤ 10 MB）',
          consumes: ['multipart/form-data'],
          response: { 201: FileInfo, ...errorResponses(413, 415) },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 415, '请使用 multipart/form-data 上传文件')
        const part = await request.file()
        if (!part) throw badRequest('NO_FILE', '没有收到文件')
        const data = await part.toBuffer()
        const saved = await storeUpload(ctxOf(deps, request), data, part.filename || null)
        return reply.status(201).send(saved)
      },
    )
    app.get(
      '/files/:id',
      {
        schema: { tags: ['files'], summary: '下载照片', params: Obj({ id: Uuid }), response: errorResponses(404) },
      },
      async (request, reply) => {
        const f = await readFile(ctxOf(deps, request), request.params.id)
        reply.header('content-type', f.mime)
        reply.header('cache-control', 'private, max-age=3600')
        reply.header('x-content-type-options', 'nosniff')
        return reply.send(f.data as never)
      },
    )
  }
}
