/** The in-app inbox (站内通知). */
import { Id, IsoTime, Nullable, Obj, PageQuery, Type, type Static } from './common'

export const Notification = Type.Object({
  id: Id,
  kind: Type.String({ description: 'assigned · claimLost · warning · yellowCard · redCard · supervision · rated · returned · extension · replied' }),
  title: Type.String(),
  body: Type.String(),
  appealId: Nullable(Type.String()),
  createdAt: IsoTime,
  readAt: Nullable(IsoTime),
})
export type Notification = Static<typeof Notification>

export const ListNotificationsQuery = Obj({
  ...PageQuery,
  unread: Type.Optional(Type.Boolean()),
})

export const NotificationPage = Type.Object({
  items: Type.Array(Notification),
  nextCursor: Nullable(Type.String()),
  unread: Type.Integer({ description: '未读总数' }),
})
