import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { IdParams, Page } from '#contracts/common'
import { CreateRegistrationBody, ListRegistrationsQuery, Registration, RegistrationActionBody } from '#contracts/registrations'
import { ListUnitMembersQuery, UnitMember } from '#contracts/units'
import type { AppDeps } from '../../context'
import { ctxOf, errorResponses } from '../../http'
import { actOnRegistration, getRegistration, listRegistrationsForActor, listUnitMembers, submitRegistration } from './service'

export function registrationRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['registrations']
    app.post(
      '/registrations',
      {
        schema: {
          tags,
          summary: '在职党员到社区报到（双报到）；所选工作单位须已在本县社区确认报到，否则 422 UNIT_NOT_REGISTERED',
          body: CreateRegistrationBody,
          response: { 201: Registration, ...errorResponses(403, 409, 422) },
        },
      },
      async (request, reply) => reply.status(201).send(await submitRegistration(ctxOf(deps, request), request.body)),
    )
    app.get(
      '/registrations',
      {
        schema: {
          tags,
          summary: '报到记录（党员本人；社区、街道、县看辖区内）',
          querystring: ListRegistrationsQuery,
          response: { 200: Page(Registration), ...errorResponses(403, 404) },
        },
      },
      async (request) => listRegistrationsForActor(ctxOf(deps, request), request.query),
    )
    app.get(
      '/registrations/:id',
      { schema: { tags, summary: '报到记录详情，含时间线与可执行操作', params: IdParams, response: { 200: Registration, ...errorResponses(404) } } },
      async (request) => getRegistration(ctxOf(deps, request), Number(request.params.id)),
    )
    app.post(
      '/registrations/:id/actions',
      {
        schema: {
          tags,
          summary: '确认 confirm · 不予确认 decline（reason）· 转出 transfer（toCommunityCode）；409 版本过期 → 422 状态不允许 → 403 无权',
          params: IdParams,
          body: RegistrationActionBody,
          response: { 200: Registration, ...errorResponses(403, 404, 409, 422) },
        },
      },
      async (request) => actOnRegistration(ctxOf(deps, request), Number(request.params.id), request.body),
    )
    app.get(
      '/units/:id/members',
      {
        schema: {
          tags: ['units'],
          summary: '工作在单位、服务在社区：本单位在职党员的报到情况（单位账号看本单位全部；县、街道、社区看辖区内）',
          params: IdParams,
          querystring: ListUnitMembersQuery,
          response: { 200: Page(UnitMember), ...errorResponses(404) },
        },
      },
      async (request) => listUnitMembers(ctxOf(deps, request), Number(request.params.id), request.query),
    )
  }
}
