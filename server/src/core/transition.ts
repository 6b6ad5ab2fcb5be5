/**
 * A workflow action as a change: the next state is the table's (`workflow.target`), the timeline
 * event and the audit row say from which state to which, and the write is guarded by the version the
 * caller decided on. Modules give the write and what the event records; nothing else decides a state.
 */
import type { Transition } from '#contracts/workflow-table'
import type { Ctx } from '../context'
import type { Db } from '../db/client'
import { writeChange, inTransaction, type Change, type TimelineWriter } from './commit'
import type { NotificationIntent } from './outbox'
import type { Workflow } from './workflow'

export interface TransitionChange<S extends string, A extends string, R extends string, Row> {
  workflow: Pick<Workflow<S, A, R, unknown>, 'target' | 'table'>
  transition: Transition<S, A, R>
  /** the state (and version, for entities that carry one) the caller decided on */
  from: S
  version?: number
  entityId: number
  /** which of the table's branches (a rating, a return's origin) */
  branch?: string
  /** the versioned write, setting the state to `to` */
  apply: (tx: Db, to: S) => Promise<Row | undefined>
  /** the version the write produced (for the audit row) */
  versionOf?: (row: Row) => number
  timeline: TimelineWriter
  /** what the timeline and the audit row record beyond the states */
  fields?: Record<string, unknown>
  comment?: string | null
  notify?: NotificationIntent[] | ((row: Row) => NotificationIntent[])
  after?: (tx: Db, row: Row) => Promise<void>
  conflict?: Change<Row>['conflict']
}

/** The next state of a transition, and the change that moves there. */
export function transitionChange<S extends string, A extends string, R extends string, Row>(
  t: TransitionChange<S, A, R, Row>,
): { to: S; change: Change<Row> } {
  const to = t.workflow.target(t.transition, t.from, t.branch)
  const fields = t.fields ?? {}
  const entity = t.workflow.table.entity
  return {
    to,
    change: {
      entityId: t.entityId,
      apply: (tx) => t.apply(tx, to),
      ...(t.conflict ? { conflict: t.conflict } : {}),
      event: { write: t.timeline, entry: { action: t.transition.action, fromStatus: t.from, toStatus: to, fields, comment: t.comment ?? null } },
      audit: (row) => ({
        action: `${entity}.${t.transition.action}`,
        entityType: entity,
        before: { status: t.from, ...(t.version !== undefined ? { version: t.version } : {}) },
        after: { status: to, ...(t.versionOf ? { version: t.versionOf(row) } : {}), ...fields },
      }),
      ...(t.notify ? { notify: t.notify } : {}),
      ...(t.after ? { after: t.after } : {}),
    },
  }
}

/** Commit a transition in its own transaction (or inside `tx`, when it is part of a larger change). */
export async function commitTransition<S extends string, A extends string, R extends string, Row>(
  ctx: Ctx,
  t: TransitionChange<S, A, R, Row>,
  tx?: Db,
): Promise<Row> {
  const { change } = transitionChange(t)
  return tx ? writeChange(ctx, tx, change) : inTransaction(ctx, (inner) => writeChange(ctx, inner, change))
}
