/** 特殊人群: typed, sensitive sub-records of residents, visible by kind to the roles that work with them. */
export { specialGroupRoutes } from './routes'
/** the export (modules/exports) */
export { listSpecialGroupsForActor, listSpecialGroupsForExport } from './service'
/** the monthly tables (stats): figures of the caller's readable kinds only */
export { specialGroupFigures } from './service'
/** the demo seed */
export { insertDemoSpecialGroups, type DemoSpecialGroup } from './service'
export { listTaggedResidents as listDemoResidentsForGroups } from './queries'
export { careGroupImporter, managedGroupImporter } from './import'
