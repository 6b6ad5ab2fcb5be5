/** 实有人口 routes: the register, a person's card and identity, registering and the moves, 户主, the building lookup. */
import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { IdParams, Page } from '#contracts/common'
import {
  BuildingHouseholds,
  CreatePersonBody,
  DeathBody,
  ListPeopleQuery,
  MoveInBody,
  MoveOutBody,
  MyBuildings,
  MyBuildingsQuery,
  Person,
  PersonCard,
  PersonIdentity,
  SetHeadBody,
  TransferBody,
  UpdatePersonBody,
} from '#contracts/population'
import type { AppDeps } from '../../context'
import { ctxOf, errorResponses } from '../../http'
import { moveIn, moveOut, recordDeath, registerPerson, setHouseholdHead, transferPerson, updatePerson } from './records'
import { getBuildingHouseholds, getPersonCard, getPersonIdentity, listMyBuildings, listPeople } from './service'

export function populationRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['population']
    const moves = errorResponses(403, 404, 409, 422)
    app.get(
      '/population/people',
      {
        schema: {
          tags,
          summary: '实有人口台账：q 为姓名前缀，或 18 位身份证号 / 11 位手机号（精确）；默认只列在住人员；证件号和电话脱敏',
          querystring: ListPeopleQuery,
          response: { 200: Page(Person), ...errorResponses(403, 404) },
        },
      },
      async (request) => listPeople(ctxOf(deps, request), request.query),
    )
    app.post(
      '/population/people',
      { schema: { tags, summary: '登记人员到住户（开始一段居住史）', body: CreatePersonBody, response: { 201: PersonCard, ...errorResponses(403, 409, 422) } } },
      async (request, reply) => {
        const ctx = ctxOf(deps, request)
        const id = await registerPerson(ctx, request.body)
        return reply.status(201).send(await getPersonCard(ctx, id))
      },
    )
    app.get(
      '/population/people/:id',
      { schema: { tags, summary: '人员档案：本人、住户、房屋、居住史、相关诉求（脱敏）', params: IdParams, response: { 200: PersonCard, ...errorResponses(403, 404) } } },
      async (request) => getPersonCard(ctxOf(deps, request), Number(request.params.id)),
    )
    app.get(
      '/population/people/:id/identity',
      { schema: { tags, summary: '完整证件号码和电话（社区及以上，留审计）', params: IdParams, response: { 200: PersonIdentity, ...errorResponses(403, 404) } } },
      async (request) => getPersonIdentity(ctxOf(deps, request), Number(request.params.id)),
    )
    app.patch(
      '/population/people/:id',
      { schema: { tags, summary: '修改人员信息（带上看到的 version；过期为 409）', params: IdParams, body: UpdatePersonBody, response: { 200: PersonCard, ...moves } } },
      async (request) => updatePerson(ctxOf(deps, request), Number(request.params.id), request.body),
    )
    app.post(
      '/population/people/:id/move-out',
      { schema: { tags, summary: '迁出：结束当前居住，记录保留', params: IdParams, body: MoveOutBody, response: { 200: PersonCard, ...moves } } },
      async (request) => moveOut(ctxOf(deps, request), Number(request.params.id), request.body),
    )
    app.post(
      '/population/people/:id/death',
      { schema: { tags, summary: '死亡登记：结束当前居住', params: IdParams, body: DeathBody, response: { 200: PersonCard, ...moves } } },
      async (request) => recordDeath(ctxOf(deps, request), Number(request.params.id), request.body),
    )
    app.post(
      '/population/people/:id/transfer',
      { schema: { tags, summary: '户间变动：转入辖区内另一住户', params: IdParams, body: TransferBody, response: { 200: PersonCard, ...moves } } },
      async (request) => transferPerson(ctxOf(deps, request), Number(request.params.id), request.body),
    )
    app.post(
      '/population/people/:id/move-in',
      { schema: { tags, summary: '迁回：已迁出人员重新入住辖区内住户', params: IdParams, body: MoveInBody, response: { 200: PersonCard, ...moves } } },
      async (request) => moveIn(ctxOf(deps, request), Number(request.params.id), request.body),
    )
    app.patch(
      '/population/households/:id/head',
      { schema: { tags, summary: '设置户主（本户在住成员；带上住户的 version）', params: IdParams, body: SetHeadBody, response: { 200: PersonCard, ...moves } } },
      async (request) => setHouseholdHead(ctxOf(deps, request), Number(request.params.id), request.body),
    )
    app.get(
      '/population/buildings',
      { schema: { tags, summary: '辖区（网格员：本网格）的楼栋及住户、在住人数', querystring: MyBuildingsQuery, response: { 200: MyBuildings, ...errorResponses(403, 404) } } },
      async (request) => listMyBuildings(ctxOf(deps, request), request.query),
    )
    app.get(
      '/population/buildings/:id/households',
      { schema: { tags, summary: '按楼栋查户：单元、房间、各户在住成员（脱敏）', params: IdParams, response: { 200: BuildingHouseholds, ...errorResponses(403, 404) } } },
      async (request) => getBuildingHouseholds(ctxOf(deps, request), Number(request.params.id)),
    )
  }
}
