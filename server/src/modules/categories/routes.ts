import type { FastifyPluginAsync } from 'fastify'
import { CategoryTree } from '#contracts/appeals'
import type { AppDeps } from '../../context'
import { ctxOf, errorResponses } from '../../http'
import { getCategoryTree } from './service'

export function categoryRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/categories',
      {
        schema: {
          tags: ['appeals'],
          summary: '诉求分类目录（大类 → 小类），含默认重要与紧急程度',
          response: { 200: CategoryTree, ...errorResponses() },
        },
      },
      async (request) => getCategoryTree(ctxOf(deps, request)),
    )
  }
}
