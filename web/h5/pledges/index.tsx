import type { H5Domain } from '../shell/domain'

export const pledgesDomain: H5Domain = {
  key: 'pledges',
  routes: [
    { path: '/pledges', load: () => import('./MyPledgesPage') },
    { path: '/pledges/choose', load: () => import('./ChoosePage') },
    { path: '/pledges/:id/visit', load: () => import('./VisitPage') },
  ],
}
