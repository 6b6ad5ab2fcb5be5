import type { ConsoleDomain } from '../shell/domain'

export const authDomain: ConsoleDomain = {
  key: 'auth',
  publicRoutes: [
    { path: '/login', load: () => import('./LoginPage') },
    { path: '/password', load: () => import('./ChangePasswordPage') },
  ],
}
