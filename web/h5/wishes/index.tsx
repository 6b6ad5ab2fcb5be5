import type { H5Domain } from '../shell/domain'

export const wishesDomain: H5Domain = {
  key: 'wishes',
  routes: [
    { path: '/wishes', load: () => import('./WishesPage') },
    { path: '/wishes/:id', load: () => import('./WishDetailPage') },
  ],
  // 心愿墙: anyone, without logging in
  publicRoutes: [{ path: '/wish-wall', load: () => import('./WishWallPage') }],
}
