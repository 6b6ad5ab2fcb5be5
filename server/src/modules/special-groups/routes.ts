import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { IdParams, Page } from '#contracts/common'
import {
  CreateSpecialGroupBody,
  EndSpecialGroupBody,
  ListSpecialGroupsQuery,
  SpecialGroup,
  SpecialGroupAbilities,
  SpecialGroupCounts,
  SpecialGroupCountsQuery,
  UpdateSpecialGroupBody,
} from '#contracts/special-groups'
import type { AppDeps } from '../../context'
import { ctxOf, errorResponses } from '../../http'
import {
  countSpecialGroupsForActor,
  createSpecialGroup,
  endSpecialGroup,
  getSpecialGroup,
  getSpecialGroupFull,
  listSpecialGroupsForActor,
  specialGroupAbilities,
  updateSpecialGroup,
} from './service'

export function specialGroupRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['special-groups']
    app.get(
      '/special-groups',
      {
        schema: {
          tags,
          summary: '特殊人群（只含本角色可见的类别，辖区内；脱敏；每次查询留审计记录）',
          querystring: ListSpecialGroupsQuery,
          response: { 200: Page(SpecialGroup), ...errorResponses(400, 403, 404) },
        },
      },
      async (request) => listSpecialGroupsForActor(ctxOf(deps, request), request.query),
    )
    app.get(
      '/special-groups/counts',
      {
        schema: {
          tags,
          summary: '各类别在册人数（只含本角色可见的类别）',
          querystring: SpecialGroupCountsQuery,
          response: { 200: SpecialGroupCounts, ...errorResponses(403, 404) },
        },
      },
      async (request) => countSpecialGroupsForActor(ctxOf(deps, request), request.query),
    )
    app.get(
      '/special-groups/abilities',
      { schema: { tags, summary: '本角色可查看、可登记、可查看完整信息的类别', response: { 200: SpecialGroupAbilities } } },
      async (request) => specialGroupAbilities(ctxOf(deps, request)),
    )
    app.post(
      '/special-groups',
      {
        schema: {
          tags,
          summary: '登记特殊人群：辖区内居民、本角色可登记的类别，含该类别的专项信息；同一人同类只能有一条在册记录（409）',
          body: CreateSpecialGroupBody,
          response: { 201: SpecialGroup, ...errorResponses(400, 403, 409, 422) },
        },
      },
      async (request, reply) => reply.status(201).send(await createSpecialGroup(ctxOf(deps, request), request.body)),
    )
    app.get(
      '/special-groups/:id',
      { schema: { tags, summary: '特殊人群记录（脱敏，留审计记录）；不可见的类别为 404', params: IdParams, response: { 200: SpecialGroup, ...errorResponses(404) } } },
      async (request) => getSpecialGroup(ctxOf(deps, request), Number(request.params.id)),
    )
    app.get(
      '/special-groups/:id/full',
      {
        schema: {
          tags,
          summary: '查看完整信息（不脱敏）：仅该类别的经办角色，留审计记录',
          params: IdParams,
          response: { 200: SpecialGroup, ...errorResponses(403, 404) },
        },
      },
      async (request) => getSpecialGroupFull(ctxOf(deps, request), Number(request.params.id)),
    )
    app.patch(
      '/special-groups/:id',
      {
        schema: {
          tags,
          summary: '修改等级、专项信息、起始日期、备注（version；404 → 409 → 422 → 403 → 400）',
          params: IdParams,
          body: UpdateSpecialGroupBody,
          response: { 200: SpecialGroup, ...errorResponses(400, 403, 404, 409, 422) },
        },
      },
      async (request) => updateSpecialGroup(ctxOf(deps, request), Number(request.params.id), request.body),
    )
    app.post(
      '/special-groups/:id/end',
      {
        schema: {
          tags,
          summary: '解除（记录保留）：解除日期与原因',
          params: IdParams,
          body: EndSpecialGroupBody,
          response: { 200: SpecialGroup, ...errorResponses(400, 403, 404, 409, 422) },
        },
      },
      async (request) => endSpecialGroup(ctxOf(deps, request), Number(request.params.id), request.body),
    )
  }
}
