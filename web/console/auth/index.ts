import type { ConsoleDomain } from '../shell/domain'

export const authDomain: ConsoleDomain = {
  key: 'auth',
  publicRoutes: [
    { path: '/login', load: () => import('./LoginPage') },
    { path: '/password', load: () => import('./ChangePasswordPage') },
    // outside the frame: an account that must enrol can open nothing else first
    { path: '/mfa', load: () => import('./MfaPage') },
  ],
}
