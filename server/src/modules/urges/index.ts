/** 催办 (chasing a late step): what other parts of the server may use. */
export { urgeRoutes } from './routes'
