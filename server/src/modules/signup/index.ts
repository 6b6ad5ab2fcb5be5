/** Resident self-sign-up, phone codes and household claims: what other parts of the server may use. */
export { signupRoutes } from './routes'
export { consumePhoneCode, residentAccountForPhone } from './service'
