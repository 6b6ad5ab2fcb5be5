/** 双报到: in-service party members' registrations at communities. */
export { registrationRoutes } from './routes'
export { listRegistrationsForActor } from './service'
/** for the demo seed */
export { insertRegistration } from './queries'
export { partyMemberRegistrationImporter } from './import'
/** the party figures of the stats module */
export { countRegisteredMembers } from './queries'
