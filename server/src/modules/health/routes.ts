import type { FastifyPluginAsync } from 'fastify'
import { Healthy, Unhealthy } from '#contracts/health'
import type { AppDeps } from '../../context'
import { provisionalWarning, provisionalYearsDue } from '../calendar'
import { pingDatabase } from './queries'

export function healthRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/healthz',
      {
        config: { public: true },
        schema: {
          tags: ['system'],
          summary: '健康检查：报告数据库状态',
          response: {
            200: Healthy,
            503: Unhealthy,
          },
        },
      },
      async (_request, reply) => {
        const started = performance.now()
        try {
          await pingDatabase(deps.database.db)
          const latencyMs = Math.round((performance.now() - started) * 100) / 100
          const warnings = (await provisionalYearsDue(deps.database.db, deps.clock.now())).map(provisionalWarning)
          return { status: 'ok', database: { kind: deps.database.kind, ok: true, latencyMs }, warnings }
        } catch {
          return reply.status(503).send({ status: 'degraded', database: { kind: deps.database.kind, ok: false, error: '数据库不可用' } })
        }
      },
    )
  }
}
