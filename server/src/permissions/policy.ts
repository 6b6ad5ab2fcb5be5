/**
 * The shape of a policy rule: may this actor do this to this subject? Each rule says how a refusal
 * reads — 403 for "not yours to do", 404 where even the record's existence must not leak, 422 where
 * the rules of the domain say no. Policy files (policies/<domain>.ts) export maps of verb → rule;
 * `authorize` in index.ts is the one caller.
 */
import type { ErrorCode } from '#contracts/errors'
import type { Actor } from './actor'

export interface Rule<S> {
  allow: (actor: Actor, subject: S) => boolean
  /** the error when refused (its status comes from the error catalogue) */
  refuse: { code: ErrorCode; message?: string }
}

export function rule<S = void>(allow: (actor: Actor, subject: S) => boolean, code: ErrorCode, message?: string): Rule<S> {
  return { allow, refuse: { code, ...(message ? { message } : {}) } }
}

/** A rule on the caller alone (their role), refused with 403. */
export function roleRule(roles: readonly string[], message: string): Rule<void> {
  return rule<void>((actor) => roles.includes(actor.role), 'FORBIDDEN', message)
}
