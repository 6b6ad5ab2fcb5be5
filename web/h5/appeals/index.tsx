import { page, type H5Domain } from '../shell/domain'

export const appealsDomain: H5Domain = {
  key: 'appeals',
  routes: [
    { path: '/appeals', lazy: page(() => import('./ListPage')) },
    { path: '/appeals/:id', lazy: page(() => import('./DetailPage')) },
    { path: '/appeals/:id/do/:action', lazy: page(() => import('./ActionPage')) },
    { path: '/todo/:kind', lazy: page(() => import('./TodoListPage')) },
  ],
}
