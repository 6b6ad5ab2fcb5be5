/**
 * Workflows as data. A contract declares the table (states, actions, from/to/who); a policy file
 * gives the meaning of each relation and the preconditions; `defineWorkflow` turns the two into the
 * one engine every entity with states uses:
 * - `decide` — may this caller take this action now? The order is fixed (DOMAIN §3.2): an action
 *   nobody may take in this state (or that a precondition stops for everyone) is 422; one another
 *   role could take is 403. (404 for what the caller cannot see and 409 for a stale version come
 *   first; `checkAction` below runs the whole order.)
 * - `allowedActions` — the action names the caller may take now, for every response.
 * - `target` — the next state, from the table's `to` and nowhere else.
 */
import type { ErrorCode } from '#contracts/errors'
import { userActions, type Transition, type WorkflowTable } from '#contracts/workflow-table'
import { AppError, invalidInput, notFound, type ErrorDetail } from '../errors'
import { isSystem, type Actor } from '../permissions/actor'

/** Why an action is refused: plain data (allowedActions asks about every action on every render). */
export interface Refusal {
  code: ErrorCode
  message?: string
}

export type Decision<S extends string, A extends string, R extends string> =
  | { ok: true; transition: Transition<S, A, R> }
  | { ok: false; refusal: Refusal }

export interface WorkflowPolicy<S extends string, A extends string, R extends string, F> {
  /** the entity's current state, from its facts */
  stateOf: (facts: F) => S
  /** does the caller stand in this relation to the entity? (`system` is built in: the platform's jobs) */
  relations: Record<R, (actor: Actor, facts: F) => boolean>
  /** rules that stop an action for everyone, whoever asks: checked after the state, before the caller */
  preconditions?: Partial<Record<A, (facts: F) => Refusal | null>>
  /** a more telling refusal than INVALID_TRANSITION when the state does not allow an action */
  stateRefusals?: Partial<Record<A, (facts: F) => Refusal>>
  /** the words of the table's own refusals, in this entity's terms */
  messages?: { invalidTransition?: string; forbidden?: string }
  /** a more telling 403 message for one action */
  forbiddenMessages?: Partial<Record<A, string>>
  /**
   * Where a refusal would be 403 but the caller stands where the action could have been theirs and is
   * already done (a department that has reported in), say so instead (a 422 of the domain).
   */
  explainRefusal?: Partial<Record<A, (actor: Actor, facts: F) => Refusal | null>>
}

export interface Workflow<S extends string, A extends string, R extends string, F> {
  readonly table: WorkflowTable<S, A, R>
  /** actions a person can take (the HTTP enum); the rest are the platform's own */
  readonly userActions: readonly A[]
  decide(actor: Actor, action: A, facts: F): Decision<S, A, R>
  allowedActions(actor: Actor, facts: F): A[]
  /** does the caller stand in this relation? (for visibility and routing rules beside the table) */
  holds(actor: Actor, relation: R, facts: F): boolean
  /** the state the transition leads to from `current`; `branch` names one of the table's branches */
  target(transition: Transition<S, A, R>, current: S, branch?: string): S
  /** the one state an action leads to wherever it starts (for actions with a single target) */
  targetOf(action: A): S
}

export function refusalError(r: Refusal): AppError {
  return new AppError(r.code, r.message)
}

