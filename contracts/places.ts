/** Places: regions (county/street/community) and grids. */
import { Id, Literals, Nullable, Obj, PlaceCode, Str, Text, Type, type Static } from './common'
import { PARTY_ORG_KINDS } from './registry'

export const PLACE_LEVELS = ['county', 'street', 'community', 'grid'] as const
export type PlaceLevel = (typeof PLACE_LEVELS)[number]

/** 多网合一: functions one grid may carry. */
export const GRID_FUNCTIONS = ['党建', '综治', '城管', '环保', '民政', '应急', '市场监管', '消防'] as const

export const GeoJsonPolygon = Obj({
  type: Type.Union([Type.Literal('Polygon'), Type.Literal('MultiPolygon')]),
  coordinates: Type.Array(Type.Unknown(), { minItems: 1, maxItems: 100 }),
})

/** 铁三角: the three who serve one grid — its party group, its grid head(s) and workers, its 联户长. */
export const GridTeam = Type.Object(
  {
    partyGroup: Nullable(
      Type.Object({ id: Id, name: Type.String(), memberCount: Type.Integer({ description: '编入的党员数' }) }),
      '网格党小组（党组织类型 gridGroup）；尚未建立为 null',
    ),
    gridHeads: Type.Array(Type.Object({ userId: Id, name: Type.String() }), { description: '网格长：管辖范围为本网格的网格长账号' }),
    gridWorkers: Type.Array(Type.Object({ userId: Id, name: Type.String() }), { description: '网格员：管辖范围为本网格的网格员账号' }),
    householdGroups: Type.Array(
      Type.Object({
        id: Id,
        name: Type.String(),
        householdCount: Type.Integer(),
        leader: Nullable(Type.Object({ residentId: Id, name: Type.String(), accountId: Nullable(Id, '联户长账号；尚未创建为 null') })),
      }),
      { description: '本网格的十联户及其联户长' },
    ),
  },
  { description: '铁三角：网格党小组 + 网格长、网格员 + 联户长' },
)
export type GridTeam = Static<typeof GridTeam>

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
  team: Type.Optional(GridTeam),
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

/** One organisation of the party-organisation tree on the places, in depth-first order. */
export const PartyOrgNode = Type.Object({
  id: Id,
  parentId: Nullable(Id),
  kind: Literals(PARTY_ORG_KINDS),
  kindName: Type.String(),
  name: Type.String(),
  placeCode: Type.String(),
  buildingId: Nullable(Id),
  memberCount: Type.Integer(),
  depth: Type.Integer({ description: '在本树中的层级：根为 0' }),
})
export type PartyOrgNode = Static<typeof PartyOrgNode>

export const PartyOrgTree = Type.Object(
  { place: Type.String(), items: Type.Array(PartyOrgNode) },
  { description: '以该地点为根的党组织树：该地点及其下级地点上的党组织，按先序（父在子前）排列，parentId 指向上级' },
)
export type PartyOrgTree = Static<typeof PartyOrgTree>
