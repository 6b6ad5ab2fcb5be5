import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { IdParams, Page } from '#contracts/common'
import {
  AwardPointsBody,
  BoardActionBody,
  ComputeBoardBody,
  HonourBoard,
  ListBoardsQuery,
  ListPointsAccountsQuery,
  ListPointsEntriesQuery,
  PointsAccount,
  PointsEntry,
  PointsRules,
  PointsRulesQuery,
  PutPointsRulesBody,
  RedeemPointsBody,
  ReverseEntryBody,
} from '#contracts/points'
import type { AppDeps } from '../../context'
import { ctxOf, errorResponses } from '../../http'
import { actOnBoard, computeBoard, getBoard, listBoardsForActor } from './boards'
import { awardPoints, getAccount, listAccountEntries, listPointsAccounts, redeemPoints, reverseEntry } from './ledger'
import { getRules, putRules } from './rules'

export function pointsRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['points']
    app.get(
      '/points/rules',
      { schema: { tags, summary: '县积分规则（未设置时为默认规则）', querystring: PointsRulesQuery, response: { 200: PointsRules, ...errorResponses(403, 404) } } },
      async (request) => getRules(ctxOf(deps, request), request.query),
    )
    app.put(
      '/points/rules',
      { schema: { tags, summary: '设置本县积分规则（县级；留痕）', body: PutPointsRulesBody, response: { 200: PointsRules, ...errorResponses(403) } } },
      async (request) => putRules(ctxOf(deps, request), request.body),
    )
    app.get(
      '/points/accounts',
      {
        schema: {
          tags,
          summary: '积分台账：辖区内党员、居民的积分余额（余额高者在前）',
          querystring: ListPointsAccountsQuery,
          response: { 200: Page(PointsAccount), ...errorResponses(403, 404) },
        },
      },
      async (request) => listPointsAccounts(ctxOf(deps, request), request.query),
    )
    app.get(
      '/points/accounts/:id',
      { schema: { tags, summary: '个人积分余额（本人，或辖区内的人）', params: IdParams, response: { 200: PointsAccount, ...errorResponses(404) } } },
      async (request) => getAccount(ctxOf(deps, request), Number(request.params.id)),
    )
    app.get(
      '/points/accounts/:id/entries',
      {
        schema: {
          tags,
          summary: '个人积分明细（新的在前）',
          params: IdParams,
          querystring: ListPointsEntriesQuery,
          response: { 200: Page(PointsEntry), ...errorResponses(404) },
        },
      },
      async (request) => listAccountEntries(ctxOf(deps, request), Number(request.params.id), request.query),
    )
    app.post(
      '/points/awards',
      { schema: { tags, summary: '社区奖励积分（线下服务，须写明事由）', body: AwardPointsBody, response: { 201: PointsAccount, ...errorResponses(403) } } },
      async (request, reply) => reply.status(201).send(await awardPoints(ctxOf(deps, request), request.body)),
    )
    app.post(
      '/points/redemptions',
      {
        schema: {
          tags,
          summary: '积分兑换（爱心超市）；余额不足 422 POINTS_INSUFFICIENT，不写入任何记录',
          body: RedeemPointsBody,
          response: { 201: PointsAccount, ...errorResponses(403, 422) },
        },
      },
      async (request, reply) => reply.status(201).send(await redeemPoints(ctxOf(deps, request), request.body)),
    )
    app.post(
      '/points/entries/:id/reverse',
      {
        schema: {
          tags,
          summary: '冲正一条获得积分的记录（社区；每条只能冲正一次）',
          params: IdParams,
          body: ReverseEntryBody,
          response: { 201: PointsEntry, ...errorResponses(403, 404, 409, 422) },
        },
      },
      async (request, reply) => reply.status(201).send(await reverseEntry(ctxOf(deps, request), Number(request.params.id), request.body)),
    )
    app.get(
      '/points/boards',
      {
        schema: {
          tags,
          summary: '红黑榜（工作人员看辖区内全部；党员、居民只看本社区已发布的）',
          querystring: ListBoardsQuery,
          response: { 200: Page(HonourBoard), ...errorResponses(403, 404) },
        },
      },
      async (request) => listBoardsForActor(ctxOf(deps, request), request.query),
    )
    app.post(
      '/points/boards',
      {
        schema: {
          tags,
          summary: '生成本社区某月红黑榜草稿（社区）',
          body: ComputeBoardBody,
          response: { 201: HonourBoard, ...errorResponses(403, 404, 409, 422) },
        },
      },
      async (request, reply) => reply.status(201).send(await computeBoard(ctxOf(deps, request), request.body)),
    )
    app.get(
      '/points/boards/:id',
      { schema: { tags, summary: '红黑榜详情（草稿仅工作人员可见）', params: IdParams, response: { 200: HonourBoard, ...errorResponses(404) } } },
      async (request) => getBoard(ctxOf(deps, request), Number(request.params.id)),
    )
    app.post(
      '/points/boards/:id/actions',
      {
        schema: {
          tags,
          summary: '重新计算 recompute · 确认发布 confirm（社区书记确认）· 撤回 withdraw（reason）',
          params: IdParams,
          body: BoardActionBody,
          response: { 200: HonourBoard, ...errorResponses(403, 404, 409, 422) },
        },
      },
      async (request) => actOnBoard(ctxOf(deps, request), Number(request.params.id), request.body),
    )
  }
}
