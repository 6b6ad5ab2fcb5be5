import type { H5Domain } from '../shell/domain'

export const visitsDomain: H5Domain = {
  key: 'visits',
  routes: [
    { path: '/visits', load: () => import('./VisitListPage') },
    { path: '/visits/new', load: () => import('./VisitFormPage') },
  ],
}
