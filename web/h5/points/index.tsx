import type { H5Domain } from '../shell/domain'

export const pointsDomain: H5Domain = {
  key: 'points',
  routes: [
    { path: '/points', load: () => import('./MyPointsPage') },
    { path: '/points/board', load: () => import('./BoardPage') },
  ],
}
