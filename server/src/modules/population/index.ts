/**
 * 实有人口 (people and households, issue 13): the register with its search, the person card, the moves with their
 * residence history, the building lookup; what others may use: opening a stay (the registry, the demo and the
 * factories), the register updates a visit may apply, the list (the export) and a person's card data.
 */
export { populationRoutes } from './routes'
export { moveStay, openStays, type StayPerson } from './stays'
export { populationRegisterUpdates } from './register-updates'
export { listPeople, getPersonCard } from './service'
export * as populationDemo from './demo'
export { peopleImporter } from './import'
