/** 单位场所: shops, restaurants, 九小场所, enterprises and key units with their responsible person and grid. */
export { venueRoutes } from './routes'
export { venueRegisterUpdates } from './register-updates'
export { venuesImporter } from './import'
export { getVenue } from './service'
/** for the demo seed */
export { insertDemoVenue } from './demo'
