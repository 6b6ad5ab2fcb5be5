import { AuditOutlined, CalendarOutlined, TeamOutlined } from '@ant-design/icons'
import type { ConsoleDomain } from '../shell/domain'

export const adminDomain: ConsoleDomain = {
  key: 'admin',
  menu: [
    { label: '账号管理', icon: <TeamOutlined />, order: 80, path: '/admin/users', roles: ['securityAdmin'] },
    { label: '工作日历', icon: <CalendarOutlined />, order: 81, path: '/admin/calendar', roles: ['systemAdmin', 'county', 'street', 'community'] },
    { label: '审计日志', icon: <AuditOutlined />, order: 82, path: '/admin/audit', roles: ['auditAdmin'] },
  ],
  routes: [
    { path: 'admin/users', load: () => import('./UsersPage') },
    { path: 'admin/calendar', load: () => import('./CalendarPage') },
    { path: 'admin/audit', load: () => import('./AuditPage') },
  ],
}
