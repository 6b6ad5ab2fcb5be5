import type { H5Domain } from '../shell/domain'

export const appealsDomain: H5Domain = {
  key: 'appeals',
  routes: [
    { path: '/appeals', load: () => import('./ListPage') },
    { path: '/appeals/:id', load: () => import('./DetailPage') },
    { path: '/appeals/:id/do/:action', load: () => import('./ActionPage') },
    { path: '/todo/:kind', load: () => import('./TodoListPage') },
  ],
}
