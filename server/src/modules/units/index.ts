/** 双报到: units (报到单位) and their registrations at communities; what member registrations and exports use. */
export { unitRoutes } from './routes'
export { endExpiredUnitRegistrations, listUnitRegistrationsForActor, requireRegisteredUnit, unitForMembers, unitName } from './service'
/** for the demo seed */
export { insertUnit, insertUnitRegistration } from './queries'
/** the party figures of the stats module */
export { countRegisteredUnits } from './queries'
