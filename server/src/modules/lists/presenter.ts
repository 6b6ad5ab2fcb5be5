/** Needs, resources and projects → API responses, with the caller's allowed actions and, for details, the timeline. */
import type { TimelineEvent } from '#contracts/common'
import {
  NEED_ACTION_NAMES,
  NEED_CATEGORY_NAMES,
  NEED_DIRECT_ACTIONS,
  NEED_SOURCE_NAMES,
  NEED_STATUS_NAMES,
  OWNER_KIND_NAMES,
  PROJECT_ACTION_NAMES,
  PROJECT_STATUS_NAMES,
  RESOURCE_ACTION_NAMES,
  RESOURCE_KIND_NAMES,
  RESOURCE_STATUS_NAMES,
  type Need,
  type NeedCategory,
  type NeedSource,
  type NeedStatus,
  type OwnerKind,
  type Project,
  type ProjectStatus,
  type Resource,
  type ResourceKind,
  type ResourceStatus,
} from '#contracts/lists'
import { ROLE_NAMES } from '#contracts/labels'
import { presentTimelineEvent, type WorkflowEventRow } from '../../core'
import { isoOrNull, isoShanghai } from '../../lib/time'
import { needWorkflow, projectWorkflow, resourceWorkflow, type Actor, type NeedFacts, type ProjectFacts, type ResourceFacts } from '../../permissions'
import type { NeedRow, NeedWithNames, ProjectRow, ProjectWithNames, ResourceRow, ResourceWithNames } from './queries'

export const needFacts = (n: NeedRow): NeedFacts => ({ status: n.status as NeedStatus, communityCode: n.communityCode, placeCode: n.placeCode, raisedByUserId: n.raisedByUserId })
export const resourceFacts = (r: ResourceRow): ResourceFacts => ({ status: r.status as ResourceStatus, communityCode: r.communityCode, ownerKind: r.ownerKind, ownerId: r.ownerId })
export const projectFacts = (p: ProjectRow): ProjectFacts => ({ status: p.status as ProjectStatus, communityCode: p.communityCode, claimantKind: p.claimantKind, claimantId: p.claimantId })

const needEvent = (e: WorkflowEventRow): TimelineEvent => presentTimelineEvent(e, NEED_ACTION_NAMES)
const resourceEvent = (e: WorkflowEventRow): TimelineEvent => presentTimelineEvent(e, RESOURCE_ACTION_NAMES)
const projectEvent = (e: WorkflowEventRow): TimelineEvent => presentTimelineEvent(e, PROJECT_ACTION_NAMES)

const DIRECT: readonly string[] = NEED_DIRECT_ACTIONS

export function presentNeed(actor: Actor, row: NeedWithNames, events?: WorkflowEventRow[]): Need {
  const n = row.need
  const status = n.status as NeedStatus
  return {
    id: String(n.id),
    status,
    statusName: NEED_STATUS_NAMES[status],
    version: n.version,
    title: n.title,
    description: n.description,
    category: n.category as NeedCategory,
    categoryName: NEED_CATEGORY_NAMES[n.category as NeedCategory] ?? n.category,
    source: n.source as NeedSource,
    sourceName: NEED_SOURCE_NAMES[n.source as NeedSource] ?? n.source,
    community: { code: n.communityCode, name: row.communityName },
    grid: n.gridCode ? { code: n.gridCode, name: row.gridName ?? n.gridCode } : null,
    beneficiaries: n.beneficiaries,
    beneficiaryCount: n.beneficiaryCount,
    appeal: n.appealId !== null && row.appealNumber ? { id: String(n.appealId), number: row.appealNumber } : null,
    project: n.projectId !== null && row.projectTitle ? { id: String(n.projectId), title: row.projectTitle } : null,
    raisedBy: { name: n.raisedByName, role: (ROLE_NAMES as Record<string, string>)[n.raisedByRole] ?? n.raisedByRole },
    createdAt: isoShanghai(n.createdAt),
    doneAt: isoOrNull(n.doneAt),
    // the other actions follow the project the need belongs to
    allowedActions: needWorkflow.allowedActions(actor, needFacts(n)).filter((a): a is 'close' => DIRECT.includes(a)),
    ...(events ? { events: events.map(needEvent) } : {}),
  }
}

const ownerOf = (kind: string, id: string, name: string) => ({ kind: kind as OwnerKind, kindName: OWNER_KIND_NAMES[kind as OwnerKind] ?? kind, id, name })

export function presentResource(actor: Actor, row: ResourceWithNames, events?: WorkflowEventRow[]): Resource {
  const r = row.resource
  const status = r.status as ResourceStatus
  return {
    id: String(r.id),
    status,
    statusName: RESOURCE_STATUS_NAMES[status],
    version: r.version,
    kind: r.kind as ResourceKind,
    kindName: RESOURCE_KIND_NAMES[r.kind as ResourceKind] ?? r.kind,
    title: r.title,
    description: r.description,
    quantity: r.quantity,
    owner: ownerOf(r.ownerKind, r.ownerId, r.ownerName),
    community: { code: r.communityCode, name: row.communityName },
    createdAt: isoShanghai(r.createdAt),
    allowedActions: resourceWorkflow.allowedActions(actor, resourceFacts(r)),
    ...(events ? { events: events.map(resourceEvent) } : {}),
  }
}

/** What a project's presentation needs besides its row. */
export interface ProjectParts {
  needs: { id: number; title: string; status: string; category: string }[]
  resources: { id: number; title: string; kind: string; ownerName: string }[]
  fileIds: string[]
}

export const isLate = (p: ProjectRow, today: string) => (p.status === 'claimed' || p.status === 'in_progress') && p.deadline !== null && p.deadline < today

export function presentProject(actor: Actor, row: ProjectWithNames, parts: ProjectParts, today: string, events?: WorkflowEventRow[]): Project {
  const p = row.project
  const status = p.status as ProjectStatus
  return {
    id: String(p.id),
    status,
    statusName: PROJECT_STATUS_NAMES[status],
    version: p.version,
    title: p.title,
    description: p.description,
    community: { code: p.communityCode, name: row.communityName },
    needs: parts.needs.map((n) => ({
      id: String(n.id),
      title: n.title,
      status: n.status as NeedStatus,
      statusName: NEED_STATUS_NAMES[n.status as NeedStatus],
      categoryName: NEED_CATEGORY_NAMES[n.category as NeedCategory] ?? n.category,
    })),
    resources: parts.resources.map((r) => ({ id: String(r.id), title: r.title, kindName: RESOURCE_KIND_NAMES[r.kind as ResourceKind] ?? r.kind, ownerName: r.ownerName })),
    claimant: p.claimantKind && p.claimantId ? ownerOf(p.claimantKind, p.claimantId, p.claimantName ?? p.claimantId) : null,
    claimedAt: isoOrNull(p.claimedAt),
    owner: p.owner,
    deadline: p.deadline,
    isLate: isLate(p, today),
    summary: p.summary,
    photoIds: parts.fileIds,
    completedAt: isoOrNull(p.completedAt),
    acceptedAt: isoOrNull(p.acceptedAt),
    createdAt: isoShanghai(p.createdAt),
    allowedActions: projectWorkflow.allowedActions(actor, projectFacts(p)),
    ...(events ? { events: events.map(projectEvent) } : {}),
  }
}
