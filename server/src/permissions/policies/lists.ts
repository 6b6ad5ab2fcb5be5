/**
 * 三张清单: who raises, sees and acts on needs, resources and projects. Needs are raised by residents,
 * grid staff and the community, and follow their project; resources are offered by departments and
 * 报到单位 (to the communities they are paired with) or registered by the community; the community publishes a
 * project, a department of the county or a 报到单位 paired with the community claims it (认领), carries it out, and the community accepts it.
 */
import {
  NEED_WORKFLOW,
  PROJECT_WORKFLOW,
  RESOURCE_WORKFLOW,
  type NeedRelation,
  type NeedStatus,
  type ProjectRelation,
  type ProjectStatus,
  type ResourceRelation,
  type ResourceStatus,
} from '#contracts/lists-workflow'
import { defineWorkflow } from '../../core/workflow'
import { placeInScope, type Actor } from '../actor'
import { rule } from '../policy'

const PLACE_ROLES: readonly string[] = ['county', 'street', 'community', 'gridHead', 'gridWorker']
const AREA_ROLES: readonly string[] = ['county', 'street', 'community']

/** The community's own account. */
const isCommunityOf = (actor: Actor, communityCode: string) => actor.role === 'community' && actor.placeCode === communityCode

/**
 * A department of the county the community lies in. Department codes are `<county code>-<suffix>`
 * (seed/county.ts), so the county is read from the code.
 */
export const isCountyDepartment = (actor: Actor, communityCode: string) =>
  actor.role === 'department' && actor.departmentCode !== null && actor.departmentCode.startsWith(`${communityCode.slice(0, 6)}-`)

/** Staff of the place or above it; grid staff see what belongs to their community as a whole too. */
/** A 报到单位 account whose unit is paired (a confirmed registration) with the community. */
export const isPairedUnit = (actor: Actor, communityCode: string) => actor.role === 'unit' && actor.unitId !== null && actor.pairedCommunityCodes.includes(communityCode)

/** The holder of an offer or a claim, by kind and id: a department by its code, a unit by its id. */
const holds = (actor: Actor, kind: string | null, id: string | null) =>
  (kind === 'department' && actor.role === 'department' && actor.departmentCode === id) || (kind === 'unit' && actor.role === 'unit' && actor.unitId !== null && String(actor.unitId) === id)

const staffSees = (actor: Actor, placeCode: string) =>
  PLACE_ROLES.includes(actor.role) && actor.placeCode !== null && (placeCode.startsWith(actor.placeCode) || (actor.placeCode.length === 15 && placeCode === actor.placeCode.slice(0, 12)))

// ---- needs ----------------------------------------------------------------------------------

export interface NeedFacts {
  status: NeedStatus
  communityCode: string
  placeCode: string
  raisedByUserId: number | null
}

export const needWorkflow = defineWorkflow(NEED_WORKFLOW, {
  stateOf: (n: NeedFacts) => n.status,
  relations: { community: (actor, n) => isCommunityOf(actor, n.communityCode) } satisfies Record<NeedRelation, (a: Actor, n: NeedFacts) => boolean>,
  messages: { invalidTransition: '需求当前状态不能执行此操作', forbidden: '只有需求所在社区可以处理这条需求' },
})

// ---- resources ------------------------------------------------------------------------------

export interface ResourceFacts {
  status: ResourceStatus
  communityCode: string
  ownerKind: string
  ownerId: string
}

const RESOURCE_RELATIONS: Record<ResourceRelation, (actor: Actor, r: ResourceFacts) => boolean> = {
  owner: (actor, r) => holds(actor, r.ownerKind, r.ownerId),
  community: (actor, r) => isCommunityOf(actor, r.communityCode),
}

export const resourceWorkflow = defineWorkflow(RESOURCE_WORKFLOW, {
  stateOf: (r: ResourceFacts) => r.status,
  relations: RESOURCE_RELATIONS,
  messages: { invalidTransition: '资源已撤回', forbidden: '只有提供方或所在社区可以撤回资源' },
})

// ---- projects -------------------------------------------------------------------------------

export interface ProjectFacts {
  status: ProjectStatus
  communityCode: string
  claimantKind: string | null
  claimantId: string | null
}

const PROJECT_RELATIONS: Record<ProjectRelation, (actor: Actor, p: ProjectFacts) => boolean> = {
  claimer: (actor, p) => isCountyDepartment(actor, p.communityCode) || isPairedUnit(actor, p.communityCode),
  claimant: (actor, p) => holds(actor, p.claimantKind, p.claimantId),
  community: (actor, p) => isCommunityOf(actor, p.communityCode),
}

