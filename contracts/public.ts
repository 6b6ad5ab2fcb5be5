/** 晒单: closed appeals shown to anyone, anonymised — no names, phones, free text or exact addresses. */
import { Nullable, Obj, PageQuery, PlaceCode, Type, type Static } from './common'

export const PublicAppeal = Type.Object({
  number: Type.String(),
  category: Type.Object({ code: Type.String(), name: Type.String() }),
  summary: Nullable(Type.String({ description: '反映了什么、怎么解决的（答复时写定，已去除个人信息）' })),
  place: Type.Object({ communityName: Type.String(), gridName: Type.String(), streetCode: Type.String(), communityCode: Type.String() }),
  receivedOn: Type.String({ format: 'date' }),
  closedOn: Type.String({ format: 'date' }),
  hoursToClose: Type.Number({ description: '从收到诉求到办结的小时数（保留一位小数）' }),
  resolutionLevel: Nullable(Type.String()),
  resolutionLevelName: Nullable(Type.String()),
  rating: Nullable(Type.String({ description: 'satisfied · basic · unsatisfied · null（未评价）' })),
  ratingName: Nullable(Type.String()),
  closeReason: Type.String(),
  closeReasonName: Type.String(),
})
export type PublicAppeal = Static<typeof PublicAppeal>

export const PublicAppealsQuery = Obj({ ...PageQuery, place: Type.Optional(PlaceCode) })
