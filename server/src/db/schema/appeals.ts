/** The appeal loop: categories, appeals, their append-only timeline, idempotency keys. */
import { sql } from 'drizzle-orm'
import {
  bigint,
  bigserial,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core'
import { userAccount } from './accounts'
import { timelineColumns } from './core'
import { file } from './system'
import type { CategoryLimits } from '#contracts/appeals'
import { COUNTER_NAMES, type CounterName } from '#contracts/stats'

/** 诉求分类: 大类 (parentCode null) and 小类, each with default importance and urgency. */
export const category = pgTable('category', {
  code: text('code').primaryKey(),
  parentCode: text('parent_code'),
  name: text('name').notNull(),
  /** high | normal */
  importance: text('importance').notNull().default('normal'),
  /** urgent | normal */
  urgency: text('urgency').notNull().default('normal'),
  /** per-category overrides of the §3.3 limits */
  limits: jsonb('limits').$type<CategoryLimits>(),
  sort: integer('sort').notNull().default(0),
  /** false for categories that could identify a household (独居老人, 低保, family disputes): never on the public board */
  isPublic: boolean('is_public').notNull().default(true),
  /** photos of this category keep their EXIF location (where a thing was found is the evidence: 违章搭建, 占道经营, 井盖) */
  keepPhotoLocation: boolean('keep_photo_location').notNull().default(false),
})

export interface AppealPersonRow {
  name: string
  phoneEnc?: string | null
  residentId?: number | null
  relation?: string | null
}

export const appeal = pgTable(
  'appeal',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    number: text('number').notNull().unique(),
    status: text('status').notNull(),
    version: integer('version').notNull().default(1),
    channel: text('channel').notNull(),
    categoryCode: text('category_code').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    gridCode: varchar('grid_code', { length: 15 }).notNull(),
    communityCode: varchar('community_code', { length: 12 }).notNull(),
    streetCode: varchar('street_code', { length: 9 }).notNull(),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    buildingId: bigint('building_id', { mode: 'number' }),
    householdId: bigint('household_id', { mode: 'number' }),
    address: text('address'),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    isUrgent: boolean('is_urgent').notNull().default(false),
    importance: text('importance').notNull(),
    urgency: text('urgency').notNull(),
    color: text('color').notNull(),
    submitterUserId: bigint('submitter_user_id', { mode: 'number' }).notNull(),
    submitterRole: text('submitter_role').notNull(),
    /** the resident the appeal is about or from, when known */
    residentId: bigint('resident_id', { mode: 'number' }),
    contactName: text('contact_name'),
    contactPhoneEnc: text('contact_phone_enc'),
    people: jsonb('people').$type<AppealPersonRow[]>().notNull().default(sql`'[]'::jsonb`),
    photoIds: jsonb('photo_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** gridWorker | partyMember | team | property | department */
    assigneeType: text('assignee_type'),
    /** user id, party member id or 'pool', team id, property company id, department code */
    assigneeId: text('assignee_id'),
    assigneeName: text('assignee_name'),
    /** community | street: who dispatched it, for the resolution level and returns */
    assignedBy: text('assigned_by'),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    /** set when dispatched to the party-member pool (党员接单): the community whose members may see and claim it */
    poolCommunityCode: varchar('pool_community_code', { length: 12 }),
    claimedByUserId: bigint('claimed_by_user_id', { mode: 'number' }),
    /** 吹哨: the lead department (主办) and every whistled department; who has reported in (报到) */
    leadDepartmentCode: text('lead_department_code'),
    whistledDepartmentCodes: text('whistled_department_codes').array().notNull().default(sql`'{}'::text[]`),
    reportedDepartmentCodes: text('reported_department_codes').array().notNull().default(sql`'{}'::text[]`),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    /** an extension request waits for the dispatcher's decision */
    extensionPending: boolean('extension_pending').notNull().default(false),
    /** places (community/street/county codes) that hold an open supervision (督办) of this appeal */
    openSupervisorCodes: text('open_supervisor_codes').array().notNull().default(sql`'{}'::text[]`),
    /** the overdue kinds this appeal has suffered: 超期未受理, 超期未办结, 超期办结 */
    responseOverdue: boolean('response_overdue').notNull().default(false),
    resolveOverdue: boolean('resolve_overdue').notNull().default(false),
    resolvedLate: boolean('resolved_late').notNull().default(false),
    /** 超期未分派 (the community's dispatch) and 超期未审单 (the street's review) */
    dispatchOverdue: boolean('dispatch_overdue').notNull().default(false),
    reviewOverdue: boolean('review_overdue').notNull().default(false),
    /** the worst card shown: yellow | red */
    card: text('card'),
    /** building | grid | community | street | department */
    resolutionLevel: text('resolution_level'),
    result: text('result'),
    replyMessage: text('reply_message'),
    /** 晒单: one line of what was asked and what was done, scrubbed of names, phones, ID and room numbers */
    publicSummary: text('public_summary'),
    responseDueAt: timestamp('response_due_at', { withTimezone: true }),
    dispatchDueAt: timestamp('dispatch_due_at', { withTimezone: true }),
    reviewDueAt: timestamp('review_due_at', { withTimezone: true }),
    resolveDueAt: timestamp('resolve_due_at', { withTimezone: true }),
    verifyDueAt: timestamp('verify_due_at', { withTimezone: true }),
    replyDueAt: timestamp('reply_due_at', { withTimezone: true }),
    autoCloseAt: timestamp('auto_close_at', { withTimezone: true }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    repliedAt: timestamp('replied_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** satisfied · basic · unrated · rejected · merged · explained */
    closeReason: text('close_reason'),
    /** latest rating: satisfied · basic · unsatisfied */
    rating: text('rating'),
    ratingComment: text('rating_comment'),
    ratedAt: timestamp('rated_at', { withTimezone: true }),
    /** self | phone | visit */
    ratedVia: text('rated_via'),
    unsatisfiedCount: integer('unsatisfied_count').notNull().default(0),
    duplicateOf: bigint('duplicate_of', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('appeal_grid_created_idx').on(t.gridCode, t.createdAt.desc(), t.id.desc()),
    index('appeal_community_created_idx').on(t.communityCode, t.createdAt.desc(), t.id.desc()),
    index('appeal_street_created_idx').on(t.streetCode, t.createdAt.desc(), t.id.desc()),
    index('appeal_county_created_idx').on(t.countyCode, t.createdAt.desc(), t.id.desc()),
    index('appeal_submitter_idx').on(t.submitterUserId, t.createdAt.desc()),
    index('appeal_assignee_open_idx')
      .on(t.assigneeType, t.assigneeId, t.createdAt.desc(), t.id.desc(), t.status)
      .where(sql`${t.status} <> 'closed'`),
    index('appeal_pool_idx').on(t.poolCommunityCode, t.createdAt.desc()).where(sql`${t.poolCommunityCode} IS NOT NULL`),
    index('appeal_whistled_idx').using('gin', t.whistledDepartmentCodes),
    index('appeal_auto_close_idx').on(t.autoCloseAt).where(sql`${t.status} = 'replied'`),
    // Workbenches and open-case lists read only open appeals (a few per cent of all): partial indexes per
    // place level, over time alone and by state for provinces and cities, and for what a person submitted.
    // The trailing status lets a to-do page filter by state inside the index (an index-only scan), not
    // by visiting every open appeal's row.
    index('appeal_open_grid_idx').on(t.gridCode, t.createdAt.desc(), t.id.desc(), t.status).where(sql`${t.status} <> 'closed'`),
    index('appeal_open_community_idx').on(t.communityCode, t.createdAt.desc(), t.id.desc(), t.status).where(sql`${t.status} <> 'closed'`),
    index('appeal_open_street_idx').on(t.streetCode, t.createdAt.desc(), t.id.desc(), t.status).where(sql`${t.status} <> 'closed'`),
    index('appeal_open_county_idx').on(t.countyCode, t.createdAt.desc(), t.id.desc(), t.status).where(sql`${t.status} <> 'closed'`),
    index('appeal_open_created_idx').on(t.createdAt.desc(), t.id.desc(), t.status).where(sql`${t.status} <> 'closed'`),
    index('appeal_open_status_idx').on(t.status, t.createdAt.desc(), t.id.desc()).where(sql`${t.status} <> 'closed'`),
    index('appeal_open_submitter_idx').on(t.submitterUserId, t.createdAt.desc(), t.id.desc(), t.status).where(sql`${t.status} <> 'closed'`),
    // the public board (晒单): closed appeals newest first
    index('appeal_closed_idx').on(t.closedAt.desc(), t.id.desc()).where(sql`${t.status} = 'closed'`),
  ],
)

/** The append-only timeline of an appeal: who, role, when, action, fields, comment. */
export const appealEvent = pgTable(
  'appeal_event',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    appealId: bigint('appeal_id', { mode: 'number' })
      .notNull()
      .references(() => appeal.id),
    ...timelineColumns(),
  },
  (t) => [index('appeal_event_appeal_idx').on(t.appealId, t.id)],
)

/** Which uploaded files an appeal references (for file access checks). */
export const appealFile = pgTable(
  'appeal_file',
  {
    appealId: bigint('appeal_id', { mode: 'number' })
      .notNull()
      .references(() => appeal.id),
    fileId: uuid('file_id')
      .notNull()
      .references(() => file.id),
  },
  (t) => [primaryKey({ columns: [t.appealId, t.fileId] }), index('appeal_file_file_idx').on(t.fileId)],
)

/** Idempotency-Key per account, kept ≥ 24 h. */
export const idempotencyKey = pgTable(
  'idempotency_key',
  {
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => userAccount.id),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code'),
    response: jsonb('response'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index('idempotency_key_created_idx').on(t.createdAt)],
)

/**
 * 吹哨报到 record: which departments a street whistled, the lead (主办) and the assisting (协办),
 * the report-in deadline and when each reported in — kept for the departments' assessment.
 */
export const appealDepartment = pgTable(
  'appeal_department',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    appealId: bigint('appeal_id', { mode: 'number' })
      .notNull()
      .references(() => appeal.id),
    departmentCode: text('department_code').notNull(),
    /** lead | assist */
    role: text('role').notNull(),
    whistledAt: timestamp('whistled_at', { withTimezone: true }).notNull(),
    whistledByUserId: bigint('whistled_by_user_id', { mode: 'number' }).notNull(),
    reportBy: timestamp('report_by', { withTimezone: true }).notNull(),
    reportedAt: timestamp('reported_at', { withTimezone: true }),
    reportedByUserId: bigint('reported_by_user_id', { mode: 'number' }),
    late: boolean('late'),
    note: text('note'),
    /** false once the whistle was returned */
    active: boolean('active').notNull().default(true),
  },
  (t) => [
    index('appeal_department_appeal_idx').on(t.appealId),
    index('appeal_department_dept_idx').on(t.departmentCode, t.whistledAt),
  ],
)

/**
 * One row per timed step of an appeal (response, resolve, verify, reply, reportIn): when it started,
 * when it is due, when the 70% warning and the red card (twice the limit) fall, and what the
 * sweeper has already fired — each firing is a conditional update, so it happens exactly once.
 */
export const appealDeadline = pgTable(
  'appeal_deadline',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    appealId: bigint('appeal_id', { mode: 'number' })
      .notNull()
      .references(() => appeal.id),
    /** response | resolve | verify | reply | reportIn */
    step: text('step').notNull(),
    departmentCode: text('department_code'),
    /** the limit as given (for extensions and the red-card time) */
    limitAmount: doublePrecision('limit_amount').notNull(),
    limitUnit: text('limit_unit').notNull(),
    extensionDays: integer('extension_days').notNull().default(0),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    warnAt: timestamp('warn_at', { withTimezone: true }).notNull(),
    redAt: timestamp('red_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** done | cancelled */
    outcome: text('outcome'),
    late: boolean('late'),
    warnedAt: timestamp('warned_at', { withTimezone: true }),
    yellowAt: timestamp('yellow_at', { withTimezone: true }),
    redCardAt: timestamp('red_card_at', { withTimezone: true }),
  },
  (t) => [
    index('appeal_deadline_appeal_idx').on(t.appealId),
    index('appeal_deadline_warn_idx').on(t.warnAt).where(sql`${t.finishedAt} IS NULL AND ${t.warnedAt} IS NULL`),
    index('appeal_deadline_due_idx').on(t.dueAt).where(sql`${t.finishedAt} IS NULL AND ${t.yellowAt} IS NULL`),
    index('appeal_deadline_red_idx').on(t.redAt).where(sql`${t.finishedAt} IS NULL AND ${t.redCardAt} IS NULL`),
  ],
)

/** 延期申请: requested by the handler, decided by whoever dispatched it. */
export const appealExtension = pgTable(
  'appeal_extension',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    appealId: bigint('appeal_id', { mode: 'number' })
      .notNull()
      .references(() => appeal.id),
    days: integer('days').notNull(),
    reason: text('reason').notNull(),
    requestedByUserId: bigint('requested_by_user_id', { mode: 'number' }).notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    /** pending | approved | denied */
    status: text('status').notNull(),
    decidedByUserId: bigint('decided_by_user_id', { mode: 'number' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    note: text('note'),
    previousDueAt: timestamp('previous_due_at', { withTimezone: true }),
    newDueAt: timestamp('new_due_at', { withTimezone: true }),
  },
  (t) => [index('appeal_extension_appeal_idx').on(t.appealId)],
)

/**
 * 督办单: a formal chase of a late or stuck appeal by the level above (a red card), or of an appeal
 * rated unsatisfied twice. open → answered (by the level chased) → closed (by the supervisor).
 */
export const supervision = pgTable(
  'supervision',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    appealId: bigint('appeal_id', { mode: 'number' })
      .notNull()
      .references(() => appeal.id),
    /** redCard | unsatisfied */
    reason: text('reason').notNull(),
    /** for a red card: the step that ran over */
    step: text('step'),
    deadlineId: bigint('deadline_id', { mode: 'number' }),
    /** the supervising level and its place code (community / street / county) */
    level: text('level').notNull(),
    supervisorCode: varchar('supervisor_code', { length: 12 }).notNull(),
    /** who must answer: grid | community | street | handler | department */
    target: text('target').notNull(),
    status: text('status').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    answer: text('answer'),
    answeredByUserId: bigint('answered_by_user_id', { mode: 'number' }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    closeNote: text('close_note'),
    closedByUserId: bigint('closed_by_user_id', { mode: 'number' }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    streetCode: varchar('street_code', { length: 9 }).notNull(),
    communityCode: varchar('community_code', { length: 12 }).notNull(),
    gridCode: varchar('grid_code', { length: 15 }).notNull(),
  },
  (t) => [
    index('supervision_appeal_idx').on(t.appealId),
    index('supervision_supervisor_idx').on(t.supervisorCode, t.openedAt.desc()),
    uniqueIndex('supervision_deadline_uq').on(t.deadlineId),
  ],
)

/** Counter columns shared by the rollup tables: one per counter of contracts/stats.ts, under its column name. */
const counterColumn = () => integer().notNull().default(0)
const counterColumns = () => Object.fromEntries(COUNTER_NAMES.map((n) => [n, counterColumn()])) as Record<CounterName, ReturnType<typeof counterColumn>>

/**
 * Dashboard rollups, exact: per street and received day, and per street and month. Kept by a trigger
 * on appeal that appends deltas (appeal_stats_delta) and a job that folds them in; readers add the
 * not-yet-folded deltas, so figures are live.
 */
export const appealStatsDay = pgTable(
  'appeal_stats_day',
  {
    streetCode: varchar('street_code', { length: 9 }).notNull(),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    ...counterColumns(),
  },
  (t) => [primaryKey({ columns: [t.streetCode, t.day] }), index('appeal_stats_day_county_idx').on(t.countyCode, t.day)],
)

export const appealStatsMonth = pgTable(
  'appeal_stats_month',
  {
    streetCode: varchar('street_code', { length: 9 }).notNull(),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    /** first day of the month */
    month: date('month', { mode: 'string' }).notNull(),
    ...counterColumns(),
  },
  (t) => [primaryKey({ columns: [t.streetCode, t.month] }), index('appeal_stats_month_county_idx').on(t.countyCode, t.month)],
)

/** The same counters per county: provinces, cities and counties read these (88 counties, not 1,500 streets). */
export const appealStatsCountyDay = pgTable(
  'appeal_stats_county_day',
  {
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    ...counterColumns(),
  },
  // provinces and cities read a few edge days of every county
  (t) => [primaryKey({ columns: [t.countyCode, t.day] }), index('appeal_stats_county_day_day_idx').on(t.day, t.countyCode)],
)

export const appealStatsCountyMonth = pgTable(
  'appeal_stats_county_month',
  {
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    ...counterColumns(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.month] }), index('appeal_stats_county_month_month_idx').on(t.month, t.countyCode)],
)

export const appealStatsDelta = pgTable(
  'appeal_stats_delta',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    streetCode: varchar('street_code', { length: 9 }).notNull(),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    ...counterColumns(),
  },
  (t) => [index('appeal_stats_delta_county_idx').on(t.countyCode, t.day)],
)
