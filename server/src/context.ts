/** What services receive: dependencies and the caller — never a request object. */
import type { Clock } from './clock'
import type { OutboxPump } from './core/outbox'
import type { SessionCache } from './core/session-cache'
import type { Database, Db } from './db/client'
import type { Env } from './env'
import type { Pii } from './lib/pii'
import type { FileStore } from './storage'
import { SYSTEM_ACTOR, type Actor } from './permissions/actor'
import type { CalendarStore } from './lib/working-time'
import type { FastifyBaseLogger } from 'fastify'

export interface AppDeps {
  env: Env
  database: Database
  clock: Clock
  pii: Pii
  calendar: CalendarStore
  /** where uploaded files' bytes live (storage/: local disk or an S3 bucket) */
  fileStore: FileStore
  /** drains notification intents into inboxes after each commit (core/outbox.ts) */
  outbox: OutboxPump
  /** the callers of session tokens, remembered by this instance and revoked by the database (core/session-cache.ts) */
  sessions: SessionCache
  log?: FastifyBaseLogger
}

/** A request's caller, once its session is checked (modules/auth authenticate). */
export interface Authenticated {
  actor: Actor
  tokenHash: string
  passwordExpired: boolean
  /** the password was chosen by someone else (a new account, a reset): the owner must choose their own */
  mustChangePassword: boolean
  /** the session may only enrol a second factor (its role requires one and the account has none yet) */
  mfaPending: boolean
}

export interface Ctx {
  deps: AppDeps
  db: Db
  actor: Actor
  ip: string | null
  now: Date
}

export function makeCtx(deps: AppDeps, actor: Actor, ip: string | null): Ctx {
  return { deps, db: deps.database.db, actor, ip, now: deps.clock.now() }
}

/** The platform acting on its own (jobs), at `now` (the clock's time unless given). */
export function systemCtx(deps: AppDeps, now: Date = deps.clock.now()): Ctx {
  return { deps, db: deps.database.db, actor: SYSTEM_ACTOR, ip: null, now }
}
