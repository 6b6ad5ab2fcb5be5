import type { H5Domain } from '../shell/domain'

export const meDomain: H5Domain = {
  key: 'me',
  routes: [
    { path: '/me', load: () => import('./MePage') },
    { path: '/inbox', load: () => import('./InboxPage') },
  ],
}
