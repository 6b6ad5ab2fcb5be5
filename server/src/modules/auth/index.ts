/** Login, sessions, the caller's own account. */
export { authRoutes, CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, setCsrfCookie, setSessionCookie } from './routes'
export { authenticate, forgetIdleSessions, forgetLoginFailures, openVerifiedSession, sourceLockedUntil, type Authenticated } from './service'
export { loadActorByUsername } from './actor'
export { describeScope, getMe } from './me'
export { findUserById } from './queries'
