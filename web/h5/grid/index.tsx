import type { H5Domain } from '../shell/domain'

export const gridDomain: H5Domain = {
  key: 'grid',
  home: { roles: ['gridWorker', 'gridHead'], load: () => import('./GridHome') },
  routes: [
    { path: '/grid/patrol', load: () => import('./PatrolPage') },
    { path: '/grid/households', load: () => import('./HouseholdsPage') },
  ],
}
