import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { LedgerMonthly, LedgerMonthlyQuery, LedgerOverview, LedgerOverviewQuery } from '#contracts/ledger-stats'
import type { AppDeps } from '../../context'
import { ctxOf, errorResponses } from '../../http'
import { getLedgerMonthly, getLedgerOverview } from './service'

export function ledgerStatsRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['ledger-stats']
    app.get(
      '/ledger-stats/monthly',
      {
        schema: {
          tags,
          summary: '台账月报表：人口、房屋、单位场所、特殊人群（按网格或社区分行，含合计；由台账生成，特殊人群只含可查看的类别）',
          querystring: LedgerMonthlyQuery,
          response: { 200: LedgerMonthly, ...errorResponses(403, 404, 422) },
        },
      },
      async (request) => getLedgerMonthly(ctxOf(deps, request), request.query),
    )
    app.get(
      '/ledger-stats/overview',
      {
        schema: {
          tags,
          summary: '六项台账总览：人口信息、房屋/出租房屋、单位场所、特殊人群、矛盾纠纷（本月）、走访（本月）',
          querystring: LedgerOverviewQuery,
          response: { 200: LedgerOverview, ...errorResponses(403, 404) },
        },
      },
      async (request) => getLedgerOverview(ctxOf(deps, request), request.query),
    )
  }
}
