import { GiftOutlined } from '@ant-design/icons'
import type { ConsoleDomain } from '../shell/domain'

export const wishesDomain: ConsoleDomain = {
  key: 'wishes',
  menu: [{ label: '微心愿', icon: <GiftOutlined />, order: 60, group: '党建引领', path: '/wishes', roles: ['county', 'street', 'community', 'gridHead', 'gridWorker', 'unit'] }],
  routes: [{ path: 'wishes', load: () => import('./WishesPage') }],
}
