import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { QrGrid, QrGridParams, QrReportBody, QrReportResult } from '#contracts/qr-report'
import type { AppDeps } from '../../context'
import { errorResponses } from '../../http'
import { getQrGrid, reportFromQr } from './service'

export function qrReportRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['qr']
    app.get(
      '/qr/grids/:code',
      { config: { public: true }, schema: { tags, summary: '扫码反映：网格名片（名称、团队、问题类别；无需登录）', security: [], params: QrGridParams, response: { 200: QrGrid, ...errorResponses(404) } } },
      async (request) => getQrGrid(deps, request.params.code),
    )
    app.post(
      '/qr/grids/:code/appeals',
      {
        config: { public: true },
        schema: { tags, summary: '扫码反映：无账号提交诉求（手机号验证码）', security: [], params: QrGridParams, body: QrReportBody, response: { 201: QrReportResult, ...errorResponses(404, 422, 429) } },
      },
      async (request, reply) => reply.status(201).send(await reportFromQr(deps, request.params.code, request.body, request.ip ?? null)),
    )
  }
}
