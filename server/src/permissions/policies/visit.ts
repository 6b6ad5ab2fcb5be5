/**
 * 走访: who reads visit lists and records visits, who sets the county's frequencies and who runs a door-knocking
 * campaign (敲门行动). Special-group subjects follow the special-group readers (special-group.ts): a grid worker
 * never lists — nor learns of — a managed-group person; the street's 综治中心 and 司法所 get their street's
 * managed-group lists. Households, rental housing and key venues are the register readers' (registry.ts).
 * A record or place out of the caller's place is 404.
 */
import type { Role } from '#contracts/roles'
import { SPECIAL_GROUP_NAMES, type SpecialGroupKind, type VisitSubjectKind } from '#contracts/ledger-names'
import { CAMPAIGN_WORKFLOW, type CampaignRelation, type CampaignStatus } from '#contracts/visits'
import { defineWorkflow } from '../../core/workflow'
import { placeInScope, type Actor } from '../actor'
import { roleRule, rule } from '../policy'
import { REGISTRY_READERS } from './registry'
import { mayReadSpecialGroupKind } from './special-group'

/** Everyone who works with visit lists. */
export const VISIT_READERS: readonly Role[] = ['county', 'street', 'community', 'gridHead', 'gridWorker', 'publicSafety', 'judicialOffice']
/** Who records a visit (within their place). */
const VISITORS: readonly Role[] = ['gridWorker', 'gridHead', 'community', 'publicSafety', 'judicialOffice']

const isSpecialGroupKind = (k: string): k is SpecialGroupKind => k in SPECIAL_GROUP_NAMES

/** May the actor see subjects of this visit kind at all (before the place scope)? */
export const mayListVisitKind = (actor: Actor, kind: VisitSubjectKind): boolean =>
  isSpecialGroupKind(kind) ? mayReadSpecialGroupKind(actor, kind) : (REGISTRY_READERS as readonly string[]).includes(actor.role)

export interface CampaignFacts {
  status: CampaignStatus
  placeCode: string
  subjectKind: VisitSubjectKind
}

const RELATIONS: Record<CampaignRelation, (actor: Actor, c: CampaignFacts) => boolean> = {
  owner: (actor, c) => (actor.role === 'county' || actor.role === 'street') && actor.placeCode === c.placeCode,
}

export const campaignWorkflow = defineWorkflow(CAMPAIGN_WORKFLOW, {
  stateOf: (c: CampaignFacts) => c.status,
  relations: RELATIONS,
  messages: { invalidTransition: '敲门行动已结束', forbidden: '只有发起行动的县或街道可以结束它' },
})

const OUT_OF_SCOPE = '走访对象不存在或不在您的辖区内'

export const visitRules = {
  'visit.read': roleRule(VISIT_READERS, '您的角色不使用走访清单'),
  'visit.record': roleRule(VISITORS, '您的角色不能登记走访'),
  /** a place asked about lies under the caller's place */
  'visit.at': rule((actor, code: string) => placeInScope(actor, code), 'NOT_FOUND', '地点不存在或不在您的辖区内'),
  /** a subject of the caller's place, of a kind the caller may see (a special-group kind it may not read is 404: it does not exist for them) */
  'visit.subject': rule(
    (actor, s: { gridCode: string; kind: VisitSubjectKind | null }) => placeInScope(actor, s.gridCode) && (s.kind === null || mayListVisitKind(actor, s.kind)),
    'NOT_FOUND',
    OUT_OF_SCOPE,
  ),
  /** the county account sets its own county's frequencies */
  'visit.editRules': rule((actor, countyCode: string) => actor.role === 'county' && actor.placeCode === countyCode, 'FORBIDDEN', '走访频次由县级账号设置'),
  /** a county or street launches a campaign over its own place, on a kind it may see */
  'visit.launchCampaign': roleRule(['county', 'street'], '只有县级或街道账号可以发起敲门行动'),
  'visit.campaignKind': rule((actor, kind: VisitSubjectKind) => mayListVisitKind(actor, kind), 'CAMPAIGN_KIND_NOT_ALLOWED'),
  /** a campaign over, or under, the caller's place, of a kind the caller may see */
  'visit.readCampaign': rule(
    (actor, c: CampaignFacts) =>
      actor.placeCode !== null && (c.placeCode.startsWith(actor.placeCode) || actor.placeCode.startsWith(c.placeCode)) && mayListVisitKind(actor, c.subjectKind),
    'NOT_FOUND',
    '敲门行动不存在或无权查看',
  ),
}
