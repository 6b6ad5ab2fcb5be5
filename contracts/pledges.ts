/**
 * 包保 — an in-service party member with a confirmed registration (双报到) at a community takes 5–8 of
 * its households, by building and floor, visits them (走访) and is named on the building's "三亮" notice
 * (楼栋公示). One member per household: a household already pledged is refused. A pledge ends when it is
 * released (by the member or the community/grid staff) or when the member's registration is transferred.
 */
import { Id, IsoDate, IsoTime, Literals, Nullable, Obj, PageQuery, PlaceCode, Str, Text, TimelineEvent, Type, Version, type Static } from './common'
import { POSTS } from './registrations'
import type { WorkflowTable } from './workflow-table'
import { PLEDGE_MAX, VISIT_SITUATIONS } from './pledge-names'

export { PLEDGE_MAX, PLEDGE_MIN, VISIT_SITUATIONS, VISIT_SITUATION_NAMES, type VisitSituation } from './pledge-names'


export const PLEDGE_STATUSES = ['active', 'ended'] as const
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number]
export const PLEDGE_STATUS_NAMES: Record<PledgeStatus, string> = { active: '包保中', ended: '已结束' }

/** release: a person ends it; visit: the member records a visit (the state stays); endOnTransfer: the member's registration moved away. */
export const PLEDGE_ACTIONS = ['release', 'visit', 'endOnTransfer'] as const
export type PledgeAction = (typeof PLEDGE_ACTIONS)[number]
export const PLEDGE_ACTION_NAMES: Record<PledgeAction | 'create', string> = {
  create: '认领包保',
  release: '解除包保',
  visit: '走访',
  endOnTransfer: '转出解除',
}

/** member: the pledging party member; community: the community's account; grid: the household's grid head or workers */
export type PledgeRelation = 'member' | 'community' | 'grid'

export const PLEDGE_WORKFLOW: WorkflowTable<PledgeStatus, PledgeAction, PledgeRelation> = {
  entity: 'pledge',
  states: PLEDGE_STATUSES,
  initial: 'active',
  stateNames: PLEDGE_STATUS_NAMES,
  actions: PLEDGE_ACTIONS,
  actionNames: PLEDGE_ACTION_NAMES,
  transitions: [
    { action: 'release', from: ['active'], who: ['member', 'community', 'grid'], to: 'ended' },
    { action: 'visit', from: ['active'], who: ['member'], to: 'unchanged' },
    { action: 'endOnTransfer', from: ['active'], who: ['system'], to: 'ended' },
  ],
  fields: {
    release: { required: [], optional: ['reason'] },
    visit: { required: ['visitedOn', 'situation', 'finding'], optional: ['note', 'appealId'] },
    endOnTransfer: { required: [], optional: [] },
  },
}

/** How a pledge ended. */
export const PLEDGE_END_REASONS = ['released', 'transferred'] as const
export const PLEDGE_END_REASON_NAMES: Record<(typeof PLEDGE_END_REASONS)[number], string> = { released: '解除包保', transferred: '党员转出' }


export const CreatePledgesBody = Obj({
  householdIds: Type.Array(Id, { minItems: 1, maxItems: PLEDGE_MAX, uniqueItems: true, description: '认领的住户（一次最多 8 户）' }),
  partyMemberId: Type.Optional(Id),
})
export type CreatePledgesBody = Static<typeof CreatePledgesBody>

export const PledgeActionBody = Obj({
  action: Literals(['release'] as const),
  version: Version,
  reason: Type.Optional(Str(200, { description: '解除原因' })),
})
export type PledgeActionBody = Static<typeof PledgeActionBody>

export const RecordVisitBody = Obj({
  visitedOn: Type.String({ format: 'date', pattern: '^20[0-9]{2}-', description: '走访日期（北京时间），不晚于今天' }),
  situation: Literals(VISIT_SITUATIONS, '走访情况'),
  finding: Text(500, '了解到的情况'),
  note: Type.Optional(Str(500, { description: '备注' })),
  appealId: Type.Optional(Id),
})
export type RecordVisitBody = Static<typeof RecordVisitBody>

