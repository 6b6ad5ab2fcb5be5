/** Statistics of DOMAIN §3.5 and the rollups behind the dashboards. */
export { statsRoutes } from './routes'
export { foldStatsDeltas, rebuildStatsRollups } from './rollup-queries'
export { COUNTED_COLUMNS, statsInsertTriggerSql, statsTriggerSql } from './counter-queries'
export { getPartyStats } from './party'
