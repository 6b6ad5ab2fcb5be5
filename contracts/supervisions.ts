/** 督办单 (supervision orders). */
import { Obj, PageQuery, PlaceCode, Str, Text, Type, type Static } from './common'
import { SupervisionSummary } from './appeals'

export const SupervisionItem = Type.Object({
  ...SupervisionSummary.properties,
  appeal: Type.Object({ id: Type.String(), number: Type.String(), title: Type.String(), status: Type.String() }),
})
export type SupervisionItem = Static<typeof SupervisionItem>

export const ListSupervisionsQuery = Obj({
  ...PageQuery,
  status: Type.Optional(Type.Array(Type.Enum(['open', 'answered', 'closed'] as const), { maxItems: 3 })),
  place: Type.Optional(PlaceCode),
})
export const AnswerSupervisionBody = Obj({ answer: Text(2000, '回复内容') })
export const CloseSupervisionBody = Obj({ note: Type.Optional(Str(1000)) })
