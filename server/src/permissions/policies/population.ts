/**
 * 实有人口: who keeps the people register. The community, street and county keep it in their place (register,
 * correct, households' heads) and may read a person's full ID number and phone (audited); grid heads and
 * workers read their grid's people and record what they find on visits — a move out, a death, a move within
 * the grid, someone new in a household. Other roles see nothing (403); a person outside the caller's place is 404.
 */
import type { Role } from '#contracts/roles'
import { placeInScope } from '../actor'
import { roleRule, rule } from '../policy'

export const POPULATION_KEEPERS: readonly Role[] = ['county', 'street', 'community']
export const POPULATION_READERS: readonly Role[] = [...POPULATION_KEEPERS, 'gridHead', 'gridWorker']

export const populationRules = {
  'population.read': roleRule(POPULATION_READERS, '您的角色不能查看实有人口台账'),
  /** correct a person's fields, name a household's head */
  'population.keep': roleRule(POPULATION_KEEPERS, '只有社区、街道或县级账号可以修改人口信息'),
  /** register someone in a household and record moves: keepers and grid staff (found on visits) */
  'population.record': roleRule(POPULATION_READERS, '您的角色不能登记人口变动'),
  /** the full ID number and phone (audited) */
  'population.identity': roleRule(POPULATION_KEEPERS, '只有社区及以上账号可以查看完整证件号码和电话'),
  /** a person's (or household's, or a filter's) place lies under the caller's place */
  'population.place': rule((actor, code: string) => placeInScope(actor, code), 'NOT_FOUND', '人员不存在或不在您的辖区内'),
}
