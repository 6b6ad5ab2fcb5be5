/**
 * Schema helpers shared by every contract. One schema library (TypeBox): the same
 * object validates requests in Fastify, types the server and the web, and feeds the OpenAPI document.
 */
import Type, { type Static, type TSchema } from 'typebox'

export { Type }
export type { Static, TSchema }

/**
 * No ASCII control characters except tab, CR and LF (PostgreSQL text cannot hold NUL), and no lone
 * UTF-16 surrogates (they cannot be stored as UTF-8 and would silently become U+FFFD). Patterns are
 * compiled with the `u` flag, so a proper surrogate pair (an emoji) is one code point and passes.
 */
const NO_CONTROL = '[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F\\uD800-\\uDFFF]'

/** A bounded string with no control characters. */
export const Str = (max: number, opts: { min?: number; description?: string } = {}) =>
  Type.String({
    maxLength: max,
    ...(opts.min ? { minLength: opts.min } : {}),
    pattern: `^${NO_CONTROL}*$`,
    ...(opts.description ? { description: opts.description } : {}),
  })

/** A bounded string that must hold at least one non-blank character. */
export const Text = (max: number, description?: string) =>
  Type.String({
    minLength: 1,
    maxLength: max,
    pattern: `^(?=[\\s\\S]*\\S)${NO_CONTROL}*$`,
    ...(description ? { description } : {}),
  })

/** A closed object: unknown fields are a 400, never silently dropped. */
export const Obj = <P extends Record<string, TSchema>>(properties: P, opts: { description?: string; examples?: unknown[] } = {}) =>
  Type.Object(properties, { additionalProperties: false, ...opts })

export const Nullable = <T extends TSchema>(t: T, description?: string) => Type.Union([t, Type.Null()], description ? { description } : {})

/** Ids are JSON strings (bigint-safe). */
export const Id = Type.String({ pattern: '^[1-9][0-9]{0,17}$', description: '数字 ID（字符串）' })
export type Id = Static<typeof Id>
export const Uuid = Type.String({ format: 'uuid' })

/** Short place codes: county 6, street 9, community 12, grid 15 digits. */
export const PlaceCode = Type.String({
  pattern: '^[0-9]{2}(?:[0-9]{2}(?:[0-9]{2}(?:[0-9]{3}(?:[0-9]{3}(?:[0-9]{3})?)?)?)?)?$',
  description: '区划或网格代码：省 2 位、市 4 位、县 6 位、街道 9 位、社区 12 位、网格 15 位',
})
export const IsoTime = Type.String({ format: 'date-time', description: 'ISO 8601，带时区' })
export const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD（北京时间）' })

/** The years a date the API is given may fall in: outside them a query is meaningless (and year 0 is not a date PostgreSQL takes). */
export const DATE_YEARS_PATTERN = '^(?:19[7-9][0-9]|20[0-9]{2}|2100)-'
/** A date in a query (from, to): YYYY-MM-DD between 1970 and 2100. */
export const DateParam = (description = 'YYYY-MM-DD（北京时间）') =>
  Type.String({ format: 'date', pattern: DATE_YEARS_PATTERN, description: `${description}，1970–2100 年` })

export const ErrorBody = Type.Object(
  {
    code: Type.String({ description: '稳定的机器码，UPPER_SNAKE' }),
    message: Type.String({ description: '中文说明' }),
    details: Type.Optional(
      Type.Array(
        Type.Object({
          field: Type.Optional(Type.String()),
          row: Type.Optional(Type.Integer()),
          column: Type.Optional(Type.String()),
          message: Type.String(),
        }),
      ),
    ),
  },
  { description: '错误：{code, message, details?}' },
)
export type ErrorBody = Static<typeof ErrorBody>

/** Keyset paging query: limit 1–100 (default 20), opaque cursor, total only when asked. */
export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' })),
  withTotal: Type.Optional(Type.Boolean()),
}

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    nextCursor: Nullable(Type.String()),
    total: Type.Optional(Type.Integer()),
  })
export interface PageOf<T> {
  items: T[]
  nextCursor: string | null
  total?: number
}

export const IdParams = Obj({ id: Id })

/** A closed set of string values. */
export const Literals = <V extends string[]>(xs: readonly [...V], description?: string) =>
  Type.Enum(xs, description ? { description } : {})

/** Every action body carries the version the caller decided on (a stale one is 409). */
export const Version = Type.Integer({ minimum: 1, maximum: 2147483647, description: '做出决定时看到的版本号' })

/** One entry of an entity's timeline: who did what, when, from which state to which. */
export const TimelineEvent = Type.Object({
  id: Id,
  action: Type.String(),
  actionName: Type.String({ description: '操作的中文名' }),
  fromStatus: Nullable(Type.String()),
  toStatus: Type.String(),
  actor: Type.Object({ id: Nullable(Type.String()), name: Type.String(), role: Type.String(), roleName: Type.String({ description: '角色的中文名（系统：系统）' }) }),
  at: IsoTime,
  fields: Type.Record(Type.String(), Type.Unknown()),
  comment: Nullable(Type.String()),
})
export type TimelineEvent = Static<typeof TimelineEvent>

/** No content (204). */
export const NoContent = Type.Null()
