/**
 * 走访 (issue 13): visit lists generated from the registers on the county's frequencies, the one-screen visit
 * (who was seen, what was found — one tap turns it into an appeal or a need — and what changed in a register),
 * door-knocking campaigns (敲门行动) with live progress per grid, and coverage figures per grid and community.
 * The Chinese names of kinds, methods, outcomes and campaign states are in ledger-names.ts.
 */
import { DateParam, Id, IsoDate, IsoTime, Literals, Nullable, Obj, PageQuery, PlaceCode, Str, Text, Type, Version, type Static } from './common'
import { NEED_CATEGORIES } from './lists-workflow'
import {
  CAMPAIGN_STATUS_NAMES,
  VISIT_METHOD_NAMES,
  VISIT_OUTCOME_NAMES,
  VISIT_SUBJECT_KIND_NAMES,
  VISIT_DUE_STATE_NAMES,
  VISIT_SUBJECT_TYPE_NAMES,
  type VisitSubjectKind,
} from './ledger-names'
import type { WorkflowTable } from './workflow-table'

export const VISIT_SUBJECT_KINDS = Object.keys(VISIT_SUBJECT_KIND_NAMES) as VisitSubjectKind[]
export const VISIT_SUBJECT_TYPES = Object.keys(VISIT_SUBJECT_TYPE_NAMES) as (keyof typeof VISIT_SUBJECT_TYPE_NAMES)[]
export type VisitSubjectType = (typeof VISIT_SUBJECT_TYPES)[number]
export const VISIT_METHODS = Object.keys(VISIT_METHOD_NAMES) as (keyof typeof VISIT_METHOD_NAMES)[]
export type VisitMethod = (typeof VISIT_METHODS)[number]
export const VISIT_OUTCOMES = Object.keys(VISIT_OUTCOME_NAMES) as (keyof typeof VISIT_OUTCOME_NAMES)[]
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number]

/** overdue 逾期 (next due date passed) · due 待访 (due within DUE_SOON_DAYS) · ok 正常 */
export const DUE_STATES = ['overdue', 'due', 'ok'] as const
export type DueState = (typeof DUE_STATES)[number]
export const DUE_STATE_NAMES: Record<DueState, string> = VISIT_DUE_STATE_NAMES
/** an item is "due" when its next due date is at most this many days ahead */
export const DUE_SOON_DAYS = 3

const SubjectKind = Literals(VISIT_SUBJECT_KINDS, '走访对象类别')
const SubjectType = Literals(VISIT_SUBJECT_TYPES, '走访对象类型：resident 人员 · household 住户 · rental 出租房屋 · venue 单位场所')
const GridCode = Type.String({ pattern: '^[0-9]{15}$', description: '网格代码（15 位）' })

// ---- rules (走访频次) --------------------------------------------------------------------------------

export const VisitRule = Type.Object({
  subjectKind: SubjectKind,
  subjectKindName: Type.String(),
  frequencyDays: Type.Integer({ description: '每隔多少天走访一次' }),
  active: Type.Boolean(),
  version: Type.Integer(),
  updatedAt: IsoTime,
})
export type VisitRule = Static<typeof VisitRule>

export const VisitRules = Type.Object({
  countyCode: Type.String(),
  items: Type.Array(VisitRule),
  /** may the caller change them (the county's own account) */
  canEdit: Type.Boolean(),
})
export type VisitRules = Static<typeof VisitRules>

export const VisitRuleParams = Obj({ subjectKind: SubjectKind })
export const PutVisitRuleBody = Obj({
  frequencyDays: Type.Integer({ minimum: 1, maximum: 366, description: '走访间隔（天）' }),
  active: Type.Boolean({ description: '是否列入走访清单' }),
})
export type PutVisitRuleBody = Static<typeof PutVisitRuleBody>

// ---- the visit list (走访清单) ------------------------------------------------------------------------

export const DueItem = Type.Object({
  subjectType: SubjectType,
  subjectId: Id,
  subjectKind: SubjectKind,
  subjectKindName: Type.String(),
  /** the person's name, the household's or rental's address, the venue's name */
  name: Type.String(),
  address: Type.String(),
  gridCode: Type.String(),
  gridName: Type.String(),
  frequencyDays: Type.Integer(),
  lastVisitedAt: Nullable(IsoTime),
  nextDueDate: IsoDate,
  state: Literals(DUE_STATES),
  stateName: Type.String(),
  /** days past the due date (0 unless overdue) */
  daysOverdue: Type.Integer(),
})
export type DueItem = Static<typeof DueItem>

export const CampaignBanner = Type.Object({
  id: Id,
  name: Type.String(),
  subjectKind: SubjectKind,
  subjectKindName: Type.String(),
  deadline: IsoDate,
  /** subjects of the caller's place not visited since the campaign started */
  remaining: Type.Integer(),
  subjects: Type.Integer(),
})
export type CampaignBanner = Static<typeof CampaignBanner>

