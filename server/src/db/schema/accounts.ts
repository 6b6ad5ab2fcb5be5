/** Accounts and sessions. One account has one role and one scope (DOMAIN §3.4). */
import { bigint, bigserial, boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { partyMember, resident } from './people'

export const userAccount = pgTable(
  'user_account',
  {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  username: text('username').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: text('role').notNull(),
  /** a place path, department:<code> or property:<id> */
  scope: text('scope').notNull(),
  displayName: text('display_name').notNull(),
  residentId: bigint('resident_id', { mode: 'number' }).references(() => resident.id),
  partyMemberId: bigint('party_member_id', { mode: 'number' }).references(() => partyMember.id),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
  /** set when someone else chose the password (a new account, a reset): its owner must choose their own first (等保) */
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // who to notify at a place: accounts by their exact scope path
  (t) => [index('user_account_scope_idx').on(t.scope, t.role)],
)

/**
 * Sessions live in the database so any instance can serve any request.
 * The token itself is never stored: only its SHA-256.
 */
export const session = pgTable(
  'session',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => userAccount.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** written at most once a minute, not on every request */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('session_user_idx').on(t.userId)],
)

/**
 * Failed-login counters by key (auth/login-guard.ts): `pair:<username>|<source>` (the account from one
 * source address) and `ip:<source>` (every account from one address). Known and unknown usernames are
 * counted alike, so the answers never tell which exist.
 */
export const loginGuard = pgTable('login_guard', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  firstAt: timestamp('first_at', { withTimezone: true }).notNull(),
  blockedUntil: timestamp('blocked_until', { withTimezone: true }),
})
