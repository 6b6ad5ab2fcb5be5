import { GiftOutlined } from '@ant-design/icons'
import type { ConsoleDomain } from '../shell/domain'

export const pointsDomain: ConsoleDomain = {
  key: 'points',
  menu: [{ label: '党建积分', icon: <GiftOutlined />, order: 61, group: '党建引领', path: '/points', roles: ['county', 'street', 'community'] }],
  routes: [{ path: 'points', load: () => import('./PointsPage') }],
}