const TAKEN: readonly ProjectStatus[] = ['claimed', 'in_progress', 'done', 'accepted']

export const projectWorkflow = defineWorkflow(PROJECT_WORKFLOW, {
  stateOf: (p: ProjectFacts) => p.status,
  relations: PROJECT_RELATIONS,
  // a claim that comes after another's is a race lost, said as such
  stateRefusals: { claim: (p) => (TAKEN.includes(p.status) ? { code: 'PROJECT_ALREADY_CLAIMED' } : { code: 'INVALID_TRANSITION', message: '项目已撤销' }) },
  messages: { invalidTransition: '项目当前状态不能执行此操作', forbidden: '您不能处理这个项目' },
  forbiddenMessages: {
    claim: '只有本县职能部门或驻区单位可以认领项目',
    start: '只有认领单位可以实施项目',
    progress: '只有认领单位可以报告进展',
    complete: '只有认领单位可以提交完成',
    accept: '只有项目所在社区可以验收',
  },
})

/** Who sees a need only because they raised it: a resident, and 综治中心 / 司法所 for what they found on a visit. */
const RAISER_READERS: readonly Actor['role'][] = ['resident', 'publicSafety', 'judicialOffice']

export const listsRules = {
  /**
   * residents, grid staff and the community raise needs (a resident for their own grid); 综治中心 and 司法所 a need
   * found on a visit (帮扶: work, housing, schooling for the people they look after)
   */
  'need.raise': rule((actor) => ['resident', 'gridWorker', 'gridHead', 'community', 'publicSafety', 'judicialOffice'].includes(actor.role), 'FORBIDDEN', '您的角色不能登记需求'),
  'need.read': rule(
    (actor, n: NeedFacts) => staffSees(actor, n.placeCode) || (RAISER_READERS.includes(actor.role) && n.raisedByUserId === actor.userId),
    'NOT_FOUND',
    '需求不存在或无权查看',
  ),
  'need.list': rule((actor) => PLACE_ROLES.includes(actor.role) || actor.role === 'resident', 'FORBIDDEN', '您的角色不能查看需求清单'),

  /** a department or a 报到单位 offers its own resources; the community registers what is offered to it */
  'resource.offer': rule((actor) => ['department', 'unit', 'community'].includes(actor.role), 'FORBIDDEN', '只有社区、职能部门和报到单位可以登记资源'),
  /** a unit offers only to a community it is paired with */
  'resource.offerTo': rule((actor, communityCode: string) => actor.role !== 'unit' || isPairedUnit(actor, communityCode), 'UNIT_NOT_PAIRED', '本单位尚未在该社区报到，不能提供资源'),
  'resource.read': rule(
    (actor, r: ResourceFacts) =>
      staffSees(actor, r.communityCode) || isCountyDepartment(actor, r.communityCode) || isPairedUnit(actor, r.communityCode) || RESOURCE_RELATIONS.owner(actor, r),
    'NOT_FOUND',
    '资源不存在或无权查看',
  ),
  'resource.list': rule((actor) => PLACE_ROLES.includes(actor.role) || actor.role === 'department' || actor.role === 'unit', 'FORBIDDEN', '您的角色不能查看资源清单'),

  'project.create': rule((actor) => actor.role === 'community', 'FORBIDDEN', '只有社区可以发布项目'),
  /** staff of the place see every project; a department (a unit) sees the projects it may claim, waiting for a claim, and its own */
  'project.read': rule(
    (actor, p: ProjectFacts) =>
      staffSees(actor, p.communityCode) || PROJECT_RELATIONS.claimant(actor, p) || (p.status === 'published' && PROJECT_RELATIONS.claimer(actor, p)),
    'NOT_FOUND',
    '项目不存在或无权查看',
  ),
  'project.list': rule((actor) => PLACE_ROLES.includes(actor.role) || actor.role === 'department' || actor.role === 'unit', 'FORBIDDEN', '您的角色不能查看项目清单'),
  /** 季度梳理: the community and the levels above it */
  'project.review': rule((actor, communityCode: string) => AREA_ROLES.includes(actor.role) && placeInScope(actor, communityCode), 'NOT_FOUND', '社区不存在或不在您的辖区内'),

  /** a place asked about must be the caller's own or below it */
  'lists.listAt': rule((actor, code: string) => placeInScope(actor, code), 'NOT_FOUND', '地点不存在或不在您的辖区内'),
}
