/** Excel exports of the appeal list and of any table a page shows: what other parts of the server may use. */
export { exportRoutes } from './routes'
/** the watermark line's facts (who exports, as what, when), for registers that stream their own exports */
export { metaOf } from './service'
