/** 基础信息登记 over HTTP: every register under /api/v1/registry/… */
import type { FastifyPluginAsync } from 'fastify'
import type { AppDeps } from '../../context'
import { countyRoutes } from './county-routes'
import { groupRoutes } from './group-routes'
import { housingRoutes } from './housing-routes'
import { orgRoutes } from './org-routes'
import { peopleRoutes } from './people-routes'

export function registryRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app) => {
    await app.register(countyRoutes(deps))
    await app.register(housingRoutes(deps))
    await app.register(peopleRoutes(deps))
    await app.register(orgRoutes(deps))
    await app.register(groupRoutes(deps))
  }
}
