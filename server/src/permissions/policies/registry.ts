/**
 * 基础信息登记: who keeps the register of a county.
 *
 * - What is inside a community — compounds, buildings, units, households, residents, 十联户 groups and
 *   their leaders, service teams and their members, party organisations below the street (the
 *   community's, its grids' and buildings') and party members — is kept by the community account, and
 *   by the street and county accounts above it, each only under its own place.
 * - The street's party working committee (街道党工委) is kept by the street and the county.
 * - The county-level registers — departments (部门) and property companies (物业公司) — are kept by the
 *   county's system administrator (role systemAdmin, scope = the county code), who also opens and
 *   retires grids: reference data of the whole county (三员分立: not the security or audit administrator,
 *   and not the county command centre, which works appeals).
 * - Grid staff read the register of their grid; every place account in a county reads its departments
 *   and property companies (it chooses from them). Accounts themselves — grid heads and workers, 联户长,
 *   party members, property companies — are created by the security administrator with the place as
 *   their scope; the register only binds people to groups, teams and organisations.
 *
 * A wrong role is 403; a place or record outside the caller's place (or county) is 404.
 */
import type { Role } from '#contracts/roles'
import { placeInScope, type Actor } from '../actor'
import { roleRule, rule } from '../policy'

/** Roles that keep the register inside their place. */
export const REGISTRY_KEEPERS: readonly Role[] = ['county', 'street', 'community']
/** Roles that read it (grid staff: their grid). */
export const REGISTRY_READERS: readonly Role[] = [...REGISTRY_KEEPERS, 'gridHead', 'gridWorker']

/** Is a county (6 digits) the caller's own, or under it (a city or province command centre)? */
const inCounty = (actor: Actor, countyCode: string) =>
  actor.placeCode !== null && (countyCode.startsWith(actor.placeCode) || (actor.placeCode.length > 6 && actor.placeCode.startsWith(countyCode)))

const OUT_OF_SCOPE = '记录不存在或不在您的辖区内'

export const registryRules = {
  'registry.keep': roleRule(REGISTRY_KEEPERS, '只有社区、街道或县级账号可以维护基础信息'),
  'registry.read': roleRule(REGISTRY_READERS, '您的角色不能查看基础信息'),
  /** the place a record hangs from (its community, grid or street) lies under the caller's place */
  'registry.place': rule((actor, code: string) => placeInScope(actor, code), 'NOT_FOUND', OUT_OF_SCOPE),
  'registry.keepCounty': roleRule(['systemAdmin'], '部门和物业公司由本县系统管理员维护'),
  /** the system administrator's own county */
  'registry.county': rule((actor, countyCode: string) => actor.role === 'systemAdmin' && actor.placeCode === countyCode, 'NOT_FOUND', OUT_OF_SCOPE),
  'registry.readCounty': roleRule([...REGISTRY_READERS, 'systemAdmin'], '您的角色不能查看部门和物业公司名录'),
  /** a county's departments and property companies: read by every place account in it and its administrator */
  'registry.countyReach': rule((actor, countyCode: string) => inCounty(actor, countyCode), 'NOT_FOUND', OUT_OF_SCOPE),
}
