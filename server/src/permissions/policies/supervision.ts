/** 督办单: the level chased answers it, the level that raised it closes it; both see it through the appeal. */
import { SUPERVISION_WORKFLOW, type SupervisionRelation, type SupervisionStatus } from '#contracts/supervisions'
import { defineWorkflow } from '../../core/workflow'
import type { Actor } from '../actor'
import { appealWorkflow, type AppealFacts } from './appeal'

export interface SupervisionFacts {
  status: SupervisionStatus
  /** community · street · county */
  level: string
  supervisorCode: string
  /** grid · community · street · handler · department */
  target: string
  appeal: AppealFacts
}

const isSupervisor = (actor: Actor, s: SupervisionFacts) => actor.role === s.level && actor.placeCode === s.supervisorCode

function isTarget(actor: Actor, s: SupervisionFacts): boolean {
  const holds = (rel: Parameters<typeof appealWorkflow.holds>[1]) => appealWorkflow.holds(actor, rel, s.appeal)
  switch (s.target) {
    case 'grid':
      return holds('gridStaff')
    case 'community':
      return holds('community')
    case 'street':
      return holds('street')
    case 'handler':
    case 'department':
      return holds('assignee') || holds('leadDepartment')
    default:
      return false
  }
}

const RELATIONS: Record<SupervisionRelation, (actor: Actor, s: SupervisionFacts) => boolean> = {
  target: isTarget,
  supervisor: isSupervisor,
}

export const supervisionWorkflow = defineWorkflow(SUPERVISION_WORKFLOW, {
  stateOf: (s: SupervisionFacts) => s.status,
  relations: RELATIONS,
  stateRefusals: {
    answer: () => ({ code: 'SUPERVISION_NOT_OPEN' }),
    close: (s) => (s.status === 'open' ? { code: 'SUPERVISION_NOT_ANSWERED' } : { code: 'SUPERVISION_CLOSED' }),
  },
  forbiddenMessages: { answer: '只有被督办方可以回复督办单', close: '只有督办方可以办结督办单', conclude: '只有督办方可以结案说明' },
})
