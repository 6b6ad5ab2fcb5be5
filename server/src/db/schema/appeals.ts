/** The appeal loop: categories, appeals, their append-only timeline, idempotency keys. */
import { sql } from 'drizzle-orm'
import {
  bigint,
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core'
import { userAccount } from './accounts'
import type { CategoryLimits } from '../../../../contracts/appeals'

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
    /** building | grid | community | street | department */
    resolutionLevel: text('resolution_level'),
    result: text('result'),
    replyMessage: text('reply_message'),
    responseDueAt: timestamp('response_due_at', { withTimezone: true }),
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
      .on(t.assigneeType, t.assigneeId, t.createdAt.desc())
      .where(sql`${t.status} <> 'closed'`),
    index('appeal_pool_idx').on(t.poolCommunityCode, t.createdAt.desc()).where(sql`${t.poolCommunityCode} IS NOT NULL`),
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
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorUserId: bigint('actor_user_id', { mode: 'number' }),
    actorRole: text('actor_role').notNull(),
    actorName: text('actor_name').notNull(),
    fields: jsonb('fields').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    comment: text('comment'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
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
    fileId: uuid('file_id').notNull(),
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
