/** 走访: visit lists from the registers, the one-screen visit, door-knocking campaigns, coverage. */
export { visitRoutes } from './routes'
/** the monthly tables' figures */
export { visitCoverage } from './coverage'
/** for the demo seed */
export { insertCampaign, insertVisits, upsertVisitRule } from './queries'
export { SUBJECT_TYPE_OF_KIND } from './record'
