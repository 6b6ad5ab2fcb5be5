/** 双报到: units (报到单位) and their registrations at communities; what member registrations and exports use. */
export { unitRoutes } from './routes'
export { unitRegistrationImporter } from './import'
export { endExpiredUnitRegistrations, listUnitRegistrationsForActor, requireRegisteredUnit, unitForMembers, unitName } from './service'
/** for the member registrations' import: the county's units by name, registered or not */
export { listCountyUnits } from './queries'
/** for the demo seed */
export { insertUnit, insertUnitRegistration } from './queries'
/** the party figures of the stats module */
export { countRegisteredUnits } from './queries'
