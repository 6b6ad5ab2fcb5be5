/** 党建+积分: the append-only ledger, each earner's running balance, the counties' rules, and the monthly 红黑榜. */
import { bigint, bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { userAccount } from './accounts'
import { region } from './places'

/**
 * One entry of the ledger. Append-only: the database refuses UPDATE, DELETE and TRUNCATE (migration
 * trigger); a mistake is put right by a `reversal` entry. A service is credited once per earner.
 */
export const pointsEntry = pgTable(
  'points_entry',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** the earner's account (a party member's or a resident volunteer's) */
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => userAccount.id),
    communityCode: varchar('community_code', { length: 12 })
      .notNull()
      .references(() => region.code),
    /** signed: redemptions and reversals are negative */
    points: integer('points').notNull(),
    /** activity · wish · visit · appeal · project · manual · redemption · reversal */
    kind: text('kind').notNull(),
    /** the recorded work (activity sign-up, wish, visit, appeal, project) or, for a reversal, the entry reversed */
    sourceId: text('source_id'),
    reason: text('reason').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdByUserId: bigint('created_by_user_id', { mode: 'number' }),
  },
  (t) => [
    index('points_entry_user_idx').on(t.userId, t.createdAt.desc(), t.id.desc()),
    index('points_entry_community_idx').on(t.communityCode, t.occurredAt),
    // the same service is never credited twice; an entry is reversed at most once
    uniqueIndex('points_entry_source_uidx')
      .on(t.kind, t.sourceId, t.userId)
      .where(sql`${t.kind} IN ('activity', 'wish', 'visit', 'appeal', 'project', 'reversal')`),
  ],
)

/** The running balance of an earner, moved in the same transaction as each entry; never below zero. */
export const pointsBalance = pgTable('points_balance', {
  userId: bigint('user_id', { mode: 'number' })
    .primaryKey()
    .references(() => userAccount.id),
  balance: integer('balance').notNull().default(0),
  earned: integer('earned').notNull().default(0),
  spent: integer('spent').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
})

/** A county's price of each service kind (points per hour or per piece) and optional monthly cap. */
export const pointsRule = pgTable(
  'points_rule',
  {
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    kind: text('kind').notNull(),
    pointsPerUnit: integer('points_per_unit').notNull(),
    monthlyCap: integer('monthly_cap'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedByUserId: bigint('updated_by_user_id', { mode: 'number' }),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.kind] })],
)

/** A county's settings of the honour boards. */
export const pointsSetting = pgTable('points_setting', {
  countyCode: varchar('county_code', { length: 6 }).primaryKey(),
  /** 黑榜: registered members with no service in this many months */
  blackListMonths: integer('black_list_months').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedByUserId: bigint('updated_by_user_id', { mode: 'number' }),
})

/** 红黑榜 of a community for a month: a draft until the community confirms it (contracts/points.ts BOARD_WORKFLOW). */
export const honourBoard = pgTable(
  'honour_board',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    communityCode: varchar('community_code', { length: 12 })
      .notNull()
      .references(() => region.code),
    /** YYYY-MM (Shanghai) */
    month: text('month').notNull(),
    status: text('status').notNull(),
    version: integer('version').notNull().default(1),
    red: jsonb('red').notNull(),
    black: jsonb('black').notNull(),
    blackListMonths: integer('black_list_months').notNull(),
    asOf: timestamp('as_of', { withTimezone: true }).notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
    computedByUserId: bigint('computed_by_user_id', { mode: 'number' }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    confirmedByUserId: bigint('confirmed_by_user_id', { mode: 'number' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('honour_board_community_idx').on(t.communityCode, t.month.desc(), t.id.desc()),
    // one live board (draft or published) per community and month; a withdrawn one may be redone
    uniqueIndex('honour_board_live_uidx')
      .on(t.communityCode, t.month)
      .where(sql`${t.status} IN ('draft', 'published')`),
  ],
)
