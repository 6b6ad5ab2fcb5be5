import { ApartmentOutlined, SolutionOutlined, TeamOutlined } from '@ant-design/icons'
import type { ConsoleDomain } from '../shell/domain'

/** 党建: 双报到 ledgers — units registered at communities, and their in-service members. */
export const partyDomain: ConsoleDomain = {
  key: 'party',
  menu: [
    { label: '报到单位', icon: <ApartmentOutlined />, order: 55, group: '党建引领', path: '/party/units', roles: ['county', 'street', 'community', 'unit'] },
    { label: '在职党员', icon: <SolutionOutlined />, order: 56, group: '党建引领', path: '/party/members', roles: ['county', 'street', 'community'] },
    { label: '本单位党员', icon: <TeamOutlined />, order: 54, group: '党建引领', path: '/party/my-members', roles: ['unit'] },
  ],
  routes: [
    { path: 'party/units', load: () => import('./UnitsPage') },
    { path: 'party/members', load: () => import('./MembersPage') },
    { path: 'party/my-members', load: () => import('./MyMembersPage') },
  ],
}
