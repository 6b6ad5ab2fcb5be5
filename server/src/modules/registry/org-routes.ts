/** Service teams, the party-organisation tree and party members. */
import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { IdParams, Page } from '#contracts/common'
import {
  CreatePartyMemberBody,
  CreatePartyOrgBody,
  CreateTeamBody,
  ListPartyMembersQuery,
  ListPartyOrgsQuery,
  ListTeamsQuery,
  PartyMember,
  PartyOrg,
  RemoveQuery,
  Removed,
  Team,
  UpdatePartyMemberBody,
  UpdatePartyOrgBody,
  UpdateTeamBody,
} from '#contracts/registry'
import type { AppDeps } from '../../context'
import { ctxOf, errorResponses } from '../../http'
import {
  createPartyMember,
  createPartyOrg,
  createTeam,
  getPartyMember,
  getPartyOrg,
  getTeam,
  listPartyMembers,
  listPartyOrgs,
  listTeams,
  removePartyOrg,
  removeTeam,
  updatePartyMember,
  updatePartyOrg,
  updateTeam,
} from './orgs'

export function orgRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['registry']
    app.get(
      '/registry/teams',
      {
        schema: {
          tags,
          summary: '服务队伍：社区可向其分派诉求；成员为本社区内的账号',
          querystring: ListTeamsQuery,
          response: { 200: Page(Team), ...errorResponses(403, 404) },
        },
      },
      async (request) => listTeams(ctxOf(deps, request), request.query),
    )
    app.post(
      '/registry/teams',
      { schema: { tags, summary: '登记服务队伍', body: CreateTeamBody, response: { 201: Team, ...errorResponses(403, 404, 409, 422) } } },
      async (request, reply) => reply.status(201).send(await createTeam(ctxOf(deps, request), request.body)),
    )
    app.get(
      '/registry/teams/:id',
      { schema: { tags, summary: '服务队伍详情', params: IdParams, response: { 200: Team, ...errorResponses(403, 404) } } },
      async (request) => getTeam(ctxOf(deps, request), Number(request.params.id)),
    )
    app.patch(
      '/registry/teams/:id',
      {
        schema: {
          tags,
          summary: '修改服务队伍（带上看到的 version；过期为 409）',
          params: IdParams,
          body: UpdateTeamBody,
          response: { 200: Team, ...errorResponses(403, 404, 409, 422) },
        },
      },
      async (request) => updateTeam(ctxOf(deps, request), Number(request.params.id), request.body),
    )
    app.delete(
      '/registry/teams/:id',
      {
        schema: {
          tags,
          summary: '删除服务队伍（?version=；仍被引用时 422）',
          params: IdParams,
          querystring: RemoveQuery,
          response: { 200: Removed, ...errorResponses(403, 404, 409, 422) },
        },
      },
      async (request) => removeTeam(ctxOf(deps, request), Number(request.params.id), request.query.version),
    )
    app.get(
      '/registry/party-orgs',
      {
        schema: {
          tags,
          summary: '党组织：街道党工委 → 社区党组织 → 网格党支部/网格党小组 → 楼栋党小组；每个网格一个网格党小组；不给 parentId 时挂在上级地点最近的组织下',
          querystring: ListPartyOrgsQuery,
          response: { 200: Page(PartyOrg), ...errorResponses(403, 404) },
        },
      },
      async (request) => listPartyOrgs(ctxOf(deps, request), request.query),
    )
    app.post(
      '/registry/party-orgs',
      { schema: { tags, summary: '登记党组织', body: CreatePartyOrgBody, response: { 201: PartyOrg, ...errorResponses(403, 404, 409, 422) } } },
      async (request, reply) => reply.status(201).send(await createPartyOrg(ctxOf(deps, request), request.body)),
    )
    app.get(
      '/registry/party-orgs/:id',
      { schema: { tags, summary: '党组织详情', params: IdParams, response: { 200: PartyOrg, ...errorResponses(403, 404) } } },
      async (request) => getPartyOrg(ctxOf(deps, request), Number(request.params.id)),
    )
    app.patch(
      '/registry/party-orgs/:id',
      {
        schema: {
          tags,
          summary: '修改党组织（带上看到的 version；过期为 409）',
          params: IdParams,
          body: UpdatePartyOrgBody,
          response: { 200: PartyOrg, ...errorResponses(403, 404, 409, 422) },
        },
      },
      async (request) => updatePartyOrg(ctxOf(deps, request), Number(request.params.id), request.body),
    )
    app.delete(
      '/registry/party-orgs/:id',
      {
        schema: {
          tags,
          summary: '删除党组织（?version=；仍被引用时 422）',
          params: IdParams,
          querystring: RemoveQuery,
          response: { 200: Removed, ...errorResponses(403, 404, 409, 422) },
        },
      },
      async (request) => removePartyOrg(ctxOf(deps, request), Number(request.params.id), request.query.version),
    )
    app.get(
      '/registry/party-members',
      {
        schema: {
          tags,
          summary: '党员：登记在社区，编入本社区的党组织（如网格党小组）；党员账号由安全管理员创建',
          querystring: ListPartyMembersQuery,
          response: { 200: Page(PartyMember), ...errorResponses(403, 404) },
        },
      },
      async (request) => listPartyMembers(ctxOf(deps, request), request.query),
    )
    app.post(
      '/registry/party-members',
      { schema: { tags, summary: '登记党员', body: CreatePartyMemberBody, response: { 201: PartyMember, ...errorResponses(403, 404, 409, 422) } } },
      async (request, reply) => reply.status(201).send(await createPartyMember(ctxOf(deps, request), request.body)),
    )
    app.get(
      '/registry/party-members/:id',
      { schema: { tags, summary: '党员详情', params: IdParams, response: { 200: PartyMember, ...errorResponses(403, 404) } } },
      async (request) => getPartyMember(ctxOf(deps, request), Number(request.params.id)),
    )
    app.patch(
      '/registry/party-members/:id',
      {
        schema: {
          tags,
          summary: '修改党员（带上看到的 version；过期为 409）',
          params: IdParams,
          body: UpdatePartyMemberBody,
          response: { 200: PartyMember, ...errorResponses(403, 404, 409, 422) },
        },
      },
      async (request) => updatePartyMember(ctxOf(deps, request), Number(request.params.id), request.body),
    )
  }
}
