/**
 * 三员分立: the system administrator keeps places and the calendar, the security administrator the
 * accounts, the audit administrator reads the audit log — and none of them does another's work.
 */
import { ADMIN_ROLES } from '#contracts/roles'
import type { Actor } from '../actor'
import { roleRule, rule } from '../policy'

const isAdminRole = (role: string) => (ADMIN_ROLES as readonly string[]).includes(role)

export const adminRules = {
  'grid.manage': roleRule(['systemAdmin'], '只有系统管理员可以设置网格'),
  'calendar.edit': roleRule(['systemAdmin'], '只有系统管理员可以调整工作日历'),
  'audit.read': roleRule(['auditAdmin'], '只有审计管理员可以查看审计日志'),
  'user.manage': roleRule(['securityAdmin'], '只有安全管理员可以管理账号'),
  /** an account this (county) security administrator manages: one whose scope lies in the county */
  'user.read': rule((actor, u: { countyCode: string | null }) => u.countyCode !== null && u.countyCode === actor.placeCode, 'NOT_FOUND', '账号不存在'),
  'user.createRole': rule((_actor, role: string) => !isAdminRole(role), 'ADMIN_ROLE_RESERVED', '三员账号由系统初始化，不能在此创建'),
  'user.disable': rule((_actor, u: { role: string }) => !isAdminRole(u.role), 'ADMIN_ROLE_RESERVED', '不能停用三员账号'),
  'user.resetPassword': rule(
    (actor: Actor, u: { id: number; role: string }) => !isAdminRole(u.role) || u.id === actor.userId,
    'ADMIN_ROLE_RESERVED',
    '不能重置其他管理员的密码',
  ),
  /**
   * 两步验证 reset (a lost phone): any account of the county, the other administrators included —
   * but not one's own, or a stolen security administrator's session could drop its own factor.
   */
  'user.resetMfa': rule((actor: Actor, u: { id: number }) => u.id !== actor.userId, 'MFA_RESET_OWN', '不能重置本人的两步验证，请由运维人员在服务器上用 yiwang 命令重置'),
}
