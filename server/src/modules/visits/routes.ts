import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { IdParams } from '#contracts/common'
import {
  Campaign,
  CampaignList,
  CloseCampaignBody,
  CreateCampaignBody,
  DueList,
  DueListQuery,
  ListCampaignsQuery,
  ListVisitsQuery,
  PutVisitRuleBody,
  RecordVisitBody,
  RegisterUpdateOptions,
  RegisterUpdatesQuery,
  Visit,
  VisitCoverage,
  VisitCoverageQuery,
  VisitPage,
  VisitRuleParams,
  VisitRules,
  VisitSubject,
  VisitSubjectParams,
} from '#contracts/visits'
import type { AppDeps } from '../../context'
import type { RegisterUpdateRegistry } from '../../core/register-updates'
import { ctxOf, errorResponses } from '../../http'
import { authorize } from '../../permissions'
import { closeCampaign, createCampaign, getCampaign, listCampaignsForActor } from './campaigns'
import { visitCoverage } from './coverage'
import { dueList } from './due'
import { listVisitsForActor } from './history'
import { getVisitSubject, listRegisterUpdates, recordVisit } from './record'
import { getVisitRules, putVisitRule } from './rules'

/** 走访: rules, lists, visits, campaigns, coverage. `updates`: what a visit may change in the registers (app.ts lists them). */
export function visitRoutes(deps: AppDeps, updates: RegisterUpdateRegistry): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['visits']
    app.get('/visits/rules', { schema: { tags, summary: '本县走访频次（按对象类别）', response: { 200: VisitRules, ...errorResponses(403) } } }, async (request) =>
      getVisitRules(ctxOf(deps, request)),
    )
    app.put(
      '/visits/rules/:subjectKind',
      { schema: { tags, summary: '设置一类对象的走访频次（县级账号；留痕）', params: VisitRuleParams, body: PutVisitRuleBody, response: { 200: VisitRules, ...errorResponses(403) } } },
      async (request) => putVisitRule(ctxOf(deps, request), request.params.subjectKind, request.body),
    )
    app.get(
      '/visits/due',
      {
        schema: {
          tags,
          summary: '走访清单：按频次从台账生成，逾期在前；campaignId 为敲门行动的未访对象',
          querystring: DueListQuery,
          response: { 200: DueList, ...errorResponses(403, 404) },
        },
      },
      async (request) => dueList(ctxOf(deps, request), request.query),
    )
    app.get(
      '/visits/register-updates',
      { schema: { tags, summary: '走访时可登记的台账变更类型', querystring: RegisterUpdatesQuery, response: { 200: RegisterUpdateOptions, ...errorResponses(403) } } },
      async (request) => {
        authorize(ctxOf(deps, request).actor, 'visit.read')
        return listRegisterUpdates(updates, request.query.subjectType)
      },
    )
    app.get(
      '/visits/subjects/:subjectType/:subjectId',
      { schema: { tags, summary: '走访对象：表单抬头与本户成员', params: VisitSubjectParams, response: { 200: VisitSubject, ...errorResponses(403, 404) } } },
      async (request) => getVisitSubject(ctxOf(deps, request), request.params.subjectType, Number(request.params.subjectId)),
    )
    app.post(
      '/visits',
      {
        schema: {
          tags,
          summary: '记录一次走访（一屏）：发现问题可一并转为诉求、登记需求，并登记台账变更——同一事务，拒绝时不写任何内容',
          body: RecordVisitBody,
          response: { 201: Visit, ...errorResponses(400, 403, 404, 422) },
        },
      },
      async (request, reply) => reply.status(201).send(await recordVisit(ctxOf(deps, request), request.body, updates)),
    )
    app.get(
      '/visits',
      { schema: { tags, summary: '走访记录（按人员、住户、网格或行动；辖区内）', querystring: ListVisitsQuery, response: { 200: VisitPage, ...errorResponses(403, 404) } } },
      async (request) => listVisitsForActor(ctxOf(deps, request), request.query),
    )
    app.post(
      '/visits/campaigns',
      { schema: { tags, summary: '发起敲门行动（县级或街道）', body: CreateCampaignBody, response: { 201: Campaign, ...errorResponses(400, 403, 422) } } },
      async (request, reply) => reply.status(201).send(await createCampaign(ctxOf(deps, request), request.body)),
    )
    app.get(
      '/visits/campaigns',
      { schema: { tags, summary: '敲门行动（覆盖本辖区的）及进度', querystring: ListCampaignsQuery, response: { 200: CampaignList, ...errorResponses(403) } } },
      async (request) => listCampaignsForActor(ctxOf(deps, request), request.query),
    )
    app.get(
      '/visits/campaigns/:id',
      { schema: { tags, summary: '敲门行动详情：各网格实时进度', params: IdParams, response: { 200: Campaign, ...errorResponses(404) } } },
      async (request) => getCampaign(ctxOf(deps, request), Number(request.params.id)),
    )
    app.post(
      '/visits/campaigns/:id/close',
      { schema: { tags, summary: '结束敲门行动（发起的县或街道）', params: IdParams, body: CloseCampaignBody, response: { 200: Campaign, ...errorResponses(403, 404, 409, 422) } } },
      async (request) => closeCampaign(ctxOf(deps, request), Number(request.params.id), request.body),
    )
    app.get(
      '/visits/coverage',
      { schema: { tags, summary: '走访覆盖：各网格、社区应访、按时走访、逾期与覆盖率', querystring: VisitCoverageQuery, response: { 200: VisitCoverage, ...errorResponses(403, 404) } } },
      async (request) => visitCoverage(ctxOf(deps, request), request.query),
    )
  }
}
