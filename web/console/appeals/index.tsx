import { FileTextOutlined } from '@ant-design/icons'
import { APPEAL_ROLES, page, type ConsoleDomain } from '../shell/domain'

export const appealsDomain: ConsoleDomain = {
  key: 'appeals',
  menu: [{ label: '诉求列表', icon: <FileTextOutlined />, order: 20, path: '/appeals', roles: APPEAL_ROLES }],
  routes: [
    { path: 'appeals', lazy: page(() => import('./ListPage')) },
    { path: 'appeals/:id', lazy: page(() => import('./DetailPage')) },
  ],
}
