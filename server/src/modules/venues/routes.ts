import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { IdParams, Page } from '#contracts/common'
import { CloseVenueBody, CreateVenueBody, ExportVenuesQuery, ListVenuesQuery, RevealVenueBody, UpdateVenueBody, Venue } from '#contracts/venues'
import { RevealedField } from '#contracts/housing'
import type { AppDeps } from '../../context'
import { XLSX_MIME } from '../../core/excel/index'
import { loggable } from '../../errors'
import { ctxOf, errorResponses } from '../../http'
import { exportVenues } from './export'
import { closeVenue, createVenue, getVenue, listVenuesFor, revealVenueField, updateVenue } from './service'

export function venueRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['venues']
    app.get(
      '/venues',
      { schema: { tags, summary: '单位场所列表（类别、九小场所类型、重点类型、状态、网格；按名称或地址查找）', querystring: ListVenuesQuery, response: { 200: Page(Venue), ...errorResponses(403, 404) } } },
      async (request) => listVenuesFor(ctxOf(deps, request), request.query),
    )
    app.post(
      '/venues',
      {
        schema: {
          tags,
          summary: '登记单位场所（统一社会信用代码按 GB 32100 校验，不得重复：409）；负责人电话加密保存',
          body: CreateVenueBody,
          response: { 201: Venue, ...errorResponses(400, 403, 409) },
        },
      },
      async (request, reply) => reply.status(201).send(await createVenue(ctxOf(deps, request), request.body)),
    )
    app.get(
      '/venues/:id',
      { schema: { tags, summary: '单位场所详情（负责人电话脱敏）', params: IdParams, response: { 200: Venue, ...errorResponses(403, 404) } } },
      async (request) => getVenue(ctxOf(deps, request), Number(request.params.id)),
    )
    app.patch(
      '/venues/:id',
      { schema: { tags, summary: '修改单位场所；版本过期 409', params: IdParams, body: UpdateVenueBody, response: { 200: Venue, ...errorResponses(400, 403, 404, 409) } } },
      async (request) => updateVenue(ctxOf(deps, request), Number(request.params.id), request.body),
    )
    app.post(
      '/venues/:id/close',
      { schema: { tags, summary: '停业/注销（台账保留）；已停业 422', params: IdParams, body: CloseVenueBody, response: { 200: Venue, ...errorResponses(403, 404, 409, 422) } } },
      async (request) => closeVenue(ctxOf(deps, request), Number(request.params.id), request.body),
    )
    app.post(
      '/venues/:id/reveal',
      { schema: { tags, summary: '查看负责人完整电话（社区、网格员；每次查看留审计）', params: IdParams, body: RevealVenueBody, response: { 200: RevealedField, ...errorResponses(403, 404) } } },
      async (request) => revealVenueField(ctxOf(deps, request), Number(request.params.id), request.body.field),
    )
    const xlsx = { description: '.xlsx 文件（流式输出）', content: { [XLSX_MIME]: { schema: { type: 'string', format: 'binary' } } } }
    app.get(
      '/exports/venues',
      { schema: { tags: ['exports'], summary: '导出单位场所台账（.xlsx，按角色脱敏，含导出人水印，留审计）', querystring: ExportVenuesQuery, response: { 200: xlsx, ...errorResponses(403, 404) } } },
      async (request, reply) => {
        const d = await exportVenues(ctxOf(deps, request), request.query, (e) => request.log.error({ err: loggable(e) }, 'venue export failed'))
        return reply.header('content-type', XLSX_MIME).header('content-disposition', d.filename).header('cache-control', 'no-store').send(d.stream)
      },
    )
  }
}
