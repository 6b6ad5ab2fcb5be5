import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { IdParams, Page } from '#contracts/common'
import { ListResidentsQuery, Resident, RevealBody, RevealResponse } from '#contracts/residents'
import type { AppDeps } from '../../context'
import { ctxOf, errorResponses } from '../../http'
import { getResident, listResidentsInScope, revealResidentField } from './service'

export function residentRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    app.get(
      '/residents',
      {
        schema: {
          tags: ['residents'],
          summary: '辖区居民（脱敏）；手机号、身份证号可精确查找',
          querystring: ListResidentsQuery,
          response: { 200: Page(Resident), ...errorResponses(403, 404) },
        },
      },
      async (request) => listResidentsInScope(ctxOf(deps, request), request.query),
    )
    app.get(
      '/residents/:id',
      {
        schema: { tags: ['residents'], summary: '居民（脱敏）', params: IdParams, response: { 200: Resident, ...errorResponses(404) } },
      },
      async (request) => getResident(ctxOf(deps, request), Number(request.params.id)),
    )
    // a POST: a link on another site must not make a staff browser perform an audited reveal
    app.post(
      '/residents/:id/reveal',
      {
        schema: {
          tags: ['residents'],
          summary: '查看一项完整个人信息（网格员、网格长、社区；留审计记录）',
          params: IdParams,
          body: RevealBody,
          response: { 200: RevealResponse, ...errorResponses(403, 404) },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store')
        return revealResidentField(ctxOf(deps, request), Number(request.params.id), request.body.field)
      },
    )
  }
}
