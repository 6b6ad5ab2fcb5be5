import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { CommitResult, DryRunBodyDoc, DryRunResult, ImporterInfo, ImportIdParams, ImportProgress, RegisterImportParams, RegisterParams } from '#contracts/imports'
import type { AppDeps } from '../../context'
import { commitImport, dryRunImport, importProgress, MAX_IMPORT_BYTES, XLSX_MIME } from '../../core/excel/index'
import { AppError } from '../../errors'
import { ctxOf, errorResponses } from '../../http'
import { importerInfo, parseMapping, templateOf, type ImporterRegistry } from './service'

/** The upload (field `file`, buffered up to MAX_IMPORT_BYTES) and the optional `mapping` field. */
async function readSheetUpload(request: FastifyRequest): Promise<{ bytes: Buffer; fileName: string | null; mapping?: Record<string, string> }> {
  if (!request.isMultipart()) throw new AppError('IMPORT_NOT_XLSX', '请用 multipart/form-data 上传 .xlsx 文件（字段 file）')
  let bytes: Buffer | undefined
  let fileName: string | null = null
  let mapping: Record<string, string> | undefined
  try {
    for await (const part of request.parts({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 2, fieldSize: 16 * 1024 } })) {
      if (part.type === 'file' && part.fieldname === 'file') {
        bytes = await part.toBuffer()
        fileName = part.filename ? part.filename.slice(0, 200) : null
      } else if (part.type === 'field' && part.fieldname === 'mapping') {
        if (typeof part.value === 'string' && part.value.trim() !== '') mapping = parseMapping(part.value)
      } else {
        if (part.type === 'file') part.file.resume()
        throw new AppError('BAD_REQUEST', '只接受 file（.xlsx 文件）和 mapping（列对应关系）两个字段')
      }
    }
  } catch (e) {
    if (e instanceof AppError) throw e
    const code = (e as { code?: unknown } | null)?.code
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('IMPORT_TOO_LARGE', `导入文件不能超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB，请分批导入`)
    if (code === 'FST_FILES_LIMIT') throw new AppError('TOO_MANY_FILES')
    if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') throw new AppError('TOO_MANY_PARTS')
    throw new AppError('MALFORMED_MULTIPART')
  }
  if (!bytes) throw new AppError('NO_FILE', '没有收到文件', [{ field: 'file', message: '请用 file 字段上传 .xlsx 文件' }])
  if (!bytes.length) throw new AppError('EMPTY_FILE')
  return { bytes, fileName, ...(mapping ? { mapping } : {}) }
}

/** One set of routes for every register's import (core/excel's pipeline; importers listed in app.ts). */
export function importRoutes(deps: AppDeps, registry: ImporterRegistry): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['imports']
    // dry runs going on in the background after their 202: the app waits for them before it closes
    const running = new Set<Promise<void>>()
    app.addHook('onClose', async () => {
      await Promise.allSettled([...running])
    })
    const xlsx = { description: '.xlsx 模板', content: { [XLSX_MIME]: { schema: { type: 'string', format: 'binary' } } } }
    app.get(
      '/imports/:register/template',
      { schema: { tags, summary: '下载台账导入模板（表头、下拉选项、填写说明）', params: RegisterParams, response: { 200: xlsx, ...errorResponses(403, 404) } } },
      async (request, reply) => {
        const t = await templateOf(ctxOf(deps, request), registry.get(request.params.register))
        return reply.header('content-type', XLSX_MIME).header('content-disposition', t.disposition).header('cache-control', 'no-store').send(t.bytes)
      },
    )
    app.get(
      '/imports/:register/columns',
      { schema: { tags, summary: '台账导入的列（列名、必填、填写要求、可选值）', params: RegisterParams, response: { 200: ImporterInfo, ...errorResponses(403, 404) } } },
      async (request) => importerInfo(ctxOf(deps, request), registry.get(request.params.register)),
    )
    app.post(
      '/imports/:register/dry-run',
      {
        config: { docBody: DryRunBodyDoc },
        schema: {
          tags,
          summary:
            '上传 .xlsx 试导入（multipart：file，可选 mapping = {表头: 字段} 的 JSON）：逐行核对并暂存，不写入台账。表头当即核对；' +
            '请求头 Prefer: respond-async 或文件较大（≥ 512 KB）时立即返回 202 与批次进度，后台继续逐行核对，用 GET /imports/{importId} 查看进度和错误报告',
          consumes: ['multipart/form-data'],
          params: RegisterParams,
          response: { 200: DryRunResult, 202: ImportProgress, ...errorResponses(400, 403, 404, 413, 415) },
        },
      },
      async (request, reply) => {
        const ctx = ctxOf(deps, request)
        const importer = registry.get(request.params.register)
        importer.authorize(ctx.actor)
        const upload = await readSheetUpload(request)
        const background = /(^|[,;\s])respond-async([,;\s]|$)/i.test(String(request.headers.prefer ?? ''))
        const outcome = await dryRunImport(ctx, importer, upload, upload.mapping, { background })
        if ('done' in outcome) return outcome.done
        const p = outcome.running.finally(() => running.delete(p))
        running.add(p)
        return reply.code(202).header('preference-applied', 'respond-async').header('location', `/api/v1/imports/${outcome.accepted.importId}`).send(outcome.accepted)
      },
    )
    app.post(
      '/imports/:register/:importId/commit',
      {
        schema: {
          tags,
          summary: '确认导入：全部无误才写入（一个事务；重复导入不产生重复记录），422 表示表格还有错误',
          params: RegisterImportParams,
          response: { 200: CommitResult, ...errorResponses(403, 404, 409, 422) },
        },
      },
      async (request) => commitImport(ctxOf(deps, request), registry.get(request.params.register), request.params.importId),
    )
    app.get(
      '/imports/:importId',
      { schema: { tags, summary: '导入批次的状态与进度（本人上传的）；核对完成后附错误报告', params: ImportIdParams, response: { 200: ImportProgress, ...errorResponses(404) } } },
      async (request) => importProgress(ctxOf(deps, request), request.params.importId, registry.find),
    )
  }
}
