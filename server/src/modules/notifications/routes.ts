import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { IdParams } from '#contracts/common'
import { ListNotificationsQuery, MarkedCount, Notification, NotificationPage } from '#contracts/notifications'
import type { AppDeps } from '../../context'
import { ctxOf, errorResponses } from '../../http'
import { listMyNotifications, markAllMyNotificationsRead, markMyNotificationRead } from './service'

export function notificationRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['notifications']
    app.get(
      '/notifications',
      { schema: { tags, summary: '我的通知（unread=true 只看未读）', querystring: ListNotificationsQuery, response: { 200: NotificationPage, ...errorResponses() } } },
      async (request) => listMyNotifications(ctxOf(deps, request), request.query),
    )
    app.post(
      '/notifications/:id/read',
      { schema: { tags, summary: '标记已读', params: IdParams, response: { 200: Notification, ...errorResponses(404) } } },
      async (request) => markMyNotificationRead(ctxOf(deps, request), Number(request.params.id)),
    )
    app.post(
      '/notifications/read-all',
      { schema: { tags, summary: '全部标记已读', response: { 200: MarkedCount, ...errorResponses() } } },
      async (request) => markAllMyNotificationsRead(ctxOf(deps, request)),
    )
  }
}