export const ListPledgesQuery = Obj({
  ...PageQuery,
  status: Type.Optional(Literals(PLEDGE_STATUSES)),
  place: Type.Optional(PlaceCode),
  buildingId: Type.Optional(Id),
  partyMemberId: Type.Optional(Id),
})
export type ListPledgesQuery = Static<typeof ListPledgesQuery>

export const PledgeHousehold = Type.Object({
  id: Id,
  room: Nullable(Type.String()),
  address: Type.String(),
  buildingId: Nullable(Id),
  buildingName: Nullable(Type.String()),
  gridCode: Type.String(),
  gridName: Type.String(),
})
export type PledgeHousehold = Static<typeof PledgeHousehold>

export const PledgeVisit = Type.Object({
  id: Id,
  pledgeId: Id,
  visitedOn: IsoDate,
  situation: Literals(VISIT_SITUATIONS),
  situationName: Type.String(),
  finding: Type.String(),
  note: Nullable(Type.String()),
  appealId: Nullable(Id),
  recordedAt: IsoTime,
})
export type PledgeVisit = Static<typeof PledgeVisit>

export const Pledge = Type.Object({
  id: Id,
  status: Literals(PLEDGE_STATUSES),
  statusName: Type.String(),
  version: Type.Integer(),
  member: Type.Object({ id: Id, name: Type.String() }),
  communityCode: Type.String(),
  household: PledgeHousehold,
  startedAt: IsoTime,
  endedAt: Nullable(IsoTime),
  endReason: Nullable(Literals(PLEDGE_END_REASONS)),
  lastVisitedOn: Nullable(IsoDate),
  visitCount: Type.Integer(),
  allowedActions: Type.Array(Literals(PLEDGE_ACTIONS), { description: '调用者当前可执行的操作' }),
  visits: Type.Optional(Type.Array(PledgeVisit)),
  events: Type.Optional(Type.Array(TimelineEvent)),
})
export type Pledge = Static<typeof Pledge>

export const CreatedPledges = Type.Object({ items: Type.Array(Pledge) })
export type CreatedPledges = Static<typeof CreatedPledges>

/** A building's rooms with who pledged each (the pledge map). */
export const BuildingPledgeMap = Type.Object({
  building: Type.Object({ id: Id, name: Type.String(), address: Nullable(Type.String()), floors: Nullable(Type.Integer()), gridCode: Type.String(), gridName: Type.String(), communityCode: Type.String(), compoundName: Nullable(Type.String()) }),
  households: Type.Array(
    Type.Object({
      id: Id,
      room: Nullable(Type.String()),
      unitName: Nullable(Type.String()),
      floor: Nullable(Type.Integer({ description: '从房号推出的楼层' })),
      pledge: Nullable(Type.Object({ id: Id, version: Type.Integer(), member: Type.Object({ id: Id, name: Type.String() }), allowedActions: Type.Array(Literals(PLEDGE_ACTIONS)) })),
    }),
  ),
  members: Type.Array(Type.Object({ id: Id, name: Type.String(), households: Type.Integer({ description: '在本楼包保户数' }), total: Type.Integer({ description: '全部包保户数' }) })),
  /** may the caller assign households here (社区、网格) */
  canAssign: Type.Boolean(),
  /** whom the caller may assign to: the community's confirmed members, with their totals (empty unless canAssign) */
  candidates: Type.Array(Type.Object({ id: Id, name: Type.String(), postName: Nullable(Type.String()), total: Type.Integer() })),
  /** may the caller claim households here (已报到的党员本人) */
  canClaim: Type.Boolean(),
})
export type BuildingPledgeMap = Static<typeof BuildingPledgeMap>

export const BuildingsQuery = Obj({ place: Type.Optional(PlaceCode) })
export type BuildingsQuery = Static<typeof BuildingsQuery>

export const PledgeBuilding = Type.Object({
  id: Id,
  name: Type.String(),
  compoundName: Nullable(Type.String()),
  gridCode: Type.String(),
  gridName: Type.String(),
  households: Type.Integer(),
  covered: Type.Integer(),
})
export type PledgeBuilding = Static<typeof PledgeBuilding>
export const PledgeBuildings = Type.Object({ items: Type.Array(PledgeBuilding) })
export type PledgeBuildings = Static<typeof PledgeBuildings>

