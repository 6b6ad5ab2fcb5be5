/** Residents' register (masked; one field revealed at a time, audited). */
export { residentRoutes } from './routes'
export { findResidentById } from './queries'
export { presentResident } from './presenter'
