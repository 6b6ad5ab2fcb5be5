import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { CommunityMap, CommunityMapParams, GridProfile, GridProfileParams } from '#contracts/grid-maps'
import type { AppDeps } from '../../context'
import { ctxOf, errorResponses } from '../../http'
import { getCommunityMap, getGridProfile } from './service'

export function gridMapRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['places']
    app.get(
      '/maps/communities/:code',
      { schema: { tags, summary: '社区网格地图：各网格边界（GeoJSON）、未结诉求数，有真实坐标的诉求点', params: CommunityMapParams, response: { 200: CommunityMap, ...errorResponses(403, 404) } } },
      async (request) => getCommunityMap(ctxOf(deps, request), request.params.code),
    )
    app.get(
      '/grids/:code/profile',
      { schema: { tags, summary: '网格名片：编码、多网合一职能、网格长与网格员、党小组、十联户与联户长、户数、未结诉求', params: GridProfileParams, response: { 200: GridProfile, ...errorResponses(403, 404) } } },
      async (request) => getGridProfile(ctxOf(deps, request), request.params.code),
    )
  }
}
