import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { IdParams, Page } from '#contracts/common'
import { SupervisionSummary } from '#contracts/appeals'
import { AnswerSupervisionBody, CloseSupervisionBody, ListSupervisionsQuery, SupervisionItem } from '#contracts/supervisions'
import type { AppDeps } from '../../context'
import { ctxOf, errorResponses } from '../../http'
import { closeSupervisionAsked } from './supervision-close'
import { answerSupervision, getSupervision, listSupervisionsForActor } from './supervision-service'

export function supervisionRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['supervisions']
    app.get(
      '/supervisions',
      { schema: { tags, summary: '督办单列表（按辖区）', querystring: ListSupervisionsQuery, response: { 200: Page(SupervisionItem), ...errorResponses(403) } } },
      async (request) => listSupervisionsForActor(ctxOf(deps, request), request.query),
    )
    app.get(
      '/supervisions/:id',
      { schema: { tags, summary: '督办单', params: IdParams, response: { 200: SupervisionItem, ...errorResponses(404) } } },
      async (request) => getSupervision(ctxOf(deps, request), Number(request.params.id)),
    )
    app.post(
      '/supervisions/:id/answer',
      {
        schema: { tags, summary: '回复督办（被督办方）', params: IdParams, body: AnswerSupervisionBody, response: { 200: SupervisionSummary, ...errorResponses(403, 404, 422) } },
      },
      async (request) => answerSupervision(ctxOf(deps, request), Number(request.params.id), request.body.answer),
    )
    app.post(
      '/supervisions/:id/close',
      {
        schema: { tags, summary: '办结督办单（督办方）', params: IdParams, body: CloseSupervisionBody, response: { 200: SupervisionSummary, ...errorResponses(403, 404, 422) } },
      },
      async (request) => closeSupervisionAsked(ctxOf(deps, request), Number(request.params.id), request.body),
    )
  }
}
