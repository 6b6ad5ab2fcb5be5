import type { H5Domain } from '../shell/domain'

export const authDomain: H5Domain = {
  key: 'auth',
  publicRoutes: [
    { path: '/login', load: () => import('./LoginPage') },
    { path: '/signup', load: () => import('./SignupPage') },
  ],
}
