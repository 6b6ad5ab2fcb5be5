/** The in-app inbox (站内通知). */
import { Id, IsoTime, Nullable, Obj, PageQuery, Type, type Static } from './common'

export const Notification = Type.Object({
  id: Id,
  kind: Type.String({
    description:
      'newAppeal（待受理）· toDispatch（待分派）· assigned（新派单 / 吹哨）· claimLost（领单未成功）· toVerify（待核查）· ' +
      'returnedForWork（核查未通过）· toReply（待答复）· replied（已答复，请评价）· rated（群众评价）· returned（派单被退回）· ' +
      'extension（延期申请与决定）· escalated（上报街道）· withdrawn（已上报街道，无需办理）· assistNote（协办反馈）· ' +
      'closed（督办结案说明）· supervision（督办）· warning（即将超期）· yellowCard（黄牌）',
  }),
  kindName: Type.String({ description: '通知类别的中文名' }),
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
  total: Type.Optional(Type.Integer({ description: '符合条件的总数（仅 withTotal=true 时）' })),
  unread: Type.Integer({ description: '未读总数' }),
})

export const MarkedCount = Type.Object({ marked: Type.Integer({ description: '本次标记为已读的条数' }) })
