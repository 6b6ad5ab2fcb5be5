import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { IdParams } from '#contracts/common'
import { UrgeResult } from '#contracts/urges'
import type { AppDeps } from '../../context'
import { ctxOf, errorResponses } from '../../http'
import { urgeAppeal } from './service'

export function urgeRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    app.post(
      '/appeals/:id/urge',
      {
        schema: {
          tags: ['appeals'],
          summary: '催办：居民本人对已超时限的环节催办（每天一次），通知当前办理方',
          params: IdParams,
          response: { 200: UrgeResult, ...errorResponses(403, 404, 422, 429) },
        },
      },
      async (request) => urgeAppeal(ctxOf(deps, request), Number(request.params.id)),
    )
  }
}
