/**
 * 台账统计: who may read the monthly statistical tables and the 六项台账 overview. Every place level reads its own
 * place and what is under it — the county, the street, its 综治中心 (publicSafety) and 司法所 (judicialOffice),
 * the community and the grid staff. Which special-group kinds the figures may name is the special-group
 * policy's (readableSpecialGroupKinds): a community counts care groups only, never managed ones.
 */
import type { Role } from '#contracts/roles'
import { placeInScope, type Actor } from '../actor'
import { roleRule, rule } from '../policy'

export const LEDGER_STATS_ROLES: readonly Role[] = ['county', 'street', 'publicSafety', 'judicialOffice', 'community', 'gridHead', 'gridWorker']

export const ledgerStatsRules = {
  'ledgerStats.read': roleRule(LEDGER_STATS_ROLES, '您的角色不能查看台账统计'),
  /** the place asked about lies under the caller's place (404 otherwise: its existence does not leak) */
  'ledgerStats.place': rule((actor: Actor, code: string) => placeInScope(actor, code), 'NOT_FOUND', '地点不存在或不在您的辖区内'),
}
