/** 包保: household pledges, visits and the 三亮 building notice. */
export { pledgeRoutes } from './routes'
export { endPledgesOnTransfer } from './service'
export { seedDemoPledges } from './demo'
/** the party figures of the stats module */
export { countHouseholdCoverage, countPledgingMembers } from './queries'
/** for the unit's view of its members (工作在单位、服务在社区) */
export { activePledgeCounts } from './queries'
