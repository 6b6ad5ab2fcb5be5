/** Excel exports of the appeal list and of any table a page shows: what other parts of the server may use. */
export { exportRoutes } from './routes'
