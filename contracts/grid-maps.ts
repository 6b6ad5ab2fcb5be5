/** 网格: a community's grids as a map (GeoJSON boundaries, no tile server) and a grid's card. */
import { IsoTime, Nullable, Obj, Type, type Static } from './common'
import { Color } from './appeals'
import { STATUSES } from './workflow'

export const CommunityMapParams = Obj({ code: Type.String({ pattern: '^[0-9]{12}$', description: '社区代码' }) })
export const GridProfileParams = Obj({ code: Type.String({ pattern: '^[0-9]{15}$', description: '网格代码' }) })

export const MapGrid = Type.Object({
  code: Type.String(),
  name: Type.String(),
  functions: Type.Array(Type.String()),
  householdCount: Type.Integer(),
  openAppeals: Type.Integer({ description: '未结诉求' }),
  cardedAppeals: Type.Integer({ description: '其中被亮牌的' }),
  boundary: Nullable(Type.Unknown({ description: 'GeoJSON Polygon' })),
  retired: Type.Boolean(),
})
export type MapGrid = Static<typeof MapGrid>

export const MapMarker = Type.Object({
  id: Type.String(),
  number: Type.String(),
  title: Type.String(),
  color: Color,
  status: Type.Enum(STATUSES),
  gridCode: Type.String(),
  lat: Type.Number(),
  lng: Type.Number(),
})
export type MapMarker = Static<typeof MapMarker>

export const CommunityMap = Type.Object({
  code: Type.String(),
  name: Type.String(),
  grids: Type.Array(MapGrid),
  markers: Type.Array(MapMarker, { description: '有真实坐标的未结诉求' }),
})
export type CommunityMap = Static<typeof CommunityMap>

const Person = Type.Object({ name: Type.String() })

export const GridProfile = Type.Object({
  code: Type.String(),
  name: Type.String(),
  communityCode: Type.String(),
  communityName: Type.String(),
  streetName: Type.String(),
  functions: Type.Array(Type.String()),
  retired: Type.Boolean(),
  counts: Type.Object({ households: Type.Integer(), residents: Type.Integer(), buildings: Type.Integer(), openAppeals: Type.Integer() }),
  team: Type.Object({
    heads: Type.Array(Person, { description: '网格长' }),
    workers: Type.Array(Person, { description: '网格员' }),
    partyGroups: Type.Array(Type.Object({ name: Type.String(), members: Type.Integer() }), { description: '网格党支部/党小组' }),
    groups: Type.Array(Type.Object({ name: Type.String(), leader: Nullable(Type.String()), households: Type.Integer() }), { description: '十联户与联户长' }),
  }),
  asOf: IsoTime,
})
export type GridProfile = Static<typeof GridProfile>
