/** What services receive: dependencies and the caller — never a request object. */
import type { Clock } from './clock'
import type { Database, Db } from './db/client'
import type { Env } from './env'
import type { Pii } from './lib/pii'
import type { Actor } from './permissions'
import type { CalendarStore } from './modules/calendar/store'
import type { FastifyBaseLogger } from 'fastify'

export interface AppDeps {
  env: Env
  database: Database
  clock: Clock
  pii: Pii
  calendar: CalendarStore
  log?: FastifyBaseLogger
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
