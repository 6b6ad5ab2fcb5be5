/**
 * One error type and one error handler. Every error leaves as
 * `{code, message, details?}` — code stable UPPER_SNAKE, message in Chinese,
 * never a stack trace or SQL.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

export interface ErrorDetail {
  field?: string
  row?: number
  column?: string
  message: string
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly messageZh: string,
    readonly details?: ErrorDetail[],
  ) {
    super(`${code}: ${messageZh}`)
  }
}

export const badRequest = (code: string, messageZh: string, details?: ErrorDetail[]) =>
  new AppError(code, 400, messageZh, details)
export const invalidInput = (details: ErrorDetail[], messageZh = '输入有误，请检查后重试') =>
  new AppError('VALIDATION_FAILED', 400, messageZh, details)
export const unauthenticated = (code = 'UNAUTHENTICATED', messageZh = '请先登录') => new AppError(code, 401, messageZh)
export const forbidden = (messageZh = '您没有权限执行此操作', code = 'FORBIDDEN') => new AppError(code, 403, messageZh)
export const notFound = (messageZh = '记录不存在或无权查看') => new AppError('NOT_FOUND', 404, messageZh)
export const conflict = (code: string, messageZh: string) => new AppError(code, 409, messageZh)
export const unprocessable = (code: string, messageZh: string, details?: ErrorDetail[]) =>
  new AppError(code, 422, messageZh, details)

/** Chinese text for ajv validation keywords. */
function describeValidation(v: { keyword: string; params: Record<string, unknown>; message?: string }): string {
  const p = v.params
  switch (v.keyword) {
    case 'required':
      return `缺少必填字段 ${String(p.missingProperty)}`
    case 'additionalProperties':
      return `不支持的字段 ${String(p.additionalProperty)}`
    case 'type':
      return `类型错误，应为${typeZh(String(p.type))}`
    case 'maxLength':
      return `长度不能超过 ${String(p.limit)} 个字符`
    case 'minLength':
      return Number(p.limit) <= 1 ? '不能为空' : `长度不能少于 ${String(p.limit)} 个字符`
    case 'maximum':
      return `不能大于 ${String(p.limit)}`
    case 'minimum':
      return `不能小于 ${String(p.limit)}`
    case 'maxItems':
      return `最多 ${String(p.limit)} 项`
    case 'minItems':
      return `至少 ${String(p.limit)} 项`
    case 'enum':
    case 'const':
    case 'anyOf':
      return '取值不在允许范围内'
    case 'pattern':
      return '格式不正确或包含不允许的控制字符'
    case 'format':
      return `格式不正确（应为 ${String(p.format)}）`
    case 'uniqueItems':
      return '不能包含重复项'
    default:
      return '输入不合法'
  }
}

function typeZh(t: string): string {
  const map: Record<string, string> = {
    string: '字符串',
    integer: '整数',
    number: '数字',
    boolean: '布尔值',
    object: '对象',
    array: '数组',
    null: '空值',
  }
  return t
    .split(',')
    .map((x) => map[x] ?? x)
    .join('或')
}

interface AjvError {
  keyword: string
  instancePath: string
  params: Record<string, unknown>
  message?: string
}

function fieldOf(e: AjvError, part: string | undefined): string {
  let field = e.instancePath.replace(/^\//, '').replace(/\//g, '.')
  if (e.keyword === 'required') field = field ? `${field}.${String(e.params.missingProperty)}` : String(e.params.missingProperty)
  if (e.keyword === 'additionalProperties')
    field = field ? `${field}.${String(e.params.additionalProperty)}` : String(e.params.additionalProperty)
  if (!field) field = part ?? 'body'
  return field
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & { validation?: AjvError[]; validationContext?: string }, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.status).send({
        code: error.code,
        message: error.messageZh,
        ...(error.details ? { details: error.details } : {}),
      })
    }
    if (error.validation) {
      const seen = new Set<string>()
      const details: ErrorDetail[] = []
      for (const v of error.validation) {
        // anyOf/oneOf produce one error per branch; keep the first per field.
        const field = fieldOf(v, error.validationContext)
        const key = `${field}:${v.keyword}`
        if (seen.has(key)) continue
        seen.add(key)
        details.push({ field, message: describeValidation(v) })
      }
      return reply.status(400).send({ code: 'VALIDATION_FAILED', message: '输入有误，请检查后重试', details })
    }
    const status = error.statusCode ?? 500
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply.status(400).send({ code: 'MALFORMED_JSON', message: '请求内容不是合法的 JSON' })
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
      case 'FST_REQ_FILE_TOO_LARGE':
        return reply.status(413).send({ code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大' })
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
        return reply.status(415).send({ code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的请求内容类型' })
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return reply.status(400).send({ code: 'BAD_REQUEST', message: '请求格式不正确' })
    }
    if (error instanceof SyntaxError && status === 400) {
      return reply.status(400).send({ code: 'MALFORMED_JSON', message: '请求内容不是合法的 JSON' })
    }
    // Anything else a plugin refuses keeps its status, but never its English message.
    if (status === 413) return reply.status(413).send({ code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大' })
    if (status === 415 || status === 406) {
      return reply.status(415).send({ code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的请求内容类型' })
    }
    if (status >= 400 && status < 500) {
      return reply.status(status).send({ code: 'BAD_REQUEST', message: '请求格式不正确' })
    }
    request.log.error({ err: error }, 'unhandled error')
    return reply.status(500).send({ code: 'INTERNAL_ERROR', message: '系统繁忙，请稍后再试' })
  })

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ code: 'ROUTE_NOT_FOUND', message: '接口不存在' })
  })
}

/**
 * Errors Fastify raises before routing (a URL that does not decode, a path parameter over the
 * length limit) bypass the error handler; without this they would go out in Fastify's own shape,
 * in English and echoing the path.
 */
export function frameworkErrorHandler(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      void reply.status(400).send({ code: 'BAD_URL', message: '请求地址格式不正确' })
      return
    case 'FST_ERR_MAX_PARAM_LENGTH':
      void reply.status(400).send({ code: 'BAD_URL', message: '请求地址中的参数过长' })
      return
    default:
      reply.log.error({ err: error }, 'framework error')
      void reply.status(500).send({ code: 'INTERNAL_ERROR', message: '系统繁忙，请稍后再试' })
  }
}
