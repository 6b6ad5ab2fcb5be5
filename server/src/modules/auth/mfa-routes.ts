/** 两步验证 of one's own account: its state, enrolment with a QR code, confirmation. */
import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { MfaConfirmBody, MfaEnabled, MfaEnrolment, MfaStatus } from '#contracts/auth'
import type { AppDeps } from '../../context'
import { ctxOf, errorResponses } from '../../http'
import { confirmMfaEnrolment, getMfaStatus, startMfaEnrolment } from './mfa'
import { getMe } from './me'
import { setSessionCookie } from './routes'

export function mfaRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['auth']
    // reachable by a session that may only enrol (not while a password change is due: that comes first)
    const config = { allowMfaPending: true }

    app.get(
      '/auth/mfa',
      { config, schema: { tags, summary: '本人的两步验证状态', response: { 200: MfaStatus, ...errorResponses(403) } } },
      async (request) => getMfaStatus(ctxOf(deps, request)),
    )
    app.post(
      '/auth/mfa/enrolment',
      {
        config,
        schema: { tags, summary: '开始绑定验证器：生成密钥、otpauth 地址与二维码（确认前不生效）', response: { 200: MfaEnrolment, ...errorResponses(403, 422) } },
      },
      async (request) => startMfaEnrolment(ctxOf(deps, request)),
    )
    app.post(
      '/auth/mfa/enrolment/confirm',
      {
        config,
        schema: {
          tags,
          summary: '输入验证器上的验证码完成绑定：返回新的会话与 10 个恢复码（只显示这一次）',
          body: MfaConfirmBody,
          response: { 200: MfaEnabled, ...errorResponses(403, 422) },
        },
      },
      async (request, reply) => {
        const ctx = ctxOf(deps, request)
        const { token, recoveryCodes } = await confirmMfaEnrolment(ctx, request.body.code, request.headers['user-agent'] ?? null)
        setSessionCookie(reply, token, deps.env.cookieSecure)
        return { token, recoveryCodes, user: await getMe(ctx) }
      },
    )
  }
}
