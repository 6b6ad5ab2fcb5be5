/** 台账导入: the shared import routes (the pipeline is core/excel; each register declares its importer). */
export { importRoutes } from './routes'
export { importerRegistry, type ImporterRegistry } from './service'
