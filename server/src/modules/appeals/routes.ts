import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { IdParams, Page } from '#contracts/common'
import { Appeal, AppealActionBody, AppealActionBodyDoc, CandidateList, CandidatesQuery, CreateAppealBody, IdempotencyHeaders, ListAppealsQuery, RevealedContact } from '#contracts/appeals'
import type { AppDeps } from '../../context'
import { ctxOf, errorResponses } from '../../http'
import { performAction } from './actions'
import { revealContact } from './contact'
import { createAppeal } from './create'
import { getAppealDetail, getCandidates, listAppealsForActor } from './service'


export function appealRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()

    app.post(
      '/appeals',
      {
        schema: {
          tags: ['appeals'],
          summary: '登记诉求（群众点单 / 网格上报 / 联户长上报 …），支持 Idempotency-Key',
          headers: IdempotencyHeaders,
          body: CreateAppealBody,
          response: { 201: Appeal, ...errorResponses(403, 409, 422) },
        },
      },
      async (request, reply) => {
        const result = await createAppeal(ctxOf(deps, request), request.body, request.headers['idempotency-key'])
        if (result.replayed) reply.header('idempotent-replayed', 'true')
        return reply.status(201).send(result.appeal)
      },
    )

    app.get(
      '/appeals',
      {
        schema: {
          tags: ['appeals'],
          summary: '诉求列表（按辖区过滤；view=todo 为待我处理；游标分页）',
          querystring: ListAppealsQuery,
          response: { 200: Page(Appeal), ...errorResponses(403, 422) },
        },
      },
      async (request) => listAppealsForActor(ctxOf(deps, request), request.query),
    )

    app.get(
      '/appeals/:id',
      {
        schema: {
          tags: ['appeals'],
          summary: '诉求详情，含时间线 events 与当前可执行操作 allowedActions',
          params: IdParams,
          response: { 200: Appeal, ...errorResponses(404) },
        },
      },
      async (request) => getAppealDetail(ctxOf(deps, request), Number(request.params.id)),
    )

    app.post(
      '/appeals/:id/actions',
      {
        config: { docBody: AppealActionBodyDoc },
        schema: {
          tags: ['appeals'],
          summary: '执行流程操作 {action, version, …}：409 版本过期 → 422 状态不允许 → 403 角色不允许',
          params: IdParams,
          body: AppealActionBody,
          response: { 200: Appeal, ...errorResponses(403, 404, 409, 422) },
        },
      },
      async (request) => {
        const ctx = ctxOf(deps, request)
        const id = await performAction(ctx, Number(request.params.id), request.body)
        return getAppealDetail(ctx, id, true)
      },
    )

    app.get(
      '/appeals/:id/candidates',
      {
        schema: {
          tags: ['appeals'],
          summary: '可分派对象 [{id, type, name}]',
          params: IdParams,
          querystring: CandidatesQuery,
          response: { 200: CandidateList, ...errorResponses(403, 404, 422) },
        },
      },
      async (request) => getCandidates(ctxOf(deps, request), Number(request.params.id), request.query.action),
    )

    app.post(
      '/appeals/:id/contact/reveal',
      {
        schema: {
          tags: ['appeals'],
          summary: '查看联系电话（当前承办人：承办单位、主办部门、核查的网格员；每个环节一次，记入审计）',
          params: IdParams,
          response: { 200: RevealedContact, ...errorResponses(403, 404, 422) },
        },
      },
      async (request) => revealContact(ctxOf(deps, request), Number(request.params.id)),
    )
  }
}

