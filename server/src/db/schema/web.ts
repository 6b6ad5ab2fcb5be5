/**
 * Tables the web pages needed beyond the appeal core: one-time phone codes (resident sign-up,
 * code login, the anonymous QR report) and residents' household claims (a grid worker confirms
 * the household a self-registered resident gave).
 */
import { bigint, bigserial, index, integer, pgTable, text, timestamp, varchar } from 'drizzle-orm/pg-core'

/**
 * One-time codes sent to a phone. The phone is kept only as its blind index and the code only as
 * a hash; a code expires after 5 minutes, allows 5 wrong tries, and is used once.
 */
export const phoneCode = pgTable(
  'phone_code',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    phoneIdx: text('phone_idx').notNull(),
    /** signup | login | report */
    purpose: text('purpose').notNull(),
    codeHash: text('code_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    usedAt: timestamp('used_at', { withTimezone: true }),
    ip: text('ip'),
  },
  (t) => [index('phone_code_phone_idx').on(t.phoneIdx, t.createdAt.desc()), index('phone_code_ip_idx').on(t.ip, t.createdAt.desc())],
)

/** A self-registered resident's household, waiting for the grid worker's one-tap confirmation. */
export const householdClaim = pgTable(
  'household_claim',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    residentId: bigint('resident_id', { mode: 'number' }).notNull(),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    gridCode: varchar('grid_code', { length: 15 }).notNull(),
    buildingId: bigint('building_id', { mode: 'number' }).notNull(),
    unitId: bigint('unit_id', { mode: 'number' }),
    room: text('room').notNull(),
    /** pending | confirmed | rejected */
    status: text('status').notNull().default('pending'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: bigint('decided_by', { mode: 'number' }),
    reason: text('reason'),
    householdId: bigint('household_id', { mode: 'number' }),
  },
  (t) => [index('household_claim_grid_idx').on(t.gridCode, t.status, t.createdAt.desc()), index('household_claim_user_idx').on(t.userId)],
)

/** 催办: a resident chasing a late step (once a day per appeal). */
export const appealUrge = pgTable(
  'appeal_urge',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    appealId: bigint('appeal_id', { mode: 'number' }).notNull(),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('appeal_urge_appeal_idx').on(t.appealId, t.at.desc())],
)
