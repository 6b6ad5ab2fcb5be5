/** 台账统计: the monthly statistical tables and the 六项台账 overview, counted from the registers. */
export { ledgerStatsRoutes } from './routes'
export { getLedgerMonthly } from './service'
