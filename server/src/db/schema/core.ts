/** Tables of the shared core: the notification outbox and the timeline of every workflow but appeals'. */
import { sql } from 'drizzle-orm'
import { bigint, bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * Notifications to send, written in the transaction of the change they report, with recipients named
 * by relation (a grid's staff, a community, the handler …). The leader's job — and, right after each
 * commit, the instance that made it — resolves them to accounts (notifications/recipients.ts: the one
 * place the recipient rules live) and writes the inbox rows; the outbox row goes in the same transaction.
 */
export const notificationOutbox = pgTable('notification_outbox', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  appealId: bigint('appeal_id', { mode: 'number' }),
  /** Recipient[] (core/outbox.ts) */
  recipients: jsonb('recipients').notNull(),
  /** accounts never told (whoever caused it) */
  exceptUserIds: jsonb('except_user_ids').$type<number[]>().notNull().default([]),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
})

/** The columns of a timeline row, for appeal_event and workflow_event alike: who did what, when, from which state to which. */
export const timelineColumns = () => ({
  action: text('action').notNull(),
  fromStatus: text('from_status'),
  toStatus: text('to_status').notNull(),
  actorUserId: bigint('actor_user_id', { mode: 'number' }),
  actorRole: text('actor_role').notNull(),
  actorName: text('actor_name').notNull(),
  fields: jsonb('fields').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  comment: text('comment'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
})

/**
 * The append-only timeline of every workflow entity that has no timeline of its own (appeals keep
 * appeal_event, indexed for their detail page): who did what, when, from which state to which.
 */
export const workflowEvent = pgTable(
  'workflow_event',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    entityType: text('entity_type').notNull(),
    entityId: bigint('entity_id', { mode: 'number' }).notNull(),
    ...timelineColumns(),
  },
  (t) => [index('workflow_event_entity_idx').on(t.entityType, t.entityId, t.id)],
)