export function defineWorkflow<S extends string, A extends string, R extends string, F>(
  table: WorkflowTable<S, A, R>,
  policy: WorkflowPolicy<S, A, R, F>,
): Workflow<S, A, R, F> {
  const rowsByAction = new Map<A, Transition<S, A, R>[]>(table.actions.map((a) => [a, table.transitions.filter((t) => t.action === a)]))
  const people = userActions(table)
  const invalid: Refusal = { code: 'INVALID_TRANSITION', ...(policy.messages?.invalidTransition ? { message: policy.messages.invalidTransition } : {}) }
  const forbidden: Refusal = { code: 'FORBIDDEN_ACTION', ...(policy.messages?.forbidden ? { message: policy.messages.forbidden } : {}) }

  const holds = (actor: Actor, rel: R | 'system', facts: F): boolean =>
    rel === 'system' ? isSystem(actor) : !isSystem(actor) && policy.relations[rel](actor, facts)

  const decide = (actor: Actor, action: A, facts: F): Decision<S, A, R> => {
    const state = policy.stateOf(facts)
    const rows = (rowsByAction.get(action) ?? []).filter((t) => t.from.includes(state))
    if (rows.length === 0) return { ok: false, refusal: policy.stateRefusals?.[action]?.(facts) ?? invalid }
    const stopped = policy.preconditions?.[action]?.(facts)
    if (stopped) return { ok: false, refusal: stopped }
    const row = rows.find((t) => t.who.some((rel) => holds(actor, rel, facts)))
    if (row) return { ok: true, transition: row }
    const explained = policy.explainRefusal?.[action]?.(actor, facts)
    if (explained) return { ok: false, refusal: explained }
    const message = policy.forbiddenMessages?.[action]
    return { ok: false, refusal: message ? { code: 'FORBIDDEN_ACTION', message } : forbidden }
  }

  return {
    table,
    userActions: people,
    decide,
    allowedActions: (actor, facts) => people.filter((a) => decide(actor, a, facts).ok),
    holds: (actor, rel, facts) => holds(actor, rel, facts),
    target(t, current, branch) {
      if (t.to === 'unchanged') return current
      if (typeof t.to === 'string') return t.to as S
      const next = branch === undefined ? undefined : t.to[branch]
      if (next === undefined) throw new Error(`${table.entity}.${t.action}: no branch "${branch}" in the table`)
      return next
    },
    targetOf(action) {
      const targets = new Set((rowsByAction.get(action) ?? []).map((t) => t.to))
      const [only] = [...targets]
      if (targets.size !== 1 || typeof only !== 'string' || only === 'unchanged') {
        throw new Error(`${table.entity}.${action} has no single target state`)
      }
      return only as S
    },
  }
}

/** Fields an action requires and allows, as the table says: a missing one or a stray one is a 400. */
export function checkActionFields<A extends string>(
  table: WorkflowTable<string, A, string>,
  body: { action: A } & Record<string, unknown>,
): void {
  const spec = table.fields?.[body.action]
  if (!spec) return
  const allowed = new Set(['action', 'version', ...spec.required, ...spec.optional])
  const details: ErrorDetail[] = []
  for (const f of spec.required) {
    const v = body[f]
    if (v === undefined || (Array.isArray(v) && v.length === 0)) details.push({ field: f, message: `缺少必填字段 ${f}` })
  }
  for (const f of Object.keys(body)) if (!allowed.has(f)) details.push({ field: f, message: '此操作不需要该字段' })
  if (details.length) throw invalidInput(details)
}

/**
 * Everything that must hold before an action runs, in the one order every workflow follows:
 * 404 (missing, or out of the caller's sight: a stale version must never reveal that it exists) →
 * 409 (stale version, whatever else is wrong) → 422 (nobody may, in this state) → 403 (another role
 * could) → 400 (a missing or stray field). Returns the transition the table allows.
 */
export function checkAction<S extends string, A extends string, R extends string, F>(
  w: Workflow<S, A, R, F>,
  actor: Actor,
  o: {
    facts: F | undefined
    visible: boolean
    /** the entity's version and the one the caller decided on (entities without versions leave both out) */
    version?: number
    sentVersion?: number
    body: { action: A } & Record<string, unknown>
    notFoundMessage?: string
    conflictMessage?: string
  },
): Transition<S, A, R> {
  if (o.facts === undefined || !o.visible) throw notFound(o.notFoundMessage)
  if (o.sentVersion !== undefined && o.version !== o.sentVersion) throw new AppError('VERSION_CONFLICT', o.conflictMessage)
  const d = w.decide(actor, o.body.action, o.facts)
  if (!d.ok) throw refusalError(d.refusal)
  checkActionFields(w.table, o.body)
  return d.transition
}
