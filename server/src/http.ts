/** Small helpers every routes.ts uses: the caller's context and the common error responses. */
import type { FastifyRequest } from 'fastify'
import { ErrorBody } from '#contracts/common'
import type { AppDeps, Authenticated, Ctx } from './context'
import { makeCtx } from './context'
import { AppError } from './errors'

declare module 'fastify' {
  interface FastifyRequest {
    auth?: Authenticated
  }
  interface FastifyContextConfig {
    /** reachable without logging in */
    public?: boolean
    /** reachable while the password has expired (to change it) */
    allowExpiredPassword?: boolean
    /** reachable by a session confined to enrolling a second factor (to enrol it, or to leave) */
    allowMfaPending?: boolean
    /** the request body as the API document shows it, where it says more than the validating schema */
    docBody?: unknown
  }
}

export function ctxOf(deps: AppDeps, request: FastifyRequest): Ctx {
  if (!request.auth) throw new AppError('UNAUTHENTICATED')
  return makeCtx(deps, request.auth.actor, request.ip ?? null)
}

/** The error responses a route documents (all share one body). */
export function errorResponses(...statuses: number[]): Record<number, typeof ErrorBody> {
  const out: Record<number, typeof ErrorBody> = {}
  for (const s of [400, 401, ...statuses]) out[s] = ErrorBody
  return out
}
