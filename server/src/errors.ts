/**
 * One error type and one error handler. Every error leaves as
 * `{code, message, details?}` — code stable UPPER_SNAKE, message in Chinese,
 * never a stack trace or SQL.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { DATE_YEARS_PATTERN } from '#contracts/common'
import { ERRORS, type ErrorCode } from '#contracts/errors'
import { isDatabaseUnavailable } from './db/connection-errors'

export interface ErrorDetail {
  field?: string
  row?: number
  column?: string
  message: string
}

export class AppError extends Error {
  readonly status: number
  readonly messageZh: string
  /** `messageZh` may name the case more precisely than the catalogue's default; the status never changes. */
  constructor(
    readonly code: ErrorCode,
    messageZh?: string,
    readonly details?: ErrorDetail[],
  ) {
    const spec = ERRORS[code]
    super(`${code}: ${messageZh ?? spec.message}`)
    this.status = spec.status
    this.messageZh = messageZh ?? spec.message
  }
}

export const invalidInput = (details: ErrorDetail[], messageZh?: string) => new AppError('VALIDATION_FAILED', messageZh, details)
export const forbidden = (messageZh?: string) => new AppError('FORBIDDEN', messageZh)
export const notFound = (messageZh?: string) => new AppError('NOT_FOUND', messageZh)

/** How a date, a time or an id must be written, in the words of the form it came from. */
const FORMAT_NAMES: Record<string, string> = {
  date: '日期，如 2026-11-23',
  'date-time': '带时区的时间，如 2026-11-23T09:30:00+08:00',
  time: '时间，如 09:30:00',
  uuid: '文件 ID（UUID）',
  email: '电子邮箱',
  uri: '网址',
}

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
      return p.pattern === DATE_YEARS_PATTERN ? '日期应在 1970 年至 2100 年之间' : '格式不正确或包含不允许的控制字符'
    case 'format':
      return `格式不正确（应为${FORMAT_NAMES[String(p.format)] ?? '规定的格式'}）`
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

/**
 * How long a client should wait before retrying while the database is away (Retry-After, seconds): about
 * what a PostgreSQL restart with crash recovery or a failover takes.
 */
export const DATABASE_RETRY_AFTER_SECONDS = 5

/** The one shape every error leaves in: `{code, message, details?}`. */
export function send(reply: FastifyReply, e: AppError): FastifyReply {
  if (e.code === 'DATABASE_UNAVAILABLE') reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS))
  return reply.status(e.status).send({ code: e.code, message: e.messageZh, ...(e.details ? { details: e.details } : {}) })
}

/**
 * What an unexpected error may put in the log: its kind and the database's own words — never the SQL
 * text with its parameter values (a query's error message from the driver carries both, and the values
 * can be a resident's phone or ID number).
 */
export function loggable(e: unknown): { name: string; code?: string; message: string; stack?: string } {
  const err = e as { name?: string; code?: string; message?: string; stack?: string; cause?: { code?: string; message?: string } }
  const fromDatabase = typeof err.message === 'string' && err.message.startsWith('Failed query')
  const message = fromDatabase ? (err.cause?.message ?? 'database error') : String(err.message ?? e)
  return {
    name: err.name ?? 'Error',
    ...(err.cause?.code ?? err.code ? { code: err.cause?.code ?? err.code } : {}),
    message: message.split('\nparams:')[0]!.slice(0, 500),
    ...(fromDatabase ? {} : { stack: err.stack }),
  }
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & { validation?: AjvError[]; validationContext?: string }, request, reply) => {
    if (error instanceof AppError) return send(reply, error)
    // The database restarting, shut down or unreachable: the same for every request until it is back.
    // A warning without the SQL (which would carry the request's values); the client retries later.
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: loggable(error) }, 'database unavailable')
      return send(reply, new AppError('DATABASE_UNAVAILABLE'))
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
      return send(reply, invalidInput(details))
    }
    const status = error.statusCode ?? 500
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(reply, new AppError('MALFORMED_JSON'))
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
      case 'FST_REQ_FILE_TOO_LARGE':
        return send(reply, new AppError('PAYLOAD_TOO_LARGE'))
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
        return send(reply, new AppError('UNSUPPORTED_MEDIA_TYPE'))
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return send(reply, new AppError('BAD_REQUEST'))
    }
    if (error instanceof SyntaxError && status === 400) {
      return send(reply, new AppError('MALFORMED_JSON'))
    }
    // Anything else a plugin refuses keeps its status, but never its English message.
    if (status === 413) return send(reply, new AppError('PAYLOAD_TOO_LARGE'))
    if (status === 415 || status === 406) {
      return send(reply, new AppError('UNSUPPORTED_MEDIA_TYPE'))
    }
    if (status >= 400 && status < 500) {
      // another 4xx a plugin raised: its status stands, in our shape and words
      return reply.status(status).send({ code: 'BAD_REQUEST', message: ERRORS.BAD_REQUEST.message })
    }
    request.log.error({ err: loggable(error) }, 'unhandled error')
    return send(reply, new AppError('INTERNAL_ERROR'))
  })

  app.setNotFoundHandler((request, reply) => {
    send(reply, new AppError('ROUTE_NOT_FOUND'))
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
      void send(reply, new AppError('BAD_URL'))
      return
    case 'FST_ERR_MAX_PARAM_LENGTH':
      void send(reply, new AppError('BAD_URL', '请求地址中的参数过长'))
      return
    default:
      reply.log.error({ err: loggable(error) }, 'framework error')
      void send(reply, new AppError('INTERNAL_ERROR'))
  }
}
