/** 双报到: in-service party members' registrations at communities. */
export { registrationRoutes } from './routes'
export { partyMemberRegistrationImporter } from './import'
