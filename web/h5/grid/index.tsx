import { page, type H5Domain } from '../shell/domain'
import GridHome from './GridHome'

export const gridDomain: H5Domain = {
  key: 'grid',
  home: { roles: ['gridWorker', 'gridHead'], Component: GridHome },
  routes: [
    { path: '/grid/patrol', lazy: page(() => import('./PatrolPage')) },
    { path: '/grid/households', lazy: page(() => import('./HouseholdsPage')) },
  ],
}
