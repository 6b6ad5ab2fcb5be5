import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { IdParams, Page } from '#contracts/common'
import { CreateUserBody, ListUsersQuery, ResetPasswordBody, User } from '#contracts/users'
import type { AppDeps } from '../../context'
import { ctxOf, errorResponses } from '../../http'
import { createUser, listUsersForAdmin, resetUserMfa, resetUserPassword, setUserDisabled, unlockUser } from './service'

export function userRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['users']
    app.get(
      '/users',
      { schema: { tags, summary: '账号列表（安全管理员）', querystring: ListUsersQuery, response: { 200: Page(User), ...errorResponses(403) } } },
      async (request) => listUsersForAdmin(ctxOf(deps, request), request.query),
    )
    app.post(
      '/users',
      { schema: { tags, summary: '新建账号（安全管理员）', body: CreateUserBody, response: { 201: User, ...errorResponses(403, 409, 422) } } },
      async (request, reply) => reply.status(201).send(await createUser(ctxOf(deps, request), request.body)),
    )
    app.post(
      '/users/:id/unlock',
      { schema: { tags, summary: '解除锁定（安全管理员）', params: IdParams, response: { 200: User, ...errorResponses(403, 404) } } },
      async (request) => unlockUser(ctxOf(deps, request), Number(request.params.id)),
    )
    app.post(
      '/users/:id/disable',
      { schema: { tags, summary: '停用账号（安全管理员）', params: IdParams, response: { 200: User, ...errorResponses(403, 404, 422) } } },
      async (request) => setUserDisabled(ctxOf(deps, request), Number(request.params.id), true),
    )
    app.post(
      '/users/:id/enable',
      { schema: { tags, summary: '启用账号（安全管理员）', params: IdParams, response: { 200: User, ...errorResponses(403, 404, 422) } } },
      async (request) => setUserDisabled(ctxOf(deps, request), Number(request.params.id), false),
    )
    app.post(
      '/users/:id/reset-password',
      {
        schema: {
          tags,
          summary: '重置密码（安全管理员；用户下次登录须修改）',
          params: IdParams,
          body: ResetPasswordBody,
          response: { 200: User, ...errorResponses(403, 404, 422) },
        },
      },
      async (request) => resetUserPassword(ctxOf(deps, request), Number(request.params.id), request.body.password),
    )
    app.post(
      '/users/:id/mfa/reset',
      {
        schema: {
          tags,
          summary: '重置两步验证（安全管理员；该账号的验证器与恢复码作废、会话退出，下次登录重新绑定）',
          params: IdParams,
          response: { 200: User, ...errorResponses(403, 404, 422) },
        },
      },
      async (request) => resetUserMfa(ctxOf(deps, request), Number(request.params.id)),
    )
  }
}
