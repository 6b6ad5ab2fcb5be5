/** 十联户 maintained from the households: buildings with their grouping, a proposal, its confirmation, the printable list. */
import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import {
  ArrangeGroupsBody,
  ConfirmedGroups,
  ConfirmGroupsBody,
  GroupArrangement,
  GroupBuildings,
  GroupBuildingsQuery,
  GroupPrint,
  GroupPrintQuery,
  LeaderContact,
  LeaderContactBody,
} from '#contracts/household-groups'
import { IdParams } from '#contracts/common'
import type { AppDeps } from '../../context'
import { ctxOf, errorResponses } from '../../http'
import { arrangeGroups, confirmGroups, getGroupPrint, listGroupBuildingsOf, setLeaderContact } from './group-arrange'

export function groupRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['registry']
    app.get(
      '/household-groups/buildings',
      { schema: { tags, summary: '楼栋十联户编组情况：各楼住户数、已编组户数、组数', querystring: GroupBuildingsQuery, response: { 200: GroupBuildings, ...errorResponses(403, 404) } } },
      async (request) => listGroupBuildingsOf(ctxOf(deps, request), request.query),
    )
    app.post(
      '/household-groups/arrange',
      {
        schema: {
          tags,
          summary: '生成十联户编组方案：本楼未编组住户按单元、房号相邻约 10 户一组，附建议联户长（不写入，待社区确认）',
          body: ArrangeGroupsBody,
          response: { 200: GroupArrangement, ...errorResponses(403, 404) },
        },
      },
      async (request) => arrangeGroups(ctxOf(deps, request), request.body),
    )
    app.post(
      '/household-groups/confirm',
      {
        schema: {
          tags,
          summary: '确认十联户编组：各组及其联户长一并建立（一个事务，逐组留审计）；住户已有变动时 409',
          body: ConfirmGroupsBody,
          response: { 201: ConfirmedGroups, ...errorResponses(403, 404, 409, 422) },
        },
      },
      async (request, reply) => reply.code(201).send(await confirmGroups(ctxOf(deps, request), request.body)),
    )
    app.get(
      '/household-groups/print',
      {
        schema: {
          tags,
          summary: '十联户名单（按楼栋打印）：联户长姓名与掩码电话、各户房号与户主姓氏、网格员',
          querystring: GroupPrintQuery,
          response: { 200: GroupPrint, ...errorResponses(403, 404) },
        },
      },
      async (request) => getGroupPrint(ctxOf(deps, request), Number(request.query.buildingId)),
    )
    app.put(
      '/household-groups/:id/leader-contact',
      {
        schema: {
          tags,
          summary: '记录联户长是否同意在十联户名单上公示完整电话（社区登记，留审计）',
          params: IdParams,
          body: LeaderContactBody,
          response: { 200: LeaderContact, ...errorResponses(403, 404, 422) },
        },
      },
      async (request) => setLeaderContact(ctxOf(deps, request), Number(request.params.id), request.body),
    )
  }
}
