/** 包保: household pledges, visits and the 三亮 building notice. */
export { pledgeRoutes } from './routes'
export { endPledgesOnTransfer } from './service'
export { seedDemoPledges } from './demo'
/** the party figures of the stats module */
export { countHouseholdCoverage, countPledgingMembers } from './queries'
