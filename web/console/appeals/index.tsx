import { FileTextOutlined } from '@ant-design/icons'
import { APPEAL_ROLES, type ConsoleDomain } from '../shell/domain'

export const appealsDomain: ConsoleDomain = {
  key: 'appeals',
  menu: [{ label: '诉求列表', icon: <FileTextOutlined />, order: 20, path: '/appeals', roles: APPEAL_ROLES }],
  routes: [
    { path: 'appeals', load: () => import('./ListPage') },
    { path: 'appeals/:id', load: () => import('./DetailPage') },
  ],
}
