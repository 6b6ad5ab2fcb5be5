import { BellOutlined } from '@ant-design/icons'
import type { ConsoleDomain } from '../shell/domain'

export const notificationsDomain: ConsoleDomain = {
  key: 'notifications',
  menu: [
    {
      label: '通知',
      icon: <BellOutlined />,
      order: 60,
      path: '/notifications',
      badge: 'unread',
      roles: ['county', 'street', 'community', 'gridHead', 'gridWorker', 'householdLeader', 'department', 'property', 'partyMember', 'systemAdmin'],
    },
  ],
  routes: [{ path: 'notifications', load: () => import('./NotificationsPage') }],
}
