import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Page } from '#contracts/common'
import { AuditLogEntry, ListAuditQuery } from '#contracts/users'
import type { AppDeps } from '../../context'
import { ctxOf, errorResponses } from '../../http'
import { readAuditLog } from './read'

export function auditRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    app.get(
      '/audit-logs',
      {
        schema: {
          tags: ['audit'],
          summary: '审计日志（仅审计管理员可读）',
          querystring: ListAuditQuery,
          response: { 200: Page(AuditLogEntry), ...errorResponses(403) },
        },
      },
      async (request) => readAuditLog(ctxOf(deps, request), request.query),
    )
  }
}
