import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { IdParams, Page } from '#contracts/common'
import {
  BuildingNotice,
  BuildingPledgeMap,
  BuildingsQuery,
  Coverage,
  CoverageQuery,
  CreatedPledges,
  CreatePledgesBody,
  ListPledgesQuery,
  MyPledges,
  NoticeContact,
  NoticeContactBody,
  Pledge,
  PledgeActionBody,
  PledgeBuildings,
  PledgeVisit,
  RecordVisitBody,
} from '#contracts/pledges'
import type { AppDeps } from '../../context'
import { ctxOf, errorResponses } from '../../http'
import { getBuildingMap, getCoverage, listPledgeBuildings } from './coverage'
import { getBuildingNotice } from './notice'
import { actOnPledge, createPledges, getMyPledges, getPledge, listPledgesForActor, setMyNoticeContact } from './service'
import { recordPledgeVisit } from './visit'

export function pledgeRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['pledges']
    app.post(
      '/pledges',
      {
        schema: {
          tags,
          summary: '认领包保户（党员本人）或分配包保户（社区、网格；partyMemberId）：全部成功或全部不写；每人最多 8 户，一户一名党员',
          body: CreatePledgesBody,
          response: { 201: CreatedPledges, ...errorResponses(403, 404, 409, 422) },
        },
      },
      async (request, reply) => reply.status(201).send(await createPledges(ctxOf(deps, request), request.body)),
    )
    app.get(
      '/pledges',
      { schema: { tags, summary: '包保记录（党员本人；社区、街道、县、网格看辖区内）', querystring: ListPledgesQuery, response: { 200: Page(Pledge), ...errorResponses(403, 404) } } },
      async (request) => listPledgesForActor(ctxOf(deps, request), request.query),
    )
    app.get(
      '/pledges/mine',
      { schema: { tags, summary: '我的包保户（党员）', response: { 200: MyPledges, ...errorResponses(403) } } },
      async (request) => getMyPledges(ctxOf(deps, request)),
    )
    app.put(
      '/pledges/mine/contact',
      { schema: { tags, summary: '楼栋公示用的联系电话，以及是否同意公示完整号码', body: NoticeContactBody, response: { 200: NoticeContact, ...errorResponses(403) } } },
      async (request) => setMyNoticeContact(ctxOf(deps, request), request.body),
    )
    app.get(
      '/pledges/coverage',
      { schema: { tags, summary: '包保覆盖：无人包保的住户、每名党员包保户数（少于 5 户为未达标）', querystring: CoverageQuery, response: { 200: Coverage, ...errorResponses(403, 404) } } },
      async (request) => getCoverage(ctxOf(deps, request), request.query),
    )
    app.get(
      '/pledges/buildings',
      { schema: { tags, summary: '社区或网格的楼栋及包保户数', querystring: BuildingsQuery, response: { 200: PledgeBuildings, ...errorResponses(403, 404, 422) } } },
      async (request) => listPledgeBuildings(ctxOf(deps, request), request.query),
    )
    app.get(
      '/pledges/buildings/:id',
      { schema: { tags, summary: '楼栋包保图：每户的包保党员与可执行操作', params: IdParams, response: { 200: BuildingPledgeMap, ...errorResponses(404) } } },
      async (request) => getBuildingMap(ctxOf(deps, request), Number(request.params.id)),
    )
    app.get(
      '/pledges/buildings/:id/notice',
      { schema: { tags, summary: '"三亮"楼栋公示：网格团队与包保党员（姓名、岗位、电话、包保房号）', params: IdParams, response: { 200: BuildingNotice, ...errorResponses(404) } } },
      async (request) => getBuildingNotice(ctxOf(deps, request), Number(request.params.id)),
    )
    app.get(
      '/pledges/:id',
      { schema: { tags, summary: '包保详情，含走访记录、时间线与可执行操作', params: IdParams, response: { 200: Pledge, ...errorResponses(404) } } },
      async (request) => getPledge(ctxOf(deps, request), Number(request.params.id)),
    )
    app.post(
      '/pledges/:id/actions',
      {
        schema: {
          tags,
          summary: '解除包保 release（reason?）；409 版本过期 → 422 状态不允许 → 403 无权',
          params: IdParams,
          body: PledgeActionBody,
          response: { 200: Pledge, ...errorResponses(403, 404, 409, 422) },
        },
      },
      async (request) => actOnPledge(ctxOf(deps, request), Number(request.params.id), request.body),
    )
    app.post(
      '/pledges/:id/visits',
      {
        schema: {
          tags,
          summary: '记录走访（包保党员本人）：日期、情况、了解到的问题，可关联已有诉求',
          params: IdParams,
          body: RecordVisitBody,
          response: { 201: PledgeVisit, ...errorResponses(403, 404, 409, 422) },
        },
      },
      async (request, reply) => reply.status(201).send(await recordPledgeVisit(ctxOf(deps, request), Number(request.params.id), request.body)),
    )
  }
}
