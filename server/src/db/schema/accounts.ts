/** Accounts and sessions. One account has one role and one scope (DOMAIN §3.4). */
import { bigint, bigserial, boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
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
  /** 两步验证: the TOTP secret (base32), encrypted like personal data (lib/pii); null until enrolment is confirmed */
  totpSecretEnc: text('totp_secret_enc'),
  /** a secret shown for enrolment and not yet confirmed with a code */
  totpPendingSecretEnc: text('totp_pending_secret_enc'),
  totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
  /** the last TOTP time step accepted: a code of that step or earlier is never accepted again (no replay) */
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
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
    /**
     * The account's role must use a second factor and has none yet: the session may only enrol one
     * (every other API answers 403 MFA_ENROLMENT_REQUIRED); enrolment replaces it with a full session.
     */
    mfaPending: boolean('mfa_pending').notNull().default(false),
  },
  (t) => [index('session_user_idx').on(t.userId)],
)

/**
 * A password proven for an account with a second factor: the login waits for the code. Only the
 * SHA-256 of the challenge token is kept; it lives a few minutes and is used once.
 */
export const mfaChallenge = pgTable(
  'mfa_challenge',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => userAccount.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('mfa_challenge_user_idx').on(t.userId)],
)

/** One-time recovery codes (恢复码) of an account's second factor, kept as keyed hashes; a used one stays, marked. */
export const mfaRecoveryCode = pgTable(
  'mfa_recovery_code',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => userAccount.id),
    codeHash: text('code_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('mfa_recovery_code_user_code_idx').on(t.userId, t.codeHash)],
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
