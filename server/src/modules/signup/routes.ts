import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { IdParams } from '#contracts/common'
import {
  BuildingsQuery,
  ClaimsQuery,
  CodeLoginBody,
  HouseholdClaim,
  HouseholdClaims,
  MyHouseholdClaim,
  RegionOptions,
  RegionsQuery,
  RejectClaimBody,
  SendCodeBody,
  SendCodeResponse,
  SessionResponse,
  SignupBody,
  SignupBuildings,
} from '#contracts/signup'
import type { AppDeps } from '../../context'
import { ctxOf, errorResponses } from '../../http'
import { setSessionCookie } from '../auth'
import {
  confirmHouseholdClaim,
  listBuildingsForSignup,
  listHouseholdClaims,
  listRegionsForSignup,
  loginWithCode,
  myHouseholdClaim,
  rejectHouseholdClaim,
  sendPhoneCode,
  signUpResident,
} from './service'

export function signupRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['signup']
    const open = { public: true }
    // the same cookie as a password login (auth/routes.ts)
    const setSession = (reply: FastifyReply, token: string) => setSessionCookie(reply, token, deps.env.cookieSecure)

    app.post(
      '/signup/code',
      { config: open, schema: { tags, summary: '发送手机验证码（注册、登录、扫码反映）；演示模式返回验证码', security: [], body: SendCodeBody, response: { 200: SendCodeResponse, ...errorResponses(429) } } },
      async (request) => sendPhoneCode(deps, { ...request.body, ip: request.ip ?? null }),
    )
    app.get(
      '/signup/regions',
      { config: open, schema: { tags, summary: '注册时选择地点：县 → 街道 → 社区', security: [], querystring: RegionsQuery, response: { 200: RegionOptions, ...errorResponses() } } },
      async (request) => listRegionsForSignup(deps, request.query.parent),
    )
    app.get(
      '/signup/buildings',
      { config: open, schema: { tags, summary: '注册时选择楼栋与单元', security: [], querystring: BuildingsQuery, response: { 200: SignupBuildings, ...errorResponses() } } },
      async (request) => listBuildingsForSignup(deps, request.query.community),
    )
    app.post(
      '/signup',
      { config: open, schema: { tags, summary: '居民注册：手机号 + 验证码 + 姓名 + 住址，注册后即登录（住户待网格员确认）', security: [], body: SignupBody, response: { 201: SessionResponse, ...errorResponses(409, 429) } } },
      async (request, reply) => {
        const s = await signUpResident(deps, request.body, request.ip ?? null, request.headers['user-agent'] ?? null)
        setSession(reply, s.token)
        return reply.status(201).send({ user: s.user })
      },
    )
    app.post(
      '/signup/login',
      { config: open, schema: { tags, summary: '居民验证码登录', security: [], body: CodeLoginBody, response: { 200: SessionResponse, ...errorResponses(404, 429) } } },
      async (request, reply) => {
        const s = await loginWithCode(deps, request.body.phone, request.body.code, request.ip ?? null, request.headers['user-agent'] ?? null)
        setSession(reply, s.token)
        return { user: s.user }
      },
    )
    app.get(
      '/household-claims',
      { schema: { tags, summary: '待确认的居民住户（网格员、网格长、社区）', querystring: ClaimsQuery, response: { 200: HouseholdClaims, ...errorResponses(403) } } },
      async (request) => listHouseholdClaims(ctxOf(deps, request), request.query.status),
    )
    app.get(
      '/household-claims/mine',
      { schema: { tags, summary: '本人的住户确认状态（居民）', response: { 200: MyHouseholdClaim, ...errorResponses() } } },
      async (request) => myHouseholdClaim(ctxOf(deps, request)),
    )
    app.post(
      '/household-claims/:id/confirm',
      { schema: { tags, summary: '一键确认住户', params: IdParams, response: { 200: HouseholdClaim, ...errorResponses(403, 404, 409, 422) } } },
      async (request) => confirmHouseholdClaim(ctxOf(deps, request), Number(request.params.id)),
    )
    app.post(
      '/household-claims/:id/reject',
      { schema: { tags, summary: '住址不符，不予确认', params: IdParams, body: RejectClaimBody, response: { 200: HouseholdClaim, ...errorResponses(403, 404, 409, 422) } } },
      async (request) => rejectHouseholdClaim(ctxOf(deps, request), Number(request.params.id), request.body.reason),
    )
  }
}
