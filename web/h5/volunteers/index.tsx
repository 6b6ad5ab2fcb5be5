import type { H5Domain } from '../shell/domain'

export const volunteersDomain: H5Domain = {
  key: 'volunteers',
  routes: [
    { path: 'volunteers', load: () => import('./ActivitiesPage') },
    { path: 'volunteers/attend', load: () => import('./AttendPage') },
    { path: 'volunteers/activities/:id', load: () => import('./ActivityDetailPage') },
  ],
}
