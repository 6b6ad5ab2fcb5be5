import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { BreakdownQuery, StatsBreakdown } from '#contracts/stats'
import type { AppDeps } from '../../context'
import { ctxOf, errorResponses } from '../../http'
import { getBreakdown } from './service'

export function statsBreakdownRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    app.get(
      '/stats/breakdown',
      {
        schema: {
          tags: ['stats'],
          summary: '按大类或渠道的同口径统计（与统计总览同一套计数）',
          querystring: BreakdownQuery,
          response: { 200: StatsBreakdown, ...errorResponses(403, 404, 422) },
        },
      },
      async (request) => getBreakdown(ctxOf(deps, request), request.query),
    )
  }
}
