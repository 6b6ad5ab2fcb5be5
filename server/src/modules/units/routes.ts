import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { IdParams, Page } from '#contracts/common'
import {
  CreateUnitBody,
  CreateUnitRegistrationBody,
  ListUnitRegistrationsQuery,
  ListUnitsQuery,
  Unit,
  UnitRegistration,
  UnitRegistrationActionBody,
} from '#contracts/units'
import type { AppDeps } from '../../context'
import { ctxOf, errorResponses } from '../../http'
import {
  actOnUnitRegistration,
  createUnit,
  getUnit,
  getUnitRegistration,
  listUnitRegistrationsForActor,
  listUnitsForActor,
  submitUnitRegistration,
} from './service'

export function unitRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['units']
    app.post(
      '/units',
      { schema: { tags, summary: '登记报到单位（机关、企事业单位、新兴领域组织及其党组织）', body: CreateUnitBody, response: { 201: Unit, ...errorResponses(403, 409) } } },
      async (request, reply) => reply.status(201).send(await createUnit(ctxOf(deps, request), request.body)),
    )
    app.get(
      '/units',
      { schema: { tags, summary: '本县报到单位名录（registered=true 只列已确认报到的单位）', querystring: ListUnitsQuery, response: { 200: Page(Unit), ...errorResponses(403) } } },
      async (request) => listUnitsForActor(ctxOf(deps, request), request.query),
    )
    app.get(
      '/units/:id',
      { schema: { tags, summary: '报到单位详情（结对社区、在职党员人数）', params: IdParams, response: { 200: Unit, ...errorResponses(404) } } },
      async (request) => getUnit(ctxOf(deps, request), Number(request.params.id)),
    )
    app.post(
      '/unit-registrations',
      {
        schema: {
          tags,
          summary: '单位到社区报到，签订共驻共建协议（单位账号本人，或县、街道、社区代为登记）',
          body: CreateUnitRegistrationBody,
          response: { 201: UnitRegistration, ...errorResponses(403, 409, 422) },
        },
      },
      async (request, reply) => reply.status(201).send(await submitUnitRegistration(ctxOf(deps, request), request.body)),
    )
    app.get(
      '/unit-registrations',
      {
        schema: {
          tags,
          summary: '单位报到台账（单位看本单位；社区、街道、县看辖区内）',
          querystring: ListUnitRegistrationsQuery,
          response: { 200: Page(UnitRegistration), ...errorResponses(403, 404) },
        },
      },
      async (request) => listUnitRegistrationsForActor(ctxOf(deps, request), request.query),
    )
    app.get(
      '/unit-registrations/:id',
      { schema: { tags, summary: '单位报到详情，含协议、时间线与可执行操作', params: IdParams, response: { 200: UnitRegistration, ...errorResponses(404) } } },
      async (request) => getUnitRegistration(ctxOf(deps, request), Number(request.params.id)),
    )
    app.post(
      '/unit-registrations/:id/actions',
      {
        schema: {
          tags,
          summary: '确认 confirm · 不予确认 decline（reason）· 协议期满 end · 退出共建 withdraw（reason）；404 → 409 → 422 → 403 → 400',
          params: IdParams,
          body: UnitRegistrationActionBody,
          response: { 200: UnitRegistration, ...errorResponses(403, 404, 409, 422) },
        },
      },
      async (request) => actOnUnitRegistration(ctxOf(deps, request), Number(request.params.id), request.body),
    )
  }
}
