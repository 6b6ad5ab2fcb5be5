import { UnorderedListOutlined } from '@ant-design/icons'
import type { ConsoleDomain } from '../shell/domain'

export const listsDomain: ConsoleDomain = {
  key: 'lists',
  menu: [{ label: '三张清单', icon: <UnorderedListOutlined />, order: 58, group: '党建引领', path: '/lists', roles: ['county', 'street', 'community', 'gridHead', 'gridWorker', 'department', 'unit'] }],
  routes: [{ path: 'lists', load: () => import('./ListsPage') }],
}
