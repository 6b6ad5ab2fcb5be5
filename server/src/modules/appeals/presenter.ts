/** Appeal rows → API responses. Personal data leaves masked; never a raw row. */
import type {
  Appeal,
  AppealEvent,
  Channel,
  Color,
  ExtensionRecord,
  Importance,
  SupervisionSummary,
  Urgency,
  WhistleRecord,
} from '#contracts/appeals'
import { ACTION_NAMES, STATUS_NAMES, type AppealStatus } from '#contracts/workflow'
import {
  CARD_NAMES,
  CHANNEL_NAMES,
  CLOSE_REASON_NAMES,
  COLOR_NAMES,
  IMPORTANCE_NAMES,
  RATING_NAMES,
  RESOLUTION_LEVEL_NAMES,
  STEP_NAMES,
  SUPERVISION_LEVEL_NAMES,
  SUPERVISION_REASON_NAMES,
  SUPERVISION_STATUS_NAMES,
  SUPERVISION_TARGET_NAMES,
  URGENCY_NAMES,
  labelOf,
  nameOf,
} from '#contracts/labels'
import type { SupervisionItem, SupervisionStatus } from '#contracts/supervisions'
import type { AppDeps, Ctx } from '../../context'
import { isoOrNull, isoShanghai, shanghaiDate } from '../../lib/time'
import type { PublicAppeal } from '#contracts/public'
import type { PublicAppealRow } from './public-queries'
import { suggestedPublicSummary } from './public-summary'
import { maskPhone, type Pii } from '../../lib/pii'
import { presentTimelineEvent } from '../../core'
import { appealWorkflow, supervisionWorkflow, type Actor, type AppealFacts } from '../../permissions'
import { addLimit } from '../../lib/working-time'
import type { AppealDetailRows, AppealEventRow, AppealRow, AppealWithNames } from './queries'
import type { SupervisionRow } from './supervision-queries'

/** A handler may return an assignment within 2 working days of receiving it (DOMAIN §6). */
export const RETURN_WINDOW = { amount: 2, unit: 'workingDays' } as const

/** What permissions need to know about an appeal, as of `at.now`. */
export function factsOf(a: AppealRow, at: { now: Date; deps: Pick<AppDeps, 'calendar'> }): AppealFacts {
  return {
    status: a.status as AppealStatus,
    gridCode: a.gridCode,
    communityCode: a.communityCode,
    streetCode: a.streetCode,
    countyCode: a.countyCode,
    buildingId: a.buildingId,
    submitterUserId: a.submitterUserId,
    submitterRole: a.submitterRole,
    assigneeType: a.assigneeType,
    assigneeId: a.assigneeId,
    assignedBy: a.assignedBy,
    poolCommunityCode: a.poolCommunityCode,
    leadDepartmentCode: a.leadDepartmentCode,
    whistledDepartmentCodes: a.whistledDepartmentCodes,
    reportedDepartmentCodes: a.reportedDepartmentCodes,
    extensionPending: a.extensionPending,
    openSupervisorCodes: a.openSupervisorCodes,
    returnWindowOpen: a.assignedAt !== null && at.now < addLimit(at.deps.calendar.get(), a.assignedAt, RETURN_WINDOW),
  }
}

function maskedPhone(pii: Pii, enc: string | null | undefined): string | null {
  return enc ? maskPhone(pii.decrypt(enc)) : null
}

/** The appeal's timeline entries are named by the appeal table's actions, and by the supervision steps it records. */
const TIMELINE_NAMES: Readonly<Record<string, string>> = {
  ...ACTION_NAMES,
  supervise: '督办',
  answerSupervision: '回复督办',
  closeSupervision: '办结督办',
}

export function presentEvent(e: AppealEventRow): AppealEvent {
  return presentTimelineEvent(e, TIMELINE_NAMES)
}

export interface AppealDetailParts {
  events: AppealEventRow[]
  departments: WhistleRecord[]
  extensions: ExtensionRecord[]
  supervisions: SupervisionSummary[]
}

