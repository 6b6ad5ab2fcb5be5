/** Places: regions (county/street/community) and grids. */
import { Nullable, Obj, PlaceCode, Str, Text, Type, type Static } from './common'

export const PLACE_LEVELS = ['county', 'street', 'community', 'grid'] as const
export type PlaceLevel = (typeof PLACE_LEVELS)[number]

/** 多网合一: functions one grid may carry. */
export const GRID_FUNCTIONS = ['党建', '综治', '城管', '环保', '民政', '应急', '市场监管', '消防'] as const

export const GeoJsonPolygon = Obj({
  type: Type.Union([Type.Literal('Polygon'), Type.Literal('MultiPolygon')]),
  coordinates: Type.Array(Type.Unknown(), { minItems: 1, maxItems: 100 }),
})

export const Place = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.Enum(PLACE_LEVELS),
  kind: Type.String({ description: '街道 · 镇 · 乡 · 社区 · 村 · 网格 …' }),
  parentCode: Nullable(Type.String()),
  path: Type.String(),
  functions: Type.Optional(Type.Array(Type.String())),
  boundary: Type.Optional(Nullable(Type.Unknown())),
  householdCount: Type.Optional(Type.Integer()),
  retired: Type.Optional(Type.Boolean()),
})
export type Place = Static<typeof Place>

export const PlaceSummary = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.String(),
  kind: Type.String(),
  retired: Type.Optional(Type.Boolean()),
})
export type PlaceSummary = Static<typeof PlaceSummary>

export const PlaceParams = Obj({ code: PlaceCode })
export const ChildrenQuery = Obj({ includeRetired: Type.Optional(Type.Boolean()) })

export const CreateGridBody = Obj({
  name: Type.Optional(Text(50)),
  functions: Type.Optional(Type.Array(Type.Enum(GRID_FUNCTIONS), { maxItems: 8, uniqueItems: true })),
  boundary: Type.Optional(GeoJsonPolygon),
})
export type CreateGridBody = Static<typeof CreateGridBody>

export const CommunityParams = Obj({ code: Type.String({ pattern: '^[0-9]{12}$' }) })
export const GridParams = Obj({ code: Type.String({ pattern: '^[0-9]{15}$' }) })
export const RetireGridBody = Obj({ reason: Str(200) })

export const PlaceChildren = Type.Array(PlaceSummary)
