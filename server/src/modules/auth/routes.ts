import crypto from 'node:crypto'
import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { ChangePasswordBody, LoginBody, LoginResponse, Me, MfaLoginBody, SessionResponse, TokenResponse } from '#contracts/auth'
import type { AppDeps } from '../../context'
import { makeCtx } from '../../context'
import { NoContent } from '#contracts/common'
import { ctxOf, errorResponses } from '../../http'
import { changePassword, login, logout } from './service'
import { loginWithCode } from './mfa-login'
import { isoShanghai } from '../../lib/time'
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
    /** A new session: the cookie, and the token with the account. */
    const sessionAnswer = async (reply: CookieReply, token: string, ip: string | null) => {
      const auth = await authenticate(deps, token)
      const user = await getMe(makeCtx(deps, auth.actor, ip))
      setCookie(reply, token)
      return { token, user }
    }

    app.post(
      '/auth/login',
      {
        config: { public: true },
        schema: {
          tags: ['auth'],
          summary: '登录（用户名 + 密码），返回令牌并设置会话 Cookie；已启用两步验证的账号返回 challenge，再调用 /auth/login/mfa',
          body: LoginBody,
          response: { 200: LoginResponse, ...errorResponses(429) },
        },
      },
      async (request, reply) => {
        const outcome = await login(deps, {
          username: request.body.username,
          password: request.body.password,
          ip: request.ip ?? null,
          userAgent: request.headers['user-agent'] ?? null,
        })
        if ('challenge' in outcome) return { mfaRequired: true as const, challenge: outcome.challenge, expiresAt: isoShanghai(outcome.expiresAt) }
        return sessionAnswer(reply, outcome.token, request.ip ?? null)
      },
    )

    app.post(
      '/auth/login/mfa',
      {
        config: { public: true },
        schema: {
          tags: ['auth'],
          summary: '登录第二步：动态验证码或恢复码（错误次数与密码合并计算）',
          body: MfaLoginBody,
          response: { 200: SessionResponse, ...errorResponses(429) },
        },
      },
      async (request, reply) => {
        const { token } = await loginWithCode(deps, {
          challenge: request.body.challenge,
          code: request.body.code,
          ip: request.ip ?? null,
          userAgent: request.headers['user-agent'] ?? null,
        })
        return sessionAnswer(reply, token, request.ip ?? null)
      },
    )

    app.post(
      '/auth/logout',
      {
        config: { allowExpiredPassword: true, allowMfaPending: true },
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
        config: { allowExpiredPassword: true, allowMfaPending: true },
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
        config: { allowExpiredPassword: true, allowMfaPending: true },
        schema: { tags: ['auth'], summary: '当前账号', response: { 200: Me, ...errorResponses() } },
      },
      async (request) => getMe(ctxOf(deps, request)),
    )
  }
}
