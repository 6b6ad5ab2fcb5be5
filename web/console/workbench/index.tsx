import { DashboardOutlined } from '@ant-design/icons'
import { APPEAL_ROLES, type ConsoleDomain } from '../shell/domain'

export const workbenchDomain: ConsoleDomain = {
  key: 'workbench',
  menu: [{ label: '工作台', icon: <DashboardOutlined />, order: 10, path: '/workbench', roles: APPEAL_ROLES }],
  routes: [{ path: 'workbench', load: () => import('./WorkbenchPage') }],
}
