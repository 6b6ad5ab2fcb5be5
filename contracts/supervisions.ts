/** 督办单 (supervision orders). */
import { Obj, PageQuery, PlaceCode, Str, Text, Type, type Static } from './common'
import { SupervisionSummary } from './appeals'
import type { WorkflowTable } from './workflow-table'

export const SUPERVISION_STATUSES = ['open', 'answered', 'closed'] as const
export type SupervisionStatus = (typeof SUPERVISION_STATUSES)[number]
export const SUPERVISION_ACTIONS = ['answer', 'close', 'conclude'] as const
export type SupervisionAction = (typeof SUPERVISION_ACTIONS)[number]
/** target: the level chased (回复); supervisor: the level that raised it (办结, and 结案说明 of the appeal) */
export type SupervisionRelation = 'target' | 'supervisor'

/** 督办单: raised open (by a red card or a second unsatisfied rating), answered by the level chased, closed by the supervisor. */
export const SUPERVISION_WORKFLOW: WorkflowTable<SupervisionStatus, SupervisionAction, SupervisionRelation> = {
  entity: 'supervision',
  states: SUPERVISION_STATUSES,
  initial: 'open',
  stateNames: { open: '待回复', answered: '已回复', closed: '已办结' },
  actions: SUPERVISION_ACTIONS,
  actionNames: { answer: '回复督办', close: '办结督办', conclude: '结案说明' },
  transitions: [
    { action: 'answer', from: ['open'], who: ['target'], to: 'answered' },
    { action: 'close', from: ['answered'], who: ['supervisor'], to: 'closed' },
    // the supervising street or county closes the appeal with an explanation (结案说明): its supervisions end with it
    { action: 'conclude', from: ['open', 'answered'], who: ['supervisor'], to: 'closed' },
  ],
}

export const SupervisionItem = Type.Object({
  ...SupervisionSummary.properties,
  appeal: Type.Object({ id: Type.String(), number: Type.String(), title: Type.String(), status: Type.String() }),
  allowedActions: Type.Array(Type.Enum(SUPERVISION_ACTIONS), { description: '调用者当前可执行的操作（answer 回复 · close 办结）' }),
})
export type SupervisionItem = Static<typeof SupervisionItem>

export const ListSupervisionsQuery = Obj({
  ...PageQuery,
  status: Type.Optional(Type.Array(Type.Enum(['open', 'answered', 'closed'] as const), { maxItems: 3 })),
  place: Type.Optional(PlaceCode),
})
export const AnswerSupervisionBody = Obj({ answer: Text(2000, '回复内容') })
export const CloseSupervisionBody = Obj({
  note: Type.Optional(Str(1000)),
  closeAppeal: Type.Optional(Type.Boolean({ description: '同时以结案说明办结诉求（街道、县级督办时）' })),
  explanation: Type.Optional(Text(2000, '结案说明（closeAppeal 为 true 时必填）')),
})
export type CloseSupervisionBody = Static<typeof CloseSupervisionBody>

