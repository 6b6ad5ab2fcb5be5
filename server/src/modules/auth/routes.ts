import crypto from 'node:crypto'
import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { ChangePasswordBody, LoginBody, LoginResponse, Me, TokenResponse } from '#contracts/auth'
import type { AppDeps } from '../../context'
import { makeCtx } from '../../context'
import { NoContent } from '#contracts/common'
import { ctxOf, errorResponses } from '../../http'
import { changePassword, login, logout } from './service'
import { authenticate } from './service'
import { getMe } from './me'

export const SESSION_COOKIE = 'yw_session'
/**
 * The double-submit CSRF token: readable by the pages (not httpOnly), sent back by them in the
 * `x-csrf-token` header on every unsafe request made with the session cookie. A cross-site page can
 * make the browser send the cookies but cannot read this one, so it cannot send the header.
 */
export const CSRF_COOKIE = 'yw_csrf'
export const CSRF_HEADER = 'x-csrf-token'

type CookieReply = { setCookie: (n: string, v: string, o: object) => unknown }

/** The CSRF cookie of a cookie session (set with the session, and again when a session lacks it). */
export function setCsrfCookie(reply: CookieReply, secure: boolean): void {
  reply.setCookie(CSRF_COOKIE, crypto.randomBytes(24).toString('base64url'), { httpOnly: false, sameSite: 'strict', secure, path: '/' })
}

/** The session cookie, as every way of signing in sets it (password, phone code), with its CSRF token. */
export function setSessionCookie(reply: CookieReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/' })
  setCsrfCookie(reply, secure)
}

export function authRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    const setCookie = (reply: CookieReply, token: string) => setSessionCookie(reply, token, deps.env.cookieSecure)

    app.post(
      '/auth/login',
      {
        config: { public: true },
        schema: {
          tags: ['auth'],
          summary: '登录（用户名 + 密码），返回令牌并设置会话 Cookie',
          body: LoginBody,
          response: { 200: LoginResponse, ...errorResponses(429) },
        },
      },
      async (request, reply) => {
        const { token } = await login(deps, {
          username: request.body.username,
          password: request.body.password,
          ip: request.ip ?? null,
          userAgent: request.headers['user-agent'] ?? null,
        })
        const auth = await authenticate(deps, token)
        const user = await getMe(makeCtx(deps, auth.actor, request.ip ?? null))
        setCookie(reply, token)
        return { token, user }
      },
    )

    app.post(
      '/auth/logout',
      {
        config: { allowExpiredPassword: true },
        schema: { tags: ['auth'], summary: '退出登录', response: { 204: NoContent, ...errorResponses() } },
      },
      async (request, reply) => {
        await logout(ctxOf(deps, request), request.auth!.tokenHash)
        reply.clearCookie(SESSION_COOKIE, { path: '/' })
        reply.clearCookie(CSRF_COOKIE, { path: '/' })
        return reply.status(204).send(null)
      },
    )

    app.post(
      '/auth/password',
      {
        config: { allowExpiredPassword: true },
        schema: {
          tags: ['auth'],
          summary: '修改本人密码（其他会话全部退出，返回新令牌）',
          body: ChangePasswordBody,
          response: { 200: TokenResponse, ...errorResponses(422, 429) },
        },
      },
      async (request, reply) => {
        const { token } = await changePassword(
          ctxOf(deps, request),
          request.body.oldPassword,
          request.body.newPassword,
          request.headers['user-agent'] ?? null,
        )
        setCookie(reply, token)
        return { token }
      },
    )

    app.get(
      '/me',
      {
        config: { allowExpiredPassword: true },
        schema: { tags: ['auth'], summary: '当前账号', response: { 200: Me, ...errorResponses() } },
      },
      async (request) => getMe(ctxOf(deps, request)),
    )
  }
}
