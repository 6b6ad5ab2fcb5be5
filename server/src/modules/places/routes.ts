import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import {
  ChildrenQuery,
  CommunityParams,
  CreateGridBody,
  GridParams,
  PartyOrgTree,
  Place,
  PlaceParams,
  PlaceChildren,
  RetireGridBody,
} from '#contracts/places'
import type { AppDeps } from '../../context'
import { ctxOf, errorResponses } from '../../http'
import { createGrid, getPartyOrgTree, getPlace, getPlaceChildren, retireGrid } from './service'

export function placeRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    app.get(
      '/places/:code',
      {
        schema: {
          tags: ['places'],
          summary: '地点（县/街道/社区/网格）；网格带铁三角 team：网格党小组、网格长与网格员、联户长',
          params: PlaceParams,
          response: { 200: Place, ...errorResponses(404) },
        },
      },
      async (request) => getPlace(ctxOf(deps, request), request.params.code),
    )
    app.get(
      '/places/:code/children',
      {
        schema: {
          tags: ['places'],
          summary: '下级地点（社区的下级是网格）',
          params: PlaceParams,
          querystring: ChildrenQuery,
          response: { 200: PlaceChildren, ...errorResponses(404) },
        },
      },
      async (request) => getPlaceChildren(ctxOf(deps, request), request.params.code, request.query.includeRetired ?? false),
    )
    app.get(
      '/places/:code/party-orgs',
      {
        schema: {
          tags: ['places'],
          summary: '以该地点为根的党组织树（先序排列，parentId 指向上级）',
          params: PlaceParams,
          response: { 200: PartyOrgTree, ...errorResponses(404) },
        },
      },
      async (request) => getPartyOrgTree(ctxOf(deps, request), request.params.code),
    )
    app.post(
      '/places/:code/grids',
      {
        schema: {
          tags: ['places'],
          summary: '新建网格（系统管理员）：编码 = 社区代码 + 3 位序号，撤销的编码不再使用',
          params: CommunityParams,
          body: CreateGridBody,
          response: { 201: Place, ...errorResponses(403, 404, 422) },
        },
      },
      async (request, reply) => reply.status(201).send(await createGrid(ctxOf(deps, request), request.params.code, request.body)),
    )
    app.post(
      '/grids/:code/retire',
      {
        schema: {
          tags: ['places'],
          summary: '撤销网格（系统管理员）',
          params: GridParams,
          body: RetireGridBody,
          response: { 200: Place, ...errorResponses(403, 404, 422) },
        },
      },
      async (request) => retireGrid(ctxOf(deps, request), request.params.code, request.body.reason),
    )
  }
}
