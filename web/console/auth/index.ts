import { page, type ConsoleDomain } from '../shell/domain'

export const authDomain: ConsoleDomain = {
  key: 'auth',
  publicRoutes: [
    { path: '/login', lazy: page(() => import('./LoginPage')) },
    { path: '/password', lazy: page(() => import('./ChangePasswordPage')) },
  ],
}
