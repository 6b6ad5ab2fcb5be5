import type { H5Domain } from '../shell/domain'

/** 党建 on the phone: a party member's 我的报到 (双报到). */
export const partyDomain: H5Domain = {
  key: 'party',
  routes: [
    { path: '/party/registration', load: () => import('./MyRegistrationsPage') },
    { path: '/party/registration/new', load: () => import('./RegisterPage') },
    { path: '/party/registration/:id', load: () => import('./RegistrationDetailPage') },
  ],
}
