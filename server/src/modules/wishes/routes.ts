import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { IdParams, Page } from '#contracts/common'
import { CreateWishBody, ListWishesQuery, PublicWish, PublicWishesQuery, Wish, WishActionBody } from '#contracts/wishes'
import type { AppDeps } from '../../context'
import { ctxOf, errorResponses } from '../../http'
import { publicWishWall, WALL_CACHE_MS } from './public-wall'
import { actOnWish, getWish, listWishesForActor, publishWish } from './service'

export function wishRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['wishes']
    app.post(
      '/wishes',
      { schema: { tags, summary: '发布微心愿（社区）', body: CreateWishBody, response: { 201: Wish, ...errorResponses(403) } } },
      async (request, reply) => reply.status(201).send(await publishWish(ctxOf(deps, request), request.body)),
    )
    app.get(
      '/wishes',
      { schema: { tags, summary: '微心愿（社区看辖区内；党员看本社区的，mine=true 看我认领的；居民看自己的）', querystring: ListWishesQuery, response: { 200: Page(Wish), ...errorResponses(403, 404) } } },
      async (request) => listWishesForActor(ctxOf(deps, request), request.query),
    )
    app.get(
      '/wishes/:id',
      { schema: { tags, summary: '心愿详情，含时间线与可执行操作', params: IdParams, response: { 200: Wish, ...errorResponses(404) } } },
      async (request) => getWish(ctxOf(deps, request), Number(request.params.id)),
    )
    app.post(
      '/wishes/:id/actions',
      {
        schema: {
          tags,
          summary: '认领 claim（先到先得，其余 409）· 放弃 release · 完成 fulfil（photoIds）· 答谢 thank（rating 1–5）· 撤销 cancel（reason）',
          params: IdParams,
          body: WishActionBody,
          response: { 200: Wish, ...errorResponses(403, 404, 409, 422) },
        },
      },
      async (request) => actOnWish(ctxOf(deps, request), Number(request.params.id), request.body),
    )
    app.get(
      '/public/wishes',
      {
        config: { public: true },
        schema: {
          tags: ['public'],
          summary: '心愿墙：社区的微心愿（无需登录；只显示遮挡后的姓名、类别和网格）',
          security: [],
          querystring: PublicWishesQuery,
          response: { 200: Page(PublicWish), ...errorResponses() },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', `public, max-age=${WALL_CACHE_MS / 1000}`)
        return publicWishWall(deps, request.query)
      },
    )
  }
}
