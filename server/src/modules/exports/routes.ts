import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { ExportAppealsQuery, ExportAuditQuery, ExportRegistrationsQuery, ExportTableBody, ExportUnitRegistrationsQuery } from '#contracts/exports'
import type { AppDeps } from '../../context'
import { XLSX_MIME } from '../../core/excel/index'
import { loggable } from '../../errors'
import { ctxOf, errorResponses } from '../../http'
import { exportAppeals, exportAuditLog, exportTable } from './service'
import { exportRegistrations, exportUnitRegistrations } from './party'
import { PartyStatsQuery } from '#contracts/party-stats'
import { exportPartyStats } from './party-stats'
import { LedgerMonthlyQuery } from '#contracts/ledger-stats'
import { exportLedgerMonthly } from './ledger-monthly'
import { exportSpecialGroups } from './special-groups'
import { ExportSpecialGroupsQuery } from '#contracts/special-groups'
import { ExportPeopleQuery } from '#contracts/population'
import { exportPopulation } from './population'

export function exportRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['exports']
    const xlsx = { description: '.xlsx 文件（流式输出）', content: { [XLSX_MIME]: { schema: { type: 'string', format: 'binary' } } } }
    app.get(
      '/exports/appeals',
      { schema: { tags, summary: '导出筛选后的诉求列表（.xlsx，按角色脱敏，含导出人水印，留审计）', querystring: ExportAppealsQuery, response: { 200: xlsx, ...errorResponses(403, 422) } } },
      async (request, reply) => {
        const d = await exportAppeals(ctxOf(deps, request), request.query, (e) => request.log.error({ err: loggable(e) }, 'appeal export failed'))
        return reply.header('content-type', XLSX_MIME).header('content-disposition', d.filename).header('cache-control', 'no-store').send(d.stream)
      },
    )
    app.get(
      '/exports/audit-logs',
      { schema: { tags, summary: '导出筛选后的审计日志（.xlsx，仅审计管理员；个人信息脱敏，含导出人水印，导出本身留审计）', querystring: ExportAuditQuery, response: { 200: xlsx, ...errorResponses(403) } } },
      async (request, reply) => {
        const d = await exportAuditLog(ctxOf(deps, request), request.query, (e) => request.log.error({ err: e }, 'audit export failed'))
        return reply.header('content-type', XLSX_MIME).header('content-disposition', d.filename).header('cache-control', 'no-store').send(d.stream)
      },
    )
    app.get(
      '/exports/special-groups',
      {
        schema: {
          tags: [...tags, 'special-groups'],
          summary: '导出特殊人群台账（.xlsx；只含本角色可见的类别，脱敏，含导出人水印，留审计）',
          querystring: ExportSpecialGroupsQuery,
          response: { 200: xlsx, ...errorResponses(403, 404) },
        },
      },
      async (request, reply) => {
        const d = await exportSpecialGroups(ctxOf(deps, request), request.query, (e) => request.log.error({ err: loggable(e) }, 'special-group export failed'))
        return reply.header('content-type', XLSX_MIME).header('content-disposition', d.filename).header('cache-control', 'no-store').send(d.stream)
      },
    )
    app.post(
      '/exports/table',
      { schema: { tags, summary: '把页面上的表格或图表数据导出为 .xlsx（含导出人水印，留审计）', body: ExportTableBody, response: { 200: xlsx, ...errorResponses(413) } } },
      async (request, reply) => {
        const d = await exportTable(ctxOf(deps, request), request.body, (e) => request.log.error({ err: loggable(e) }, 'table export failed'))
        return reply.header('content-type', XLSX_MIME).header('content-disposition', d.filename).header('cache-control', 'no-store').send(d.stream)
      },
    )
    app.get(
      '/exports/unit-registrations',
      { schema: { tags, summary: '导出单位报到台账（.xlsx，含导出人水印，留审计）', querystring: ExportUnitRegistrationsQuery, response: { 200: xlsx, ...errorResponses(403, 404) } } },
      async (request, reply) => {
        const d = await exportUnitRegistrations(ctxOf(deps, request), request.query, (e) => request.log.error({ err: loggable(e) }, 'unit registration export failed'))
        return reply.header('content-type', XLSX_MIME).header('content-disposition', d.filename).header('cache-control', 'no-store').send(d.stream)
      },
    )
    app.get(
      '/exports/registrations',
      { schema: { tags, summary: '导出在职党员报到台账（.xlsx，电话脱敏、姓名按角色脱敏，含导出人水印，留审计）', querystring: ExportRegistrationsQuery, response: { 200: xlsx, ...errorResponses(403, 404) } } },
      async (request, reply) => {
        const d = await exportRegistrations(ctxOf(deps, request), request.query, (e) => request.log.error({ err: loggable(e) }, 'registration export failed'))
        return reply.header('content-type', XLSX_MIME).header('content-disposition', d.filename).header('cache-control', 'no-store').send(d.stream)
      },
    )
    app.get(
      '/exports/population',
      { schema: { tags, summary: '导出实有人口台账（.xlsx，筛选条件同台账；证件号和电话脱敏，姓名按角色脱敏，含导出人水印，留审计）', querystring: ExportPeopleQuery, response: { 200: xlsx, ...errorResponses(403, 404) } } },
      async (request, reply) => {
        const d = await exportPopulation(ctxOf(deps, request), request.query, (e) => request.log.error({ err: loggable(e) }, 'population export failed'))
        return reply.header('content-type', XLSX_MIME).header('content-disposition', d.filename).header('cache-control', 'no-store').send(d.stream)
      },
    )
    app.get(
      '/exports/party-stats',
      { schema: { tags, summary: '导出党建引领统计（.xlsx：合计与各社区或网格分列，含导出人水印，留审计）', querystring: PartyStatsQuery, response: { 200: xlsx, ...errorResponses(403, 404, 422) } } },
      async (request, reply) => {
        const d = await exportPartyStats(ctxOf(deps, request), request.query, (e) => request.log.error({ err: loggable(e) }, 'party stats export failed'))
        return reply.header('content-type', XLSX_MIME).header('content-disposition', d.filename).header('cache-control', 'no-store').send(d.stream)
      },
    )
    app.get(
      '/exports/ledger-monthly',
      { schema: { tags, summary: '导出台账月报表（.xlsx：人口、房屋、单位场所、特殊人群各一页，含合计与导出人水印，留审计）', querystring: LedgerMonthlyQuery, response: { 200: xlsx, ...errorResponses(403, 404, 422) } } },
      async (request, reply) => {
        const d = await exportLedgerMonthly(ctxOf(deps, request), request.query, (e) => request.log.error({ err: loggable(e) }, 'ledger monthly export failed'))
        return reply.header('content-type', XLSX_MIME).header('content-disposition', d.filename).header('cache-control', 'no-store').send(d.stream)
      },
    )
  }
}
