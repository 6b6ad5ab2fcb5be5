import { page, type H5Domain } from '../shell/domain'

export const authDomain: H5Domain = {
  key: 'auth',
  publicRoutes: [
    { path: '/login', lazy: page(() => import('./LoginPage')) },
    { path: '/signup', lazy: page(() => import('./SignupPage')) },
  ],
}