export function presentAppeal(
  at: { now: Date; actor: Actor; deps: Pick<AppDeps, 'calendar' | 'pii'> },
  row: AppealWithNames,
  detail?: AppealDetailParts | { events: AppealEventRow[] },
): Appeal {
  const pii: Pii = at.deps.pii
  const a = row.appeal
  const allowedActions = appealWorkflow.allowedActions(at.actor, factsOf(a, at)) as Appeal['allowedActions']
  return {
    id: String(a.id),
    number: a.number,
    status: a.status as AppealStatus,
    statusName: STATUS_NAMES[a.status as AppealStatus],
    version: a.version,
    channel: a.channel as Channel,
    channelName: labelOf(CHANNEL_NAMES, a.channel),
    category: { code: a.categoryCode, name: row.categoryName },
    title: a.title,
    description: a.description,
    place: {
      gridCode: a.gridCode,
      gridName: row.gridName,
      communityCode: a.communityCode,
      communityName: row.communityName,
      streetCode: a.streetCode,
      countyCode: a.countyCode,
    },
    address: a.address,
    lat: a.lat,
    lng: a.lng,
    isUrgent: a.isUrgent,
    importance: a.importance as Importance,
    urgency: a.urgency as Urgency,
    color: a.color as Color,
    colorName: labelOf(COLOR_NAMES, a.color),
    importanceName: labelOf(IMPORTANCE_NAMES, a.importance),
    urgencyName: labelOf(URGENCY_NAMES, a.urgency),
    photoIds: a.photoIds,
    people: a.people.map((p) => ({
      name: p.name,
      phone: maskedPhone(pii, p.phoneEnc),
      residentId: p.residentId ? String(p.residentId) : null,
      relation: p.relation ?? null,
    })),
    contact: { name: a.contactName, phone: maskedPhone(pii, a.contactPhoneEnc) },
    submitter: { id: String(a.submitterUserId), role: a.submitterRole },
    assignee:
      a.assigneeType && a.assigneeId
        ? { type: a.assigneeType, id: a.assigneeId, name: a.assigneeName ?? '' }
        : null,
    assignedBy: a.assignedBy,
    resolutionLevel: a.resolutionLevel,
    resolutionLevelName: nameOf(RESOLUTION_LEVEL_NAMES, a.resolutionLevel),
    result: a.result,
    replyMessage: a.replyMessage,
    publicSummary: a.publicSummary,
    deadlines: {
      responseDueAt: isoOrNull(a.responseDueAt),
      dispatchDueAt: isoOrNull(a.dispatchDueAt),
      reviewDueAt: isoOrNull(a.reviewDueAt),
      resolveDueAt: isoOrNull(a.resolveDueAt),
      verifyDueAt: isoOrNull(a.verifyDueAt),
      replyDueAt: isoOrNull(a.replyDueAt),
      autoCloseAt: isoOrNull(a.autoCloseAt),
    },
    acceptedAt: isoOrNull(a.acceptedAt),
    resolvedAt: isoOrNull(a.resolvedAt),
    verifiedAt: isoOrNull(a.verifiedAt),
    repliedAt: isoOrNull(a.repliedAt),
    closedAt: isoOrNull(a.closedAt),
    closeReason: a.closeReason,
    closeReasonName: nameOf(CLOSE_REASON_NAMES, a.closeReason),
    rating: a.rating,
    ratingName: nameOf(RATING_NAMES, a.rating),
    ratingComment: a.ratingComment,
    duplicateOf: a.duplicateOf === null ? null : String(a.duplicateOf),
    leadDepartmentCode: a.leadDepartmentCode,
    extensionPending: a.extensionPending,
    // 超期未办结 turns into 超期办结 once the late work is done (one or the other, as in the statistics)
    overdue: {
      response: a.responseOverdue,
      resolve: a.resolveOverdue && !a.resolvedLate,
      resolvedLate: a.resolvedLate,
      dispatch: a.dispatchOverdue,
      review: a.reviewOverdue,
    },
    card: a.card,
    cardName: nameOf(CARD_NAMES, a.card),
    createdAt: isoShanghai(a.createdAt),
    updatedAt: isoShanghai(a.updatedAt),
    allowedActions,
    // the reply form starts from the server's suggestion of the public summary
    ...(allowedActions.includes('reply') ? { suggestedPublicSummary: suggestedPublicSummary(a) } : {}),
    ...(detail ? { events: detail.events.map(presentEvent) } : {}),
    ...(detail && 'departments' in detail
      ? { departments: detail.departments, extensions: detail.extensions, supervisions: detail.supervisions }
      : {}),
  }
}