export const CoverageQuery = Obj({
  place: Type.Optional(PlaceCode),
  buildingId: Type.Optional(Id),
})
export type CoverageQuery = Static<typeof CoverageQuery>

const CoverageCounts = {
  households: Type.Integer(),
  covered: Type.Integer({ description: '有党员包保的户数' }),
  uncovered: Type.Integer({ description: '无人包保的户数' }),
}

export const Coverage = Type.Object({
  place: Type.Object({ kind: Literals(['community', 'grid', 'building'] as const), code: Type.String(), name: Type.String() }),
  ...CoverageCounts,
  members: Type.Array(
    Type.Object({
      id: Id,
      name: Type.String(),
      post: Nullable(Literals(POSTS)),
      postName: Nullable(Type.String()),
      workUnit: Nullable(Type.String()),
      households: Type.Integer({ description: '在此范围内包保的户数' }),
      total: Type.Integer({ description: '全部包保户数' }),
      belowTarget: Type.Boolean({ description: '少于 5 户：未达标' }),
    }),
    { description: '在本社区已报到的在职党员（网格、楼栋范围只列在其中包保的）' },
  ),
  buildings: Type.Array(Type.Object({ id: Id, name: Type.String(), gridCode: Type.String(), gridName: Type.String(), ...CoverageCounts })),
  uncoveredHouseholds: Type.Array(Type.Object({ id: Id, address: Type.String(), room: Nullable(Type.String()), buildingId: Nullable(Id) }), { description: '无人包保的住户（最多 500 户）' }),
  asOf: IsoTime,
})
export type Coverage = Static<typeof Coverage>

/** 三亮 楼栋公示: the building's grid team and its pledged members, with the rooms each serves. */
export const BuildingNotice = Type.Object({
  building: Type.Object({ id: Id, name: Type.String(), address: Nullable(Type.String()), compoundName: Nullable(Type.String()) }),
  grid: Type.Object({ code: Type.String(), name: Type.String() }),
  communityName: Type.String(),
  streetName: Type.String(),
  team: Type.Object({
    heads: Type.Array(Type.Object({ name: Type.String() }), { description: '网格长' }),
    workers: Type.Array(Type.Object({ name: Type.String() }), { description: '网格员' }),
    partyGroups: Type.Array(Type.Object({ name: Type.String(), kind: Type.String() }), { description: '网格党小组、楼栋党小组' }),
    householdLeaders: Type.Array(Type.Object({ group: Type.String(), name: Type.String() }), { description: '本楼的十联户联户长' }),
  }),
  members: Type.Array(
    Type.Object({
      name: Type.String(),
      postName: Nullable(Type.String()),
      workUnit: Nullable(Type.String()),
      phone: Nullable(Type.String({ description: '党员同意公示时为完整号码，否则为掩码' })),
      phonePublic: Type.Boolean(),
      rooms: Type.Array(Type.String()),
    }),
  ),
  asOf: IsoTime,
})
export type BuildingNotice = Static<typeof BuildingNotice>

/** The member's contact for the notice: a phone and the consent to show it in full. */
export const NoticeContactBody = Obj({
  phone: Type.Optional(Nullable(Type.String({ pattern: '^1[3-9][0-9]{9}$', description: '公示用手机号；不传则保留原号码，null 清除' }))),
  phonePublic: Type.Boolean({ description: '同意在楼栋公示中显示完整号码' }),
})
export type NoticeContactBody = Static<typeof NoticeContactBody>

export const NoticeContact = Type.Object({
  phone: Nullable(Type.String({ description: '掩码' })),
  phonePublic: Type.Boolean(),
})
export type NoticeContact = Static<typeof NoticeContact>

/** The caller's own standing as a pledging member (H5 我的包保户). */
export const MyPledges = Type.Object({
  registered: Type.Boolean({ description: '已在社区报到并经确认' }),
  communityCode: Nullable(Type.String()),
  communityName: Nullable(Type.String()),
  min: Type.Integer(),
  max: Type.Integer(),
  contact: NoticeContact,
  items: Type.Array(Pledge),
})
export type MyPledges = Static<typeof MyPledges>
