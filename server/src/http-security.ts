/**
 * Security headers and the cross-origin policy, for every response (DOMAIN §6, 等保): a CSP the web
 * pages satisfy (no inline script; antd's CSS-in-JS needs inline styles), no framing, no sniffing, a
 * same-origin referrer, HSTS when the session cookie is HTTPS-only (production). /docs
 * (Swagger UI) has no inline script and lives under the same CSP.
 *
 * CORS: same origin by default — the console and phone pages are served by this server and need
 * none. Outside clients (a city platform, a hotline system) are listed in CORS_ORIGINS; they call
 * with a bearer token, never the session cookie (credentials are not allowed cross-origin).
 */
import cors from '@fastify/cors'
import helmet from '@fastify/helmet'
import type { FastifyInstance } from 'fastify'
import type { Env } from './env'

export const CSP_DIRECTIVES: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
}

/** The CSP header value, as browsers receive it. */
export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([k, v]) => `${k} ${v.join(' ')}`)
  .join('; ')

export async function registerHttpSecurity(app: FastifyInstance, env: Pick<Env, 'cookieSecure' | 'corsOrigins'>): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    // over plain HTTP (a laptop, the demo) a browser ignores it anyway; in production it pins HTTPS
    strictTransportSecurity: env.cookieSecure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  })
  // the phone pages use the location (where the problem is) and the camera (its photo); nothing else
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('permissions-policy', 'geolocation=(self), camera=(self), microphone=(), payment=(), usb=()')
  })
  await app.register(cors, {
    origin: (origin, cb) => cb(null, origin !== undefined && env.corsOrigins.includes(origin)),
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'idempotency-key'],
    credentials: false,
    maxAge: 600,
  })
}
