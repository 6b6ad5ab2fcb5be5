import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { IdParams, Page } from '#contracts/common'
import {
  CreateNeedBody,
  CreateProjectBody,
  CreateResourceBody,
  ListNeedsQuery,
  ListProjectsQuery,
  ListResourcesQuery,
  Need,
  NeedActionBody,
  Project,
  ProjectActionBody,
  QuarterlyReview,
  QuarterlyReviewQuery,
  Resource,
  ResourceActionBody,
} from '#contracts/lists'
import type { AppDeps } from '../../context'
import { ctxOf, errorResponses } from '../../http'
import { actOnNeed, getNeed, listNeedsForActor, raiseNeed } from './needs'
import { actOnProject, createProject, getProject, listProjectsForActor } from './projects'
import { actOnResource, getResource, listResourcesForActor, offerResource } from './resources'
import { quarterlyReview } from './review'

export function listsRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['lists']
    // ---- 需求清单
    app.post(
      '/needs',
      { schema: { tags, summary: '登记需求（居民、网格员、社区；带 appealId 时由诉求转入）', body: CreateNeedBody, response: { 201: Need, ...errorResponses(403, 404, 409) } } },
      async (request, reply) => reply.status(201).send(await raiseNeed(ctxOf(deps, request), request.body)),
    )
    app.get(
      '/needs',
      { schema: { tags, summary: '需求清单（辖区内；居民看自己登记的）', querystring: ListNeedsQuery, response: { 200: Page(Need), ...errorResponses(403, 404) } } },
      async (request) => listNeedsForActor(ctxOf(deps, request), request.query),
    )
    app.get(
      '/needs/:id',
      { schema: { tags, summary: '需求详情，含时间线与可执行操作', params: IdParams, response: { 200: Need, ...errorResponses(404) } } },
      async (request) => getNeed(ctxOf(deps, request), Number(request.params.id)),
    )
    app.post(
      '/needs/:id/actions',
      { schema: { tags, summary: '关闭需求 close（reason）', params: IdParams, body: NeedActionBody, response: { 200: Need, ...errorResponses(403, 404, 409, 422) } } },
      async (request) => actOnNeed(ctxOf(deps, request), Number(request.params.id), request.body),
    )
    // ---- 资源清单
    app.post(
      '/resources',
      { schema: { tags, summary: '登记资源（部门登记本部门的；社区登记本社区的或代部门登记）', body: CreateResourceBody, response: { 201: Resource, ...errorResponses(403) } } },
      async (request, reply) => reply.status(201).send(await offerResource(ctxOf(deps, request), request.body)),
    )
    app.get(
      '/resources',
      { schema: { tags, summary: '资源清单', querystring: ListResourcesQuery, response: { 200: Page(Resource), ...errorResponses(403, 404) } } },
      async (request) => listResourcesForActor(ctxOf(deps, request), request.query),
    )
    app.get(
      '/resources/:id',
      { schema: { tags, summary: '资源详情', params: IdParams, response: { 200: Resource, ...errorResponses(404) } } },
      async (request) => getResource(ctxOf(deps, request), Number(request.params.id)),
    )
    app.post(
      '/resources/:id/actions',
      { schema: { tags, summary: '撤回资源 withdraw', params: IdParams, body: ResourceActionBody, response: { 200: Resource, ...errorResponses(403, 404, 409, 422) } } },
      async (request) => actOnResource(ctxOf(deps, request), Number(request.params.id), request.body),
    )
    // ---- 项目清单
    app.post(
      '/projects',
      { schema: { tags, summary: '发布项目（社区；关联待立项的需求和可提供的资源）', body: CreateProjectBody, response: { 201: Project, ...errorResponses(403, 409, 422) } } },
      async (request, reply) => reply.status(201).send(await createProject(ctxOf(deps, request), request.body)),
    )
    app.get(
      '/projects',
      { schema: { tags, summary: '项目清单（部门：本县待认领的和本部门认领的）', querystring: ListProjectsQuery, response: { 200: Page(Project), ...errorResponses(403, 404) } } },
      async (request) => listProjectsForActor(ctxOf(deps, request), request.query),
    )
    app.get(
      '/projects/review',
      { schema: { tags, summary: '季度梳理：待立项需求、待认领项目、超期项目及计数', querystring: QuarterlyReviewQuery, response: { 200: QuarterlyReview, ...errorResponses(404) } } },
      async (request) => quarterlyReview(ctxOf(deps, request), request.query),
    )
    app.get(
      '/projects/:id',
      { schema: { tags, summary: '项目详情，含时间线与可执行操作', params: IdParams, response: { 200: Project, ...errorResponses(404) } } },
      async (request) => getProject(ctxOf(deps, request), Number(request.params.id)),
    )
    app.post(
      '/projects/:id/actions',
      {
        schema: {
          tags,
          summary: '认领 claim · 放弃 release · 开始 start（owner, deadline）· 进展 progress（note）· 完成 complete（summary, photoIds）· 验收 accept · 退回 returnForWork · 撤销 cancel；两家同时认领：一家成功，另一家 409',
          params: IdParams,
          body: ProjectActionBody,
          response: { 200: Project, ...errorResponses(400, 403, 404, 409, 422) },
        },
      },
      async (request) => actOnProject(ctxOf(deps, request), Number(request.params.id), request.body),
    )
  }
}