export function presentSupervision(s: SupervisionRow): SupervisionSummary {
  return {
    id: String(s.id),
    reason: s.reason,
    reasonName: labelOf(SUPERVISION_REASON_NAMES, s.reason),
    step: s.step,
    stepName: nameOf(STEP_NAMES, s.step),
    level: s.level,
    levelName: labelOf(SUPERVISION_LEVEL_NAMES, s.level),
    supervisorCode: s.supervisorCode,
    target: s.target,
    targetName: labelOf(SUPERVISION_TARGET_NAMES, s.target),
    status: s.status,
    statusName: labelOf(SUPERVISION_STATUS_NAMES, s.status),
    openedAt: isoShanghai(s.openedAt),
    answer: s.answer,
    answeredAt: isoOrNull(s.answeredAt),
    closeNote: s.closeNote,
    closedAt: isoOrNull(s.closedAt),
  }
}

/** A supervision with its appeal and what the caller may do with it now. */
export function presentSupervisionItem(ctx: Pick<Ctx, 'actor' | 'now' | 'deps'>, s: SupervisionRow, a: AppealRow): SupervisionItem {
  const facts = { status: s.status as SupervisionStatus, level: s.level, supervisorCode: s.supervisorCode, target: s.target, appeal: factsOf(a, ctx) }
  return {
    ...presentSupervision(s),
    appeal: { id: String(a.id), number: a.number, title: a.title, status: a.status },
    allowedActions: supervisionWorkflow.allowedActions(ctx.actor, facts),
  }
}

/** The detail page's parts: the 吹哨 records, extensions and supervisions as the contract shows them. */
export function presentDetailParts(d: AppealDetailRows): AppealDetailParts {
  return {
    events: d.events,
    departments: d.whistles.map(({ record: r, name }) => ({
      code: r.departmentCode,
      name,
      role: r.role,
      whistledAt: isoShanghai(r.whistledAt),
      reportBy: isoShanghai(r.reportBy),
      reportedAt: isoOrNull(r.reportedAt),
      late: r.late,
      active: r.active,
    })),
    extensions: d.extensions.map((e) => ({
      id: String(e.id),
      days: e.days,
      reason: e.reason,
      status: e.status,
      requestedAt: isoShanghai(e.requestedAt),
      decidedAt: isoOrNull(e.decidedAt),
      previousDueAt: isoOrNull(e.previousDueAt),
      newDueAt: isoOrNull(e.newDueAt),
    })),
    supervisions: d.supervisions.map(presentSupervision),
  }
}

/** A closed appeal as the public board shows it: nothing that names or locates a person. */
export function presentPublicAppeal(r: PublicAppealRow): PublicAppeal {
  return {
    number: r.number,
    category: { code: r.categoryCode, name: r.categoryName },
    summary: r.publicSummary,
    place: { communityName: r.communityName, gridName: r.gridName, streetCode: r.streetCode, communityCode: r.communityCode },
    receivedOn: shanghaiDate(r.createdAt),
    closedOn: shanghaiDate(r.closedAt!),
    hoursToClose: Math.round(((r.closedAt!.getTime() - r.createdAt.getTime()) / 3_600_000) * 10) / 10,
    resolutionLevel: r.resolutionLevel,
    resolutionLevelName: nameOf(RESOLUTION_LEVEL_NAMES, r.resolutionLevel),
    rating: r.rating,
    ratingName: nameOf(RATING_NAMES, r.rating),
    closeReason: r.closeReason!,
    closeReasonName: labelOf(CLOSE_REASON_NAMES, r.closeReason),
  }
}
