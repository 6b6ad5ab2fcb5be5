/** Files, the audit log and the working-day calendar. */
import { bigint, bigserial, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'

/**
 * Uploaded photos: metadata and the SHA-256 only. The bytes live in the file store (storage/: DATA_DIR/files
 * or an S3 bucket) under a key made from the id.
 */
export const file = pgTable(
  'file',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    ownerUserId: bigint('owner_user_id', { mode: 'number' }).notNull(),
    mime: text('mime').notNull(),
    /** bytes as stored (after resizing and stripping metadata) */
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    originalName: text('original_name'),
    /** the photo kept its EXIF location because its category needs where it was taken */
    keepsLocation: boolean('keeps_location').notNull().default(false),
    /** when a record first referred to it (a trigger on appeal_file); uploads never attached expire after 24 h */
    attachedAt: timestamp('attached_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('file_owner_created_idx').on(t.ownerUserId, t.createdAt),
    index('file_unattached_idx').on(t.createdAt).where(sql`attached_at IS NULL`),
  ],
)

/**
 * Append-only audit log: every write and every unmasked read of personal data.
 * A trigger (migration 0002) refuses UPDATE and DELETE. Migration 0014 (hand-written: Drizzle does not
 * model partitioning) makes it a table partitioned by Asia/Shanghai month with a default partition and the
 * primary key (id, at); the columns here stay exactly the table's columns.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorUserId: bigint('actor_user_id', { mode: 'number' }),
    actorRole: text('actor_role'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    ip: text('ip'),
    before: jsonb('before'),
    after: jsonb('after'),
    detail: jsonb('detail'),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at.desc()),
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
    index('audit_log_actor_idx').on(t.actorUserId, t.at.desc()),
  ],
)

/**
 * Exceptions to the Monday–Friday rule: statutory holidays (isWorkday=false) and
 * 调休 make-up working days (isWorkday=true). Seeded from chinese-days, editable by the system admin.
 */
export const workCalendar = pgTable('work_calendar', {
  day: date('day', { mode: 'string' }).primaryKey(),
  isWorkday: boolean('is_workday').notNull(),
  name: text('name'),
  source: text('source').notNull().default('chinese-days'),
})

/**
 * In-app inbox (one row per recipient). Outbound channels (SMS, WeChat …) read the same rows
 * through an outbox: sentAt is set once a channel has taken it.
 */
export const notification = pgTable(
  'notification',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    /** assigned | claimLost | warning | yellowCard | redCard | supervision | rated | returned | extension … */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    appealId: bigint('appeal_id', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('notification_user_idx').on(t.userId, t.createdAt.desc(), t.id.desc()),
    index('notification_unsent_idx').on(t.id).where(sql`${t.sentAt} IS NULL`),
  ],
)
