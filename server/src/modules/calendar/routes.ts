import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { CalendarDay, CalendarQuery, CalendarResponse, ClearedDay, ConfirmedYear, DayParams, SetDayBody, YearParams } from '#contracts/calendar'
import type { AppDeps } from '../../context'
import { ctxOf, errorResponses } from '../../http'
import { clearCalendarDay, getCalendarYear, setCalendarDay } from './service'
import { confirmCalendarYear } from './years'

export function calendarRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['calendar']
    app.get(
      '/calendar',
      { schema: { tags, summary: '某年的节假日与调休上班日', querystring: CalendarQuery, response: { 200: CalendarResponse, ...errorResponses() } } },
      async (request) => getCalendarYear(ctxOf(deps, request), request.query.year),
    )
    app.put(
      '/calendar/:day',
      {
        schema: { tags, summary: '设置某日为工作日或休息日（系统管理员）', params: DayParams, body: SetDayBody, response: { 200: CalendarDay, ...errorResponses(403) } },
      },
      async (request) => setCalendarDay(ctxOf(deps, request), request.params.day, request.body.isWorkday, request.body.name),
    )
    app.delete(
      '/calendar/:day',
      {
        schema: {
          tags,
          summary: '取消某日的特别安排，恢复周一至周五规则（系统管理员）',
          params: DayParams,
          response: { 200: ClearedDay, ...errorResponses(403, 404) },
        },
      },
      async (request) => clearCalendarDay(ctxOf(deps, request), request.params.day),
    )
    app.post(
      '/calendar/years/:year/confirm',
      {
        schema: {
          tags,
          summary: '确认某年的工作日历为正式安排（录入国务院办公厅通知后；系统管理员）',
          params: YearParams,
          response: { 200: ConfirmedYear, ...errorResponses(403) },
        },
      },
      async (request) => confirmCalendarYear(ctxOf(deps, request), request.params.year),
    )
  }
}
