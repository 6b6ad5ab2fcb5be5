/**
 * One way to commit a change. Every state change — a person's action or a job's — goes through
 * `commitChange`: the write itself (a versioned update, or an insert), the timeline event, the audit
 * row and the notification intents, in one transaction; a write that finds the entity changed since
 * it was read loses with 409 and nothing of it stays. After the commit the outbox pump is kicked so
 * the inbox rows follow within moments, off the request's path.
 */
import type { Ctx } from '../context'
import type { Db } from '../db/client'
import { AppError } from '../errors'
import type { ErrorCode } from '#contracts/errors'
import { isSystem, type Actor } from '../permissions/actor'
import type { NotificationIntent } from './outbox'
import { insertAudit, insertOutbox, insertWorkflowEvent, insertWorkflowEvents, type AuditInsert, type OutboxInsert, type WorkflowEventRow } from './queries'

/** What a timeline records of a change (the actor and the time come from the context). */
export interface TimelineEntry {
  action: string
  fromStatus: string | null
  toStatus: string
  fields: Record<string, unknown>
  comment?: string | null
}

/** A timeline entry as written: with who did it and when. */
export interface TimelineRecord extends TimelineEntry {
  actorUserId: number | null
  actorRole: string
  actorName: string
  createdAt: Date
}

/** Where an entity's timeline lives: appeals write appeal_event; every other workflow the shared workflow_event. */
export type TimelineWriter = (tx: Db, entityId: number, record: TimelineRecord) => Promise<unknown>

/** The shared timeline (workflow_event) for an entity type. */
export const sharedTimeline =
  (entityType: string): TimelineWriter =>
  (tx, entityId, r) =>
    insertWorkflowEvent(tx, { entityType, entityId, ...r, comment: r.comment ?? null })

/**
 * The shared timeline of many entities at once, in one statement: an import publishing thousands of records
 * writes each one's event this way (inside the import's commit, whose one audit row names them all).
 */
export async function writeTimelineEvents(ctx: Pick<Ctx, 'actor' | 'now'>, tx: Db, entityType: string, entries: { entityId: number; entry: TimelineEntry }[]): Promise<void> {
  const who = actorColumns(ctx.actor)
  await insertWorkflowEvents(
    tx,
    entries.map(({ entityId, entry }) => ({ entityType, entityId, ...entry, comment: entry.comment ?? null, ...who, createdAt: ctx.now })),
  )
}

export type { WorkflowEventRow }

export interface AuditInput {
  action: string
  entityType: string
  entityId?: string | number | null
  before?: unknown
  after?: unknown
  detail?: unknown
}

/** Who an audit row names: an account, the platform (no account), or someone not yet logged in. */
export interface AuditActor {
  userId: number | null
  role: string | null
  name: string | null
}

/** The audit row of a change, as every writer builds it (users, jobs and the intake function alike). */
export function auditRecord(ctx: Pick<Ctx, 'actor' | 'ip' | 'now'>, a: AuditInput): AuditInsert {
  const system = isSystem(ctx.actor)
  return auditRecordOf({ userId: system ? null : ctx.actor.userId, role: ctx.actor.role, name: ctx.actor.displayName }, { ip: system ? null : ctx.ip, now: ctx.now }, a)
}

/** The audit row naming `who` (a login attempt names the account it tried, before there is a session). */
export function auditRecordOf(who: AuditActor, at: { ip: string | null; now: Date }, a: AuditInput): AuditInsert {
  return {
    at: at.now,
    actorUserId: who.userId,
    actorRole: who.role,
    actorName: who.name,
    action: a.action,
    entityType: a.entityType,
    entityId: a.entityId === undefined || a.entityId === null ? null : String(a.entityId),
    ip: at.ip,
    before: a.before ?? null,
    after: a.after ?? null,
    detail: a.detail ?? null,
  }
}

/** The actor columns of a timeline row. */
export function actorColumns(actor: Actor): Pick<TimelineRecord, 'actorUserId' | 'actorRole' | 'actorName'> {
  return { actorUserId: isSystem(actor) ? null : actor.userId, actorRole: actor.role, actorName: actor.displayName }
}

