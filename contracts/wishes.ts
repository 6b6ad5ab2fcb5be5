/** 微心愿: the request and response schemas (states and names in wishes-workflow.ts), and the public wish wall. */
import { Id, IsoDate, IsoTime, Literals, Nullable, Obj, PageQuery, Str, Text, TimelineEvent, Type, Uuid, Version, type Static } from './common'
import { WISH_ACTIONS, WISH_CATEGORIES, WISH_GROUPS, WISH_STATUSES } from './wishes-workflow'

export * from './wishes-workflow'

export const CreateWishBody = Obj({
  title: Text(60, '心愿内容，如“想要一台收音机”'),
  description: Type.Optional(Str(500, { description: '补充说明（不写住址、电话）' })),
  category: Literals(WISH_CATEGORIES, '心愿类别'),
  group: Literals(WISH_GROUPS, '心愿人群：老年人 · 儿童 · 困难群众 · 残疾人'),
  residentId: Type.Optional(Id),
  beneficiaryName: Type.Optional(Text(20, '心愿人姓名（未关联居民档案时必填）')),
  gridCode: Type.Optional(Type.String({ pattern: '^[0-9]{15}$', description: '所在网格（15 位）' })),
})
export type CreateWishBody = Static<typeof CreateWishBody>

export const WishActionBody = Obj({
  action: Literals(WISH_ACTIONS),
  version: Version,
  note: Type.Optional(Str(500)),
  photoIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 9, uniqueItems: true })),
  rating: Type.Optional(Type.Integer({ minimum: 1, maximum: 5, description: '评价 1–5 星' })),
  message: Type.Optional(Str(200, { description: '答谢留言' })),
  reason: Type.Optional(Text(500)),
})
export type WishActionBody = Static<typeof WishActionBody>

export const ListWishesQuery = Obj({
  ...PageQuery,
  status: Type.Optional(Type.Array(Literals(WISH_STATUSES), { maxItems: 5 })),
  place: Type.Optional(Type.String({ pattern: '^[0-9]{6}(?:[0-9]{3}(?:[0-9]{3}(?:[0-9]{3})?)?)?$' })),
  mine: Type.Optional(Type.Boolean({ description: '党员、报到单位：我认领的；居民：我的心愿' })),
})
export type ListWishesQuery = Static<typeof ListWishesQuery>

const Place = Type.Object({ code: Type.String(), name: Type.String() })

export const Wish = Type.Object({
  id: Id,
  status: Literals(WISH_STATUSES),
  statusName: Type.String(),
  version: Type.Integer(),
  title: Type.String(),
  description: Nullable(Type.String()),
  category: Literals(WISH_CATEGORIES),
  categoryName: Type.String(),
  group: Literals(WISH_GROUPS),
  groupName: Type.String(),
  beneficiary: Type.Object({
    name: Type.String({ description: '心愿人：社区、认领人和本人看到全名，其他人看到遮挡后的姓名' }),
    masked: Type.Boolean(),
  }),
  community: Place,
  grid: Nullable(Place),
  claimant: Nullable(
    Type.Object({ kind: Literals(['partyMember', 'unit'] as const, '认领方：党员 · 报到单位'), id: Id, name: Type.String({ description: '党员姓名或单位名称' }) }),
  ),
  claimedAt: Nullable(IsoTime),
  fulfilledAt: Nullable(IsoTime),
  fulfilNote: Nullable(Type.String()),
  photoIds: Type.Array(Type.String()),
  rating: Nullable(Type.Integer()),
  thanks: Nullable(Type.String()),
  closedAt: Nullable(IsoTime),
  createdAt: IsoTime,
  allowedActions: Type.Array(Literals(WISH_ACTIONS)),
  events: Type.Optional(Type.Array(TimelineEvent)),
})
export type Wish = Static<typeof Wish>

/** The public wish wall: what was wished, by whom only as 王**, the category and the grid/community — no address, no full name. */
export const PublicWish = Type.Object({
  id: Id,
  title: Type.String(),
  category: Literals(WISH_CATEGORIES),
  categoryName: Type.String(),
  group: Literals(WISH_GROUPS),
  groupName: Type.String(),
  maskedName: Type.String(),
  community: Place,
  gridName: Nullable(Type.String()),
  status: Literals(WISH_STATUSES),
  statusName: Type.String(),
  publishedOn: IsoDate,
  fulfilledOn: Nullable(IsoDate),
})
export type PublicWish = Static<typeof PublicWish>

export const PublicWishesQuery = Obj({
  ...PageQuery,
  community: Type.String({ pattern: '^[0-9]{12}$', description: '社区代码（12 位）' }),
  status: Type.Optional(Literals(['published', 'claimed', 'fulfilled', 'closed'] as const)),
})
export type PublicWishesQuery = Static<typeof PublicWishesQuery>
