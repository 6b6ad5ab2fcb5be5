/**
 * The shape of a workflow table — states, actions, and for each action the states it starts from,
 * the relations of the caller who may take it and the state it leads to. Every entity with states
 * (appeals, supervisions, registrations …) declares one table of this shape in its contract; the
 * server's `defineWorkflow` (server/src/core/workflow.ts) is the only thing that evaluates it, and the
 * web reads the same table to label buttons and draw stage bars.
 */

/**
 * Where an action leads: a state; `unchanged` (a record on the timeline, the state stays); or a
 * set of named branches (the rating decides between closing and reopening) — the action's handler
 * names the branch, the table names the state.
 */
export type Target<S extends string> = S | 'unchanged' | { readonly [branch: string]: S }

export interface Transition<S extends string, A extends string, R extends string> {
  readonly action: A
  readonly from: readonly S[]
  /** the caller's relation to the entity; `system` is the platform itself (jobs) */
  readonly who: readonly (R | 'system')[]
  readonly to: Target<S>
}

export interface WorkflowTable<S extends string, A extends string, R extends string> {
  /** the entity's name in audit rows and timelines: `appeal`, `supervision`, `registration` */
  readonly entity: string
  readonly states: readonly S[]
  /** the state a new entity starts in */
  readonly initial: S
  readonly stateNames: Readonly<Record<S, string>>
  readonly actions: readonly A[]
  readonly actionNames: Readonly<Record<A, string>>
  readonly transitions: readonly Transition<S, A, R>[]
  /** body fields each action requires and allows (beyond `action` and `version`) */
  readonly fields?: Readonly<Record<A, { readonly required: readonly string[]; readonly optional: readonly string[] }>>
}

/** Every state a transition can lead to (for documentation and the stage bar). */
export function targetsOf<S extends string>(to: Target<S>): S[] {
  if (to === 'unchanged') return []
  return typeof to === 'string' ? [to] : [...new Set(Object.values(to))]
}

/** Actions someone other than the platform can take: the enum of the HTTP action body. */
export function userActions<S extends string, A extends string, R extends string>(t: WorkflowTable<S, A, R>): A[] {
  return t.actions.filter((a) => t.transitions.some((row) => row.action === a && row.who.some((w) => w !== 'system')))
}
