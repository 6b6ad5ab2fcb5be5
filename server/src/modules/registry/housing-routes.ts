/** Housing inside a community: compounds, buildings, units, households. */
import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { IdParams, Page } from '#contracts/common'
import {
  Building,
  Compound,
  CreateBuildingBody,
  CreateCompoundBody,
  CreateHouseholdBody,
  CreateUnitBody,
  Household,
  ListBuildingsQuery,
  ListCompoundsQuery,
  ListHouseholdsQuery,
  ListUnitsQuery,
  RemoveQuery,
  Removed,
  Unit,
  UpdateBuildingBody,
  UpdateCompoundBody,
  UpdateHouseholdBody,
  UpdateUnitBody,
} from '#contracts/registry'
import type { AppDeps } from '../../context'
import { ctxOf, errorResponses } from '../../http'
import {
  createBuilding,
  createCompound,
  createHousehold,
  createUnit,
  getBuilding,
  getCompound,
  getHousehold,
  listBuildings,
  listCompounds,
  listHouseholds,
  listUnits,
  removeBuilding,
  removeCompound,
  removeHousehold,
  removeUnit,
  updateBuilding,
  updateCompound,
  updateHousehold,
  updateUnit,
} from './housing'

export function housingRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['registry']
    app.get(
      '/registry/compounds',
      {
        schema: {
          tags,
          summary: '小区：社区（及其上级街道、县）维护；更换物业即修改 propertyCompanyId',
          querystring: ListCompoundsQuery,
          response: { 200: Page(Compound), ...errorResponses(403, 404) },
        },
      },
      async (request) => listCompounds(ctxOf(deps, request), request.query),
    )
    app.post(
      '/registry/compounds',
      { schema: { tags, summary: '登记小区', body: CreateCompoundBody, response: { 201: Compound, ...errorResponses(403, 404, 409, 422) } } },
      async (request, reply) => reply.status(201).send(await createCompound(ctxOf(deps, request), request.body)),
    )
    app.get(
      '/registry/compounds/:id',
      { schema: { tags, summary: '小区详情', params: IdParams, response: { 200: Compound, ...errorResponses(403, 404) } } },
      async (request) => getCompound(ctxOf(deps, request), Number(request.params.id)),
    )
    app.patch(
      '/registry/compounds/:id',
      {
        schema: {
          tags,
          summary: '修改小区（带上看到的 version；过期为 409）',
          params: IdParams,
          body: UpdateCompoundBody,
          response: { 200: Compound, ...errorResponses(403, 404, 409, 422) },
        },
      },
      async (request) => updateCompound(ctxOf(deps, request), Number(request.params.id), request.body),
    )
    app.delete(
      '/registry/compounds/:id',
      {
        schema: {
          tags,
          summary: '删除小区（?version=；仍被引用时 422）',
          params: IdParams,
          querystring: RemoveQuery,
          response: { 200: Removed, ...errorResponses(403, 404, 409, 422) },
        },
      },
      async (request) => removeCompound(ctxOf(deps, request), Number(request.params.id), request.query.version),
    )
    app.get(
      '/registry/buildings',
      {
        schema: {
          tags,
          summary: '楼栋：属于一个网格，可属于该社区的小区；有住户、诉求或楼栋党小组的不能删除（422）',
          querystring: ListBuildingsQuery,
          response: { 200: Page(Building), ...errorResponses(403, 404) },
        },
      },
      async (request) => listBuildings(ctxOf(deps, request), request.query),
    )
    app.post(
      '/registry/buildings',
      { schema: { tags, summary: '登记楼栋', body: CreateBuildingBody, response: { 201: Building, ...errorResponses(403, 404, 409, 422) } } },
      async (request, reply) => reply.status(201).send(await createBuilding(ctxOf(deps, request), request.body)),
    )
    app.get(
      '/registry/buildings/:id',
      { schema: { tags, summary: '楼栋详情', params: IdParams, response: { 200: Building, ...errorResponses(403, 404) } } },
      async (request) => getBuilding(ctxOf(deps, request), Number(request.params.id)),
    )
    app.patch(
      '/registry/buildings/:id',
      {
        schema: {
          tags,
          summary: '修改楼栋（带上看到的 version；过期为 409）',
          params: IdParams,
          body: UpdateBuildingBody,
          response: { 200: Building, ...errorResponses(403, 404, 409, 422) },
        },
      },
      async (request) => updateBuilding(ctxOf(deps, request), Number(request.params.id), request.body),
    )
    app.delete(
      '/registry/buildings/:id',
      {
        schema: {
          tags,
          summary: '删除楼栋（?version=；仍被引用时 422）',
          params: IdParams,
          querystring: RemoveQuery,
          response: { 200: Removed, ...errorResponses(403, 404, 409, 422) },
        },
      },
      async (request) => removeBuilding(ctxOf(deps, request), Number(request.params.id), request.query.version),
    )
    app.get(
      '/registry/units',
      {
        schema: {
          tags,
          summary: '单元：属于一个楼栋；有住户的不能删除（422）',
          querystring: ListUnitsQuery,
          response: { 200: Page(Unit), ...errorResponses(403, 404) },
        },
      },
      async (request) => listUnits(ctxOf(deps, request), request.query),
    )
    app.post(
      '/registry/units',
      { schema: { tags, summary: '登记单元', body: CreateUnitBody, response: { 201: Unit, ...errorResponses(403, 404, 409, 422) } } },
      async (request, reply) => reply.status(201).send(await createUnit(ctxOf(deps, request), request.body)),
    )
    app.patch(
      '/registry/units/:id',
      {
        schema: {
          tags,
          summary: '修改单元（带上看到的 version；过期为 409）',
          params: IdParams,
          body: UpdateUnitBody,
          response: { 200: Unit, ...errorResponses(403, 404, 409, 422) },
        },
      },
      async (request) => updateUnit(ctxOf(deps, request), Number(request.params.id), request.body),
    )
    app.delete(
      '/registry/units/:id',
      {
        schema: {
          tags,
          summary: '删除单元（?version=；仍被引用时 422）',
          params: IdParams,
          querystring: RemoveQuery,
          response: { 200: Removed, ...errorResponses(403, 404, 409, 422) },
        },
      },
      async (request) => removeUnit(ctxOf(deps, request), Number(request.params.id), request.query.version),
    )
    app.get(
      '/registry/households',
      {
        schema: {
          tags,
          summary: '住户（户）：楼栋里的户或网格内有地址的户；有居民、诉求或仍在十联户中的不能删除（422）',
          querystring: ListHouseholdsQuery,
          response: { 200: Page(Household), ...errorResponses(403, 404) },
        },
      },
      async (request) => listHouseholds(ctxOf(deps, request), request.query),
    )
    app.post(
      '/registry/households',
      { schema: { tags, summary: '登记住户', body: CreateHouseholdBody, response: { 201: Household, ...errorResponses(403, 404, 409, 422) } } },
      async (request, reply) => reply.status(201).send(await createHousehold(ctxOf(deps, request), request.body)),
    )
    app.get(
      '/registry/households/:id',
      { schema: { tags, summary: '住户详情', params: IdParams, response: { 200: Household, ...errorResponses(403, 404) } } },
      async (request) => getHousehold(ctxOf(deps, request), Number(request.params.id)),
    )
    app.patch(
      '/registry/households/:id',
      {
        schema: {
          tags,
          summary: '修改住户（带上看到的 version；过期为 409）',
          params: IdParams,
          body: UpdateHouseholdBody,
          response: { 200: Household, ...errorResponses(403, 404, 409, 422) },
        },
      },
      async (request) => updateHousehold(ctxOf(deps, request), Number(request.params.id), request.body),
    )
    app.delete(
      '/registry/households/:id',
      {
        schema: {
          tags,
          summary: '删除住户（?version=；仍被引用时 422）',
          params: IdParams,
          querystring: RemoveQuery,
          response: { 200: Removed, ...errorResponses(403, 404, 409, 422) },
        },
      },
      async (request) => removeHousehold(ctxOf(deps, request), Number(request.params.id), request.query.version),
    )
  }
}
