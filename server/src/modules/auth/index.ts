/** Login, sessions, the caller's own account. */
export { authRoutes, SESSION_COOKIE } from './routes'
export { authenticate, forgetIdleSessions, type Authenticated } from './service'
export { loadActorByUsername } from './actor'
export { describeScope } from './me'
export { findUserById } from './queries'
