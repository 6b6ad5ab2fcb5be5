/** Statistics: every level sees its own place and what is under it; a department its own figures, a county its departments'. */
import { placeInScope, type Actor } from '../actor'
import { roleRule, rule } from '../policy'

export const PLACE_STATS_ROLES = ['county', 'street', 'community', 'gridHead', 'gridWorker'] as const

export const statsRules = {
  'stats.read': roleRule([...PLACE_STATS_ROLES, 'department'], '您的角色不能查看统计'),
  'stats.places': roleRule(PLACE_STATS_ROLES, '您的角色不能查看地区统计'),
  'stats.place': rule((actor: Actor, code: string) => placeInScope(actor, code), 'NOT_FOUND', '地点不存在或不在您的辖区内'),
  'stats.department': rule(
    (actor: Actor, d: { code: string; countyCode: string }) =>
      (actor.role === 'department' && actor.departmentCode === d.code) ||
      (actor.role === 'county' && actor.placeCode !== null && d.countyCode.startsWith(actor.placeCode)),
    'NOT_FOUND',
    '部门不存在或无权查看',
  ),
}
