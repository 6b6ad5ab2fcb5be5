import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { IdParams, Page } from '#contracts/common'
import {
  Activity,
  ActivityActionBody,
  AttendanceByCodeBody,
  CreateActivityBody,
  CreateVolunteerTeamBody,
  ListActivitiesQuery,
  ListVolunteerTeamsQuery,
  MemberCandidateList,
  MemberCandidatesQuery,
  Signup,
  SignupActionBody,
  TeamMemberBody,
  TeamMemberParams,
  TeamVersionQuery,
  UpdateVolunteerTeamBody,
  VolunteerFigures,
  VolunteerFiguresQuery,
  VolunteerTeam,
  VolunteerTeamList,
} from '#contracts/volunteers'
import type { AppDeps } from '../../context'
import { ctxOf, errorResponses } from '../../http'
import { actOnActivity, createActivity, getActivity, listActivitiesFor } from './activities'
import { volunteerFigures } from './figures'
import { actOnSignup, attendByCode, getSignup, signUp } from './signups'
import {
  addVolunteerTeamMember,
  createVolunteerTeam,
  getVolunteerTeam,
  listMemberCandidates,
  listVolunteerTeams,
  removeVolunteerTeamMember,
  updateVolunteerTeam,
} from './teams'

export function volunteerRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['volunteers']

    // ---- 队伍 ----
    app.get(
      '/volunteers/teams',
      { schema: { tags, summary: '志愿服务队伍（含队长、队员）', querystring: ListVolunteerTeamsQuery, response: { 200: VolunteerTeamList, ...errorResponses(403, 404) } } },
      async (request) => listVolunteerTeams(ctxOf(deps, request), request.query),
    )
    app.post(
      '/volunteers/teams',
      { schema: { tags, summary: '组建队伍（社区）', body: CreateVolunteerTeamBody, response: { 201: VolunteerTeam, ...errorResponses(403) } } },
      async (request, reply) => reply.status(201).send(await createVolunteerTeam(ctxOf(deps, request), request.body)),
    )
    app.get(
      '/volunteers/teams/:id',
      { schema: { tags, summary: '队伍详情', params: IdParams, response: { 200: VolunteerTeam, ...errorResponses(404) } } },
      async (request) => getVolunteerTeam(ctxOf(deps, request), Number(request.params.id)),
    )
    app.patch(
      '/volunteers/teams/:id',
      { schema: { tags, summary: '修改队伍名称、类型、队长', params: IdParams, body: UpdateVolunteerTeamBody, response: { 200: VolunteerTeam, ...errorResponses(403, 404, 409) } } },
      async (request) => updateVolunteerTeam(ctxOf(deps, request), Number(request.params.id), request.body),
    )
    app.post(
      '/volunteers/teams/:id/members',
      { schema: { tags, summary: '加入队员（本社区党员、居民账号）', params: IdParams, body: TeamMemberBody, response: { 200: VolunteerTeam, ...errorResponses(403, 404, 409, 422) } } },
      async (request) => addVolunteerTeamMember(ctxOf(deps, request), Number(request.params.id), request.body),
    )
    app.delete(
      '/volunteers/teams/:id/members/:userId',
      { schema: { tags, summary: '移出队员', params: TeamMemberParams, querystring: TeamVersionQuery, response: { 200: VolunteerTeam, ...errorResponses(403, 404, 409, 422) } } },
      async (request) => removeVolunteerTeamMember(ctxOf(deps, request), Number(request.params.id), Number(request.params.userId), request.query.version),
    )
    app.get(
      '/volunteers/member-candidates',
      { schema: { tags, summary: '可加入队伍的党员、居民账号', querystring: MemberCandidatesQuery, response: { 200: MemberCandidateList, ...errorResponses(403) } } },
      async (request) => listMemberCandidates(ctxOf(deps, request), request.query),
    )

    // ---- 活动 ----
    app.get(
      '/volunteers/activities',
      { schema: { tags, summary: '志愿活动（view=upcoming 可报名的活动，view=mine 我的活动）', querystring: ListActivitiesQuery, response: { 200: Page(Activity), ...errorResponses(403, 404) } } },
      async (request) => listActivitiesFor(ctxOf(deps, request), request.query),
    )
    app.post(
      '/volunteers/activities',
      { schema: { tags, summary: '发布活动（社区或组织队伍的队长）', body: CreateActivityBody, response: { 201: Activity, ...errorResponses(403) } } },
      async (request, reply) => reply.status(201).send(await createActivity(ctxOf(deps, request), request.body)),
    )
    app.get(
      '/volunteers/activities/:id',
      { schema: { tags, summary: '活动详情（组织者可见报名名单、签到码与时间线）', params: IdParams, response: { 200: Activity, ...errorResponses(404) } } },
      async (request) => getActivity(ctxOf(deps, request), Number(request.params.id)),
    )
    app.post(
      '/volunteers/activities/:id/actions',
      {
        schema: {
          tags,
          summary: '发布 publish · 截止报名 close · 开始 start · 结束 finish · 取消 cancel（reason）；404 → 409 → 422 → 403 → 400',
          params: IdParams,
          body: ActivityActionBody,
          response: { 200: Activity, ...errorResponses(403, 404, 409, 422) },
        },
      },
      async (request) => actOnActivity(ctxOf(deps, request), Number(request.params.id), request.body),
    )
    app.post(
      '/volunteers/activities/:id/signups',
      { schema: { tags, summary: '报名（预约服务为居民预约）；名额已满 422 ACTIVITY_FULL', params: IdParams, response: { 201: Signup, ...errorResponses(404, 409, 422) } } },
      async (request, reply) => reply.status(201).send(await signUp(ctxOf(deps, request), Number(request.params.id))),
    )

    // ---- 报名与考勤 ----
    app.get(
      '/volunteers/signups/:id',
      { schema: { tags, summary: '报名记录，含时间线', params: IdParams, response: { 200: Signup, ...errorResponses(404) } } },
      async (request) => getSignup(ctxOf(deps, request), Number(request.params.id)),
    )
    app.post(
      '/volunteers/signups/:id/actions',
      {
        schema: {
          tags,
          summary: '取消报名 cancel · 签到 checkIn · 签退 checkOut（组织者代签）· 更正时长 correctHours（hours, reason）',
          params: IdParams,
          body: SignupActionBody,
          response: { 200: Signup, ...errorResponses(403, 404, 409, 422) },
        },
      },
      async (request) => actOnSignup(ctxOf(deps, request), Number(request.params.id), request.body),
    )
    app.post(
      '/volunteers/attendance',
      { schema: { tags, summary: '现场签到/签退：输入或扫描活动现场的签到码', body: AttendanceByCodeBody, response: { 200: Signup, ...errorResponses(403, 422) } } },
      async (request) => attendByCode(ctxOf(deps, request), request.body),
    )

    // ---- 统计 ----
    app.get(
      '/volunteers/figures',
      { schema: { tags, summary: '志愿服务人次与时长（按人、队伍、单位、社区）；党员、居民看本人', querystring: VolunteerFiguresQuery, response: { 200: VolunteerFigures, ...errorResponses(403, 404, 422) } } },
      async (request) => volunteerFigures(ctxOf(deps, request), request.query),
    )
  }
}
