import { TeamOutlined } from '@ant-design/icons'
import type { ConsoleDomain } from '../shell/domain'

export const volunteersDomain: ConsoleDomain = {
  key: 'volunteers',
  menu: [{ label: '志愿服务', icon: <TeamOutlined />, order: 59, group: '党建引领', path: '/volunteers', roles: ['county', 'street', 'community', 'partyMember'] }],
  routes: [
    { path: 'volunteers', load: () => import('./VolunteersPage') },
    { path: 'volunteers/activities/:id', load: () => import('./ActivityPage') },
  ],
}