export const DueListQuery = Obj({
  gridCode: Type.Optional(GridCode),
  kind: Type.Optional(SubjectKind),
  state: Type.Optional(Literals(DUE_STATES)),
  campaignId: Type.Optional(Id),
})
export type DueListQuery = Static<typeof DueListQuery>

export const DueList = Type.Object({
  items: Type.Array(DueItem),
  counts: Type.Object({ overdue: Type.Integer(), due: Type.Integer(), ok: Type.Integer() }),
  /** active campaigns covering the caller's place, with what is left to knock on */
  campaigns: Type.Array(CampaignBanner),
  asOf: IsoDate,
})
export type DueList = Static<typeof DueList>

// ---- a visit (走访记录) ---------------------------------------------------------------------------------

export const RaiseAppeal = Obj({
  description: Text(2000, '诉求描述（默认取走访情况）'),
  categoryCode: Type.Optional(Type.String({ maxLength: 40, pattern: '^[a-z0-9.]+$', description: '诉求分类；不填按走访对象类别推定' })),
})
export const RaiseNeed = Obj({
  title: Type.Optional(Text(100, '需求标题（默认取走访对象与情况）')),
  category: Literals(NEED_CATEGORIES, '需求类别'),
  description: Type.Optional(Str(2000)),
})

export const RegisterChangeInput = Obj({
  kind: Type.String({ maxLength: 60, pattern: '^[A-Za-z0-9.]+$', description: '台账变更类型，见 GET /visits/register-updates' }),
  payload: Type.Record(Type.String(), Type.Unknown(), { description: '变更内容（按该类型的字段）' }),
})

export const RecordVisitBody = Obj({
  subjectType: SubjectType,
  subjectId: Id,
  subjectKind: Type.Optional(SubjectKind),
  method: Type.Optional(Literals(VISIT_METHODS, '走访方式，默认入户')),
  seenResidentIds: Type.Array(Id, { maxItems: 30, uniqueItems: true, description: '见到的人（本户成员）' }),
  outcome: Literals(VISIT_OUTCOMES, '走访结果'),
  notes: Type.Optional(Str(2000, { description: '走访情况' })),
  campaignId: Type.Optional(Id),
  raise: Type.Optional(Obj({ appeal: Type.Optional(RaiseAppeal), need: Type.Optional(RaiseNeed) })),
  registerChanges: Type.Optional(Type.Array(RegisterChangeInput, { maxItems: 5 })),
})
export type RecordVisitBody = Static<typeof RecordVisitBody>

export const Visit = Type.Object({
  id: Id,
  subjectType: SubjectType,
  subjectTypeName: Type.String(),
  subjectId: Id,
  subjectKind: Nullable(SubjectKind),
  subjectKindName: Nullable(Type.String()),
  subjectName: Type.String(),
  residentId: Nullable(Id),
  householdId: Nullable(Id),
  gridCode: Type.String(),
  gridName: Type.String(),
  visitorName: Type.String(),
  visitedAt: IsoTime,
  method: Literals(VISIT_METHODS),
  methodName: Type.String(),
  outcome: Literals(VISIT_OUTCOMES),
  outcomeName: Type.String(),
  seen: Type.Array(Type.Object({ id: Id, name: Type.String() })),
  notes: Nullable(Type.String()),
  appeal: Nullable(Type.Object({ id: Id, number: Type.String() })),
  needId: Nullable(Id),
  campaign: Nullable(Type.Object({ id: Id, name: Type.String() })),
  registerChanges: Type.Array(Type.Object({ kind: Type.String(), title: Type.String(), summary: Type.String() })),
})
export type Visit = Static<typeof Visit>

export const ListVisitsQuery = Obj({
  ...PageQuery,
  residentId: Type.Optional(Id),
  householdId: Type.Optional(Id),
  gridCode: Type.Optional(GridCode),
  campaignId: Type.Optional(Id),
})
export type ListVisitsQuery = Static<typeof ListVisitsQuery>

/** The visit form's header: who is visited, the household's members, the last visit. */
export const VisitSubject = Type.Object({
  subjectType: SubjectType,
  subjectId: Id,
  name: Type.String(),
  address: Type.String(),
  gridCode: Type.String(),
  gridName: Type.String(),
  /** the visit-list kinds it is listed under that the caller may see */
  kinds: Type.Array(Type.Object({ kind: SubjectKind, name: Type.String() })),
  members: Type.Array(Type.Object({ id: Id, name: Type.String(), age: Nullable(Type.Integer()), isSubject: Type.Boolean() })),
  lastVisitedAt: Nullable(IsoTime),
})
export type VisitSubject = Static<typeof VisitSubject>
export const VisitSubjectParams = Obj({ subjectType: SubjectType, subjectId: Id })

