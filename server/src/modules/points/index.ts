/**
 * 党建+积分 and 红黑榜. Other modules credit service through `creditService`, inside their own transaction
 * (check-out of an activity, a wish fulfilled, a pledged household visited, an appeal handled as 党员接单,
 * see docs/ARCHITECTURE.md "Points" for where each is credited).
 */
export { pointsRoutes } from './routes'
export { creditService, earnerOfPartyMember, type CreditResult, type ServiceCredit } from './ledger'
export { computeBoardLists } from './boards'
export { seedPointsDemo } from './demo'
/** the party figures of the stats module */
export { countPointsCredited } from './queries'
