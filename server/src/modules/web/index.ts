/** Serving the web bundle (console at /, phone pages at /h5) and building it on start: what other parts of the server may use. */
export { webRoutes } from './routes'
export { currentWebBuild, startWebBuild } from './build'
