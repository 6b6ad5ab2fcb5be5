/** Login, sessions, the caller's own account and its second factor. */
export { authRoutes, CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, setCsrfCookie, setSessionCookie } from './routes'
export { mfaRoutes } from './mfa-routes'
export { authenticate, forgetIdleSessions, forgetLoginFailures, openVerifiedSession, sourceLockedUntil, type Authenticated } from './service'
export { enrolSecondFactor, forgetExpiredChallenges, removeSecondFactor, resetSecondFactorAsOperator, revealTotpSecret } from './mfa'
export { roleRequiresMfa } from './mfa-rules'
export { loadActorByUsername } from './actor'
export { describeScope, getMe } from './me'
export { findUserById } from './queries'