/** The outbox rows of some intents (the actor who caused a change is not told of it, unless `toActorToo`). */
export function outboxRecords(ctx: Pick<Ctx, 'actor' | 'now'>, intents: NotificationIntent[], toActorToo = false): OutboxInsert[] {
  const actorId = isSystem(ctx.actor) || toActorToo ? [] : [ctx.actor.userId]
  return intents
    .filter((n) => n.to.length > 0)
    .map((n) => ({
      kind: n.kind,
      title: n.title,
      body: n.body,
      appealId: n.appealId ?? null,
      recipients: n.to,
      exceptUserIds: [...new Set([...actorId, ...(n.except ?? [])])],
      createdAt: ctx.now,
    }))
}

/** What a write on a record someone changed since the caller read it says (409 VERSION_CONFLICT). */
export const STALE_RECORD = '记录已被他人修改，请刷新后重试'

/** The version the caller saw must be the current one (409 before any other refusal of the write). */
export function sameVersion(current: number, seen: number): void {
  if (current !== seen) throw new AppError('VERSION_CONFLICT', STALE_RECORD)
}

type OrFn<T, Row> = T | ((row: Row) => T)
const resolve = <T, Row>(v: OrFn<T, Row>, row: Row): T => (typeof v === 'function' ? (v as (r: Row) => T)(row) : v)

export interface Change<Row> {
  /** the entity's id (for the timeline and the audit row); may come from the row written */
  entityId: OrFn<number | string, Row>
  /**
   * The write. A versioned update returns undefined when someone changed the entity since it was read:
   * the change is then refused with `conflict` (409 VERSION_CONFLICT unless said otherwise).
   */
  apply: (tx: Db) => Promise<Row | undefined>
  conflict?: { code?: ErrorCode; message?: string }
  /** the timeline event, written by the entity's timeline writer */
  event?: { write: TimelineWriter; entry: OrFn<TimelineEntry, Row> }
  audit: OrFn<AuditInput, Row>
  notify?: OrFn<NotificationIntent[], Row>
  /** more writes of the same change (side records), after the write and its timeline event */
  after?: (tx: Db, row: Row) => Promise<void>
}

/** Write one change with its event, audit row and notification intents, inside `tx`. */
export async function writeChange<Row>(ctx: Ctx, tx: Db, c: Change<Row>): Promise<Row> {
  const row = await c.apply(tx)
  if (row === undefined) throw new AppError(c.conflict?.code ?? 'VERSION_CONFLICT', c.conflict?.message)
  const id = resolve(c.entityId, row)
  if (c.event) {
    await c.event.write(tx, Number(id), { ...resolve(c.event.entry, row), ...actorColumns(ctx.actor), createdAt: ctx.now })
  }
  if (c.after) await c.after(tx, row)
  const audit = resolve(c.audit, row)
  await insertAudit(tx, auditRecord(ctx, { entityId: id, ...audit }))
  // this instance stops serving callers made of what changed before the change is even committed
  ctx.deps.sessions.forgetFor(audit.entityType, id)
  if (c.notify) await insertOutbox(tx, outboxRecords(ctx, resolve(c.notify, row)))
  return row
}

/**
 * Run `fn` in one transaction and kick the outbox after it commits. Use it when several changes (or a
 * change and the read that decides it) must commit together; a lone change can call commitChange.
 */
export async function inTransaction<T>(ctx: Ctx, fn: (tx: Db) => Promise<T>): Promise<T> {
  const result = await ctx.db.transaction(fn)
  ctx.deps.outbox.kick()
  return result
}

/** One change in its own transaction; see `Change`. */
export function commitChange<Row>(ctx: Ctx, c: Change<Row>): Promise<Row> {
  return inTransaction(ctx, (tx) => writeChange(ctx, tx, c))
}

/** Tell people — the actor included — something that is not itself a change (a lost claim race): an outbox row, no audit. */
export async function notifyOnly(ctx: Ctx, intents: NotificationIntent[]): Promise<void> {
  await insertOutbox(ctx.db, outboxRecords(ctx, intents, true))
  ctx.deps.outbox.kick()
}

/** An audit row for something that is not a state change (an unmasked read, reading the audit log). */
export async function recordAudit(ctx: Ctx, db: Db, a: AuditInput): Promise<void> {
  await insertAudit(db, auditRecord(ctx, a))
  if (a.entityId !== undefined && a.entityId !== null) ctx.deps.sessions.forgetFor(a.entityType, a.entityId)
}

/** An audit row naming someone who has no session yet (login attempts). */
export async function recordAuditAs(db: Db, who: AuditActor, at: { ip: string | null; now: Date }, a: AuditInput): Promise<void> {
  await insertAudit(db, auditRecordOf(who, at, a))
}
