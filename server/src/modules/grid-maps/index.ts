/** Grid maps (demo boundaries, a community's map) and grid cards: what other parts of the server may use. */
export { gridMapRoutes } from './routes'
export { ensureCountyGridBoundaries } from './service'
