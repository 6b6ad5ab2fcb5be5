import type { H5Domain } from '../shell/domain'

/** 党建 on the phone: a party member's 我的报到 (双报到); a unit's own members as its home. */
export const partyDomain: H5Domain = {
  key: 'party',
  home: { roles: ['unit'], load: () => import('./UnitHome') },
  routes: [
    { path: '/party/registration', load: () => import('./MyRegistrationsPage') },
    { path: '/party/registration/new', load: () => import('./RegisterPage') },
    { path: '/party/registration/:id', load: () => import('./RegistrationDetailPage') },
  ],
}
