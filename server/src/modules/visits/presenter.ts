/** Rows → the contract's shapes for 走访. Names only: no ID numbers or phones are shown by this module. */
import { CAMPAIGN_STATUS_NAMES, VISIT_METHOD_NAMES, VISIT_OUTCOME_NAMES, VISIT_SUBJECT_KIND_NAMES, VISIT_SUBJECT_TYPE_NAMES, type VisitSubjectKind } from '#contracts/ledger-names'
import type { Campaign, CampaignProgress, Visit, VisitMethod, VisitOutcome, VisitRule, VisitSubjectType } from '#contracts/visits'
import { isoShanghai } from '../../lib/time'
import { campaignWorkflow, type Actor, type CampaignFacts } from '../../permissions'
import type { CampaignRow, VisitListRow, VisitRuleRow } from './queries'

export const kindName = (k: string): string => VISIT_SUBJECT_KIND_NAMES[k as VisitSubjectKind] ?? k

export function presentRule(r: VisitRuleRow): VisitRule {
  return {
    subjectKind: r.subjectKind as VisitSubjectKind,
    subjectKindName: kindName(r.subjectKind),
    frequencyDays: r.frequencyDays,
    active: r.active,
    version: r.version,
    updatedAt: isoShanghai(r.updatedAt),
  }
}

/** What a visit keeps of each register change (never the payload: it may hold personal data). */
export interface KeptChange {
  kind: string
  title: string
  summary: string
}

export function presentVisit(r: VisitListRow, names: Map<number, string>): Visit {
  const v = r.visit
  const changes = Array.isArray(v.registerChanges) ? (v.registerChanges as KeptChange[]) : []
  return {
    id: String(v.id),
    subjectType: v.subjectType as VisitSubjectType,
    subjectTypeName: VISIT_SUBJECT_TYPE_NAMES[v.subjectType as VisitSubjectType] ?? v.subjectType,
    subjectId: String(v.subjectId),
    subjectKind: (v.subjectKind as VisitSubjectKind | null) ?? null,
    subjectKindName: v.subjectKind ? kindName(v.subjectKind) : null,
    subjectName: r.subjectName ?? '',
    residentId: v.residentId === null ? null : String(v.residentId),
    householdId: v.householdId === null ? null : String(v.householdId),
    gridCode: v.gridCode,
    gridName: r.gridName,
    visitorName: r.visitorName ?? '',
    visitedAt: isoShanghai(v.visitedAt),
    method: v.method as VisitMethod,
    methodName: VISIT_METHOD_NAMES[v.method as VisitMethod] ?? v.method,
    outcome: v.outcome as VisitOutcome,
    outcomeName: VISIT_OUTCOME_NAMES[v.outcome as VisitOutcome] ?? v.outcome,
    seen: v.seenResidentIds.map((id) => ({ id: String(id), name: names.get(Number(id)) ?? '' })),
    notes: v.notes,
    appeal: v.appealId !== null && r.appealNumber ? { id: String(v.appealId), number: r.appealNumber } : null,
    needId: v.needId === null ? null : String(v.needId),
    campaign: v.campaignId !== null ? { id: String(v.campaignId), name: r.campaignName ?? '' } : null,
    registerChanges: changes.map((c) => ({ kind: c.kind, title: c.title, summary: c.summary })),
  }
}

export const campaignFacts = (c: CampaignRow): CampaignFacts => ({ status: c.status as CampaignFacts['status'], placeCode: c.placeCode, subjectKind: c.subjectKind as VisitSubjectKind })

export function presentCampaign(actor: Actor, c: CampaignRow, placeName: string, progress: CampaignProgress, grids?: Campaign['grids']): Campaign {
  return {
    id: String(c.id),
    placeCode: c.placeCode,
    placeName,
    name: c.name,
    subjectKind: c.subjectKind as VisitSubjectKind,
    subjectKindName: kindName(c.subjectKind),
    startDate: c.startDate,
    deadline: c.deadline,
    status: c.status as Campaign['status'],
    statusName: CAMPAIGN_STATUS_NAMES[c.status as Campaign['status']] ?? c.status,
    note: c.note,
    version: c.version,
    createdAt: isoShanghai(c.createdAt),
    allowedActions: campaignWorkflow.allowedActions(actor, campaignFacts(c)),
    progress,
    ...(grids ? { grids } : {}),
  }
}
