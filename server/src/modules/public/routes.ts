import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Page } from '#contracts/common'
import { PublicAppeal, PublicAppealsQuery } from '#contracts/public'
import type { AppDeps } from '../../context'
import { errorResponses } from '../../http'
import { publicBoard } from '../appeals'

export function publicRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    app.get(
      '/public/appeals',
      {
        config: { public: true },
        schema: {
          tags: ['public'],
          summary: '晒单：已办结诉求（匿名，无需登录）',
          security: [],
          querystring: PublicAppealsQuery,
          response: { 200: Page(PublicAppeal), ...errorResponses() },
        },
      },
      async (request) => publicBoard(deps.database.db, request.query),
    )
  }
}
