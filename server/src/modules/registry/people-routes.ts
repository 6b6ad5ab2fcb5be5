/** Residents in their households, and 十联户 groups with their leaders. */
import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { IdParams, Page } from '#contracts/common'
import {
  CreateHouseholdGroupBody,
  CreateResidentBody,
  HouseholdGroup,
  ListHouseholdGroupsQuery,
  RegisteredResident,
  RemoveQuery,
  Removed,
  UpdateHouseholdGroupBody,
  UpdateResidentBody,
} from '#contracts/registry'
import type { AppDeps } from '../../context'
import { ctxOf, errorResponses } from '../../http'
import {
  createHouseholdGroup,
  createResident,
  getHouseholdGroup,
  getRegisteredResident,
  listHouseholdGroups,
  removeHouseholdGroup,
  updateHouseholdGroup,
  updateResident,
} from './people'

export function peopleRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['registry']
    app.post(
      '/registry/residents',
      { schema: { tags, summary: '登记居民', body: CreateResidentBody, response: { 201: RegisteredResident, ...errorResponses(403, 404, 409, 422) } } },
      async (request, reply) => reply.status(201).send(await createResident(ctxOf(deps, request), request.body)),
    )
    app.get(
      '/registry/residents/:id',
      { schema: { tags, summary: '居民详情', params: IdParams, response: { 200: RegisteredResident, ...errorResponses(403, 404) } } },
      async (request) => getRegisteredResident(ctxOf(deps, request), Number(request.params.id)),
    )
    app.patch(
      '/registry/residents/:id',
      {
        schema: {
          tags,
          summary: '修改居民（带上看到的 version；过期为 409）',
          params: IdParams,
          body: UpdateResidentBody,
          response: { 200: RegisteredResident, ...errorResponses(403, 404, 409, 422) },
        },
      },
      async (request) => updateResident(ctxOf(deps, request), Number(request.params.id), request.body),
    )
    app.get(
      '/registry/household-groups',
      {
        schema: {
          tags,
          summary: '十联户：同一网格约十户，联户长为本组某户居民；调整住户或联户长均留审计；联户长账号由安全管理员创建（角色 householdLeader，关联该居民）',
          querystring: ListHouseholdGroupsQuery,
          response: { 200: Page(HouseholdGroup), ...errorResponses(403, 404) },
        },
      },
      async (request) => listHouseholdGroups(ctxOf(deps, request), request.query),
    )
    app.post(
      '/registry/household-groups',
      { schema: { tags, summary: '登记十联户', body: CreateHouseholdGroupBody, response: { 201: HouseholdGroup, ...errorResponses(403, 404, 409, 422) } } },
      async (request, reply) => reply.status(201).send(await createHouseholdGroup(ctxOf(deps, request), request.body)),
    )
    app.get(
      '/registry/household-groups/:id',
      { schema: { tags, summary: '十联户详情', params: IdParams, response: { 200: HouseholdGroup, ...errorResponses(403, 404) } } },
      async (request) => getHouseholdGroup(ctxOf(deps, request), Number(request.params.id)),
    )
    app.patch(
      '/registry/household-groups/:id',
      {
        schema: {
          tags,
          summary: '修改十联户（带上看到的 version；过期为 409）',
          params: IdParams,
          body: UpdateHouseholdGroupBody,
          response: { 200: HouseholdGroup, ...errorResponses(403, 404, 409, 422) },
        },
      },
      async (request) => updateHouseholdGroup(ctxOf(deps, request), Number(request.params.id), request.body),
    )
    app.delete(
      '/registry/household-groups/:id',
      {
        schema: {
          tags,
          summary: '删除十联户（?version=；仍被引用时 422）',
          params: IdParams,
          querystring: RemoveQuery,
          response: { 200: Removed, ...errorResponses(403, 404, 409, 422) },
        },
      },
      async (request) => removeHouseholdGroup(ctxOf(deps, request), Number(request.params.id), request.query.version),
    )
  }
}
