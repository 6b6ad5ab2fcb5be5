/** Statistics of DESIGN §3.5 and the rollups behind the dashboards. */
export { statsRoutes } from './routes'
export { foldStatsDeltas, rebuildStatsRollups } from './rollup-queries'
