import { page, type H5Domain } from '../shell/domain'

export const meDomain: H5Domain = {
  key: 'me',
  routes: [
    { path: '/me', lazy: page(() => import('./MePage')) },
    { path: '/inbox', lazy: page(() => import('./InboxPage')) },
  ],
}
