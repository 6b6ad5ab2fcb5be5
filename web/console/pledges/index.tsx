import { TeamOutlined } from '@ant-design/icons'
import type { ConsoleDomain } from '../shell/domain'

export const pledgesDomain: ConsoleDomain = {
  key: 'pledges',
  menu: [{ label: '党员包保', icon: <TeamOutlined />, order: 57, group: '党建引领', path: '/pledges', roles: ['county', 'street', 'community', 'gridHead', 'gridWorker'] }],
  routes: [
    { path: 'pledges', load: () => import('./CoveragePage') },
    { path: 'pledges/buildings/:id', load: () => import('./BuildingPage') },
    { path: 'pledges/buildings/:id/notice', load: () => import('./NoticePage') },
  ],
}
