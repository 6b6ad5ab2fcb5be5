import { AlertOutlined } from '@ant-design/icons'
import type { ConsoleDomain } from '../shell/domain'

export const supervisionsDomain: ConsoleDomain = {
  key: 'supervisions',
  menu: [{ label: '督办', icon: <AlertOutlined />, order: 50, path: '/supervisions', roles: ['county', 'street', 'community', 'gridHead', 'gridWorker', 'department', 'property', 'partyMember'] }],
  routes: [{ path: 'supervisions', load: () => import('./SupervisionsPage') }],
}
