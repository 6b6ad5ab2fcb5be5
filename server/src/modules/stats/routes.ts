import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { BreakdownQuery, ChildrenStatsQuery, OverviewQuery, StatsBreakdown, StatsChildren, StatsOverview } from '#contracts/stats'
import type { AppDeps } from '../../context'
import { ctxOf, errorResponses } from '../../http'
import { PartyStats, PartyStatsQuery } from '#contracts/party-stats'
import { getBreakdown } from './breakdown'
import { getPartyStats } from './party'
import { getChildren, getOverview } from './service'

export function statsRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['stats']
    app.get(
      '/stats/overview',
      {
        schema: {
          tags,
          summary: '统计总览：响应率、解决率、满意率、超期、解决层级（place 或 department；from 含、to 不含）',
          querystring: OverviewQuery,
          response: { 200: StatsOverview, ...errorResponses(403, 404, 422) },
        },
      },
      async (request) => getOverview(ctxOf(deps, request), request.query),
    )
    app.get(
      '/stats/children',
      {
        schema: {
          tags,
          summary: '下级地点的同口径统计，最差在前（排队抓尾）',
          querystring: ChildrenStatsQuery,
          response: { 200: StatsChildren, ...errorResponses(403, 404, 422) },
        },
      },
      async (request) => getChildren(ctxOf(deps, request), request.query),
    )
    app.get(
      '/stats/breakdown',
      {
        schema: {
          tags,
          summary: '按大类或渠道的同口径统计（与统计总览同一套计数）',
          querystring: BreakdownQuery,
          response: { 200: StatsBreakdown, ...errorResponses(403, 404, 422) },
        },
      },
      async (request) => getBreakdown(ctxOf(deps, request), request.query),
    )
    app.get(
      '/stats/party',
      {
        schema: {
          tags,
          summary: '党建引领：报到单位与在职党员、包保覆盖、三张清单、微心愿、志愿服务人次与时长、积分（由办理记录生成；下级社区或网格分列）',
          querystring: PartyStatsQuery,
          response: { 200: PartyStats, ...errorResponses(403, 404, 422) },
        },
      },
      async (request) => getPartyStats(ctxOf(deps, request), request.query),
    )
  }
}