export const RegisterUpdateOption = Type.Object({
  kind: Type.String(),
  title: Type.String(),
  subjectTypes: Type.Array(Type.String()),
  fields: Type.Array(
    Type.Object({
      key: Type.String(),
      label: Type.String(),
      type: Type.String(),
      required: Type.Boolean(),
      options: Type.Array(Type.Object({ value: Type.String(), label: Type.String() })),
    }),
  ),
})
export type RegisterUpdateOption = Static<typeof RegisterUpdateOption>
export const RegisterUpdatesQuery = Obj({ subjectType: Type.Optional(SubjectType) })

// ---- campaigns (敲门行动) ------------------------------------------------------------------------------

export const CAMPAIGN_STATUSES = ['active', 'closed'] as const
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number]
export const CAMPAIGN_ACTIONS = ['close'] as const
export type CampaignAction = (typeof CAMPAIGN_ACTIONS)[number]
/** owner: an account of the place that launched it (the county or the street) */
export type CampaignRelation = 'owner'

export const CAMPAIGN_WORKFLOW: WorkflowTable<CampaignStatus, CampaignAction, CampaignRelation> = {
  entity: 'visitCampaign',
  states: CAMPAIGN_STATUSES,
  initial: 'active',
  stateNames: CAMPAIGN_STATUS_NAMES,
  actions: CAMPAIGN_ACTIONS,
  actionNames: { close: '结束行动' },
  transitions: [{ action: 'close', from: ['active'], who: ['owner'], to: 'closed' }],
  fields: { close: { required: [], optional: [] } },
}

export const CampaignProgress = Type.Object({
  subjects: Type.Integer(),
  /** visited since the campaign started */
  visited: Type.Integer(),
  remaining: Type.Integer(),
  /** not visited and the deadline has passed */
  overdue: Type.Integer(),
})
export type CampaignProgress = Static<typeof CampaignProgress>

export const CampaignGridProgress = Type.Object({
  gridCode: Type.String(),
  gridName: Type.String(),
  communityCode: Type.String(),
  communityName: Type.String(),
  ...CampaignProgress.properties,
})
export type CampaignGridProgress = Static<typeof CampaignGridProgress>

export const Campaign = Type.Object({
  id: Id,
  placeCode: Type.String(),
  placeName: Type.String(),
  name: Type.String(),
  subjectKind: SubjectKind,
  subjectKindName: Type.String(),
  startDate: IsoDate,
  deadline: IsoDate,
  status: Literals(CAMPAIGN_STATUSES),
  statusName: Type.String(),
  note: Nullable(Type.String()),
  version: Type.Integer(),
  createdAt: IsoTime,
  allowedActions: Type.Array(Literals(CAMPAIGN_ACTIONS)),
  progress: CampaignProgress,
  /** per grid of the caller's place (detail only) */
  grids: Type.Optional(Type.Array(CampaignGridProgress)),
})
export type Campaign = Static<typeof Campaign>

export const CreateCampaignBody = Obj({
  name: Text(60, '行动名称'),
  subjectKind: SubjectKind,
  startDate: DateParam('开始日期'),
  deadline: DateParam('截止日期'),
  note: Type.Optional(Str(500)),
})
export type CreateCampaignBody = Static<typeof CreateCampaignBody>

export const CloseCampaignBody = Obj({ version: Version })
export type CloseCampaignBody = Static<typeof CloseCampaignBody>

export const ListCampaignsQuery = Obj({ status: Type.Optional(Literals(CAMPAIGN_STATUSES)) })
export type ListCampaignsQuery = Static<typeof ListCampaignsQuery>

// ---- coverage (走访覆盖) ---------------------------------------------------------------------------------

export const CoverageRow = Type.Object({
  level: Literals(['grid', 'community', 'total'] as const),
  code: Type.String(),
  name: Type.String(),
  /** subjects on the visit lists */
  subjects: Type.Integer(),
  /** visits that fell due in the month (up to today) */
  due: Type.Integer(),
  visitedOnTime: Type.Integer(),
  visitedLate: Type.Integer(),
  /** fell due and still not visited */
  overdue: Type.Integer(),
  /** visitedOnTime / due, 0–1 (null when nothing fell due) */
  coverageRate: Nullable(Type.Number()),
})
export type CoverageRow = Static<typeof CoverageRow>

export const VisitCoverageQuery = Obj({
  placeCode: Type.Optional(PlaceCode),
  month: Type.Optional(Type.String({ pattern: '^20[0-9]{2}-(0[1-9]|1[0-2])$', description: 'YYYY-MM，默认本月' })),
})
export type VisitCoverageQuery = Static<typeof VisitCoverageQuery>

export const VisitCoverage = Type.Object({ placeCode: Type.String(), month: Type.String(), rows: Type.Array(CoverageRow) })
export type VisitCoverage = Static<typeof VisitCoverage>

export const VisitPage = Type.Object({ items: Type.Array(Visit), nextCursor: Nullable(Type.String()) })
export type VisitPage = Static<typeof VisitPage>
export const RegisterUpdateOptions = Type.Array(RegisterUpdateOption)
export const CampaignList = Type.Object({ items: Type.Array(Campaign) })
export type CampaignList = Static<typeof CampaignList>
