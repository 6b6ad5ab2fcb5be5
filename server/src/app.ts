/**
 * buildApp(deps): the whole HTTP application, used by main.ts and by every test.
 * Validation: one Ajv for bodies (no type coercion: a string is not a number) and one for
 * query strings and params (coercion, since they arrive as text). Unknown fields are rejected.
 */
import crypto from 'node:crypto'
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify'
import cookie from '@fastify/cookie'
import multipart from '@fastify/multipart'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { REVOCATION_CHANNEL } from './core/session-cache'
import type { AppDeps } from './context'
import { AppError, frameworkErrorHandler, registerErrorHandler } from './errors'
import { registerHttpSecurity } from './http-security'
import { appealRoutes, canSeeAppealAttachment, supervisionRoutes } from './modules/appeals'
import { auditRoutes } from './modules/audit'
import { authenticate, authRoutes, CSRF_COOKIE, CSRF_HEADER, mfaRoutes, SESSION_COOKIE, setCsrfCookie } from './modules/auth'
import { calendarRoutes } from './modules/calendar'
import { categoryRoutes } from './modules/categories'
import { fileRoutes, MAX_UPLOAD_BYTES } from './modules/files'
import { healthRoutes } from './modules/health'
import { ledgerStatsRoutes } from './modules/ledger-stats'
import { canSeeProjectAttachment, listsRoutes } from './modules/lists'
import { notificationRoutes } from './modules/notifications'
import { placeRoutes } from './modules/places'
import { publicRoutes } from './modules/public'
import { unitRegistrationImporter, unitRoutes } from './modules/units'
import { importerRegistry, importRoutes } from './modules/imports'
import { visitRoutes } from './modules/visits'
import { registerUpdateRegistry, type RegisterUpdateRegistry } from './core/register-updates'
import { housingRegisterUpdates, housingRoutes, rentalsImporter, roomsImporter } from './modules/housing'
import { venueRegisterUpdates, venueRoutes, venuesImporter } from './modules/venues'
import { partyMemberRegistrationImporter, registrationRoutes } from './modules/registrations'
import { careGroupImporter, managedGroupImporter, specialGroupRoutes } from './modules/special-groups'
import { peopleImporter, populationRegisterUpdates, populationRoutes } from './modules/population'
import { pointsRoutes } from './modules/points'
import { pledgeRoutes } from './modules/pledges'
import { registryRoutes } from './modules/registry'
import { residentRoutes } from './modules/residents'
import { volunteerRoutes } from './modules/volunteers'
import { statsRoutes } from './modules/stats'
import { userRoutes } from './modules/users'
import { exportRoutes } from './modules/exports'
import { gridMapRoutes } from './modules/grid-maps'
import { qrReportRoutes } from './modules/qr-report'
import { signupRoutes } from './modules/signup'
import { urgeRoutes } from './modules/urges'
import { webRoutes } from './modules/web'
import { canSeeWishAttachment, wishRoutes } from './modules/wishes'

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv

function makeAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    removeAdditional: false,
    useDefaults: true,
    coerceTypes: coerce ? 'array' : false,
    strict: false,
  })
  addFormats(ajv)
  return ajv
}

const unsupportedMediaType = (messageZh = '不支持的请求内容类型，请使用 application/json') =>
  new AppError('UNSUPPORTED_MEDIA_TYPE', messageZh)

/**
 * JSON only, in UTF-8. Fastify also parses text/plain by default, which would turn a text body
 * into a confusing "body must be an object" 400; a client that sends the wrong media type gets 415.
 * Multipart is parsed for every route by @fastify/multipart, so routes that do not declare
 * `consumes: ['multipart/form-data']` refuse it here with 415 as well.
 */
function configureBodyParsers(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error')
  app.removeContentTypeParser(['application/json', 'text/plain'])
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase()
    if (charset && charset !== 'utf-8' && charset !== 'utf8') {
      done(unsupportedMediaType('只支持 UTF-8 编码的 JSON'), undefined)
      return
    }
    parseJson(request, body as string, done)
  })
  // A list filter may be given as repeated parameters (status=a&status=b) or as one comma list (status=a,b).
  app.addHook('preValidation', async (request) => {
    const props = (request.routeOptions.schema?.querystring as { properties?: Record<string, { type?: string }> } | undefined)?.properties
    if (!props) return
    const query = request.query as Record<string, unknown>
    for (const [key, value] of Object.entries(query)) {
      if (props[key]?.type !== 'array') continue
      const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]))
      query[key] = parts.filter((v) => v !== '')
    }
  })
  app.addHook('preValidation', async (request) => {
    if (!request.isMultipart()) return
    const consumes = (request.routeOptions.schema as { consumes?: string[] } | undefined)?.consumes
    if (!consumes?.includes('multipart/form-data')) throw unsupportedMediaType()
  })
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * CSRF for cookie sessions: the browser says where the request comes from (Sec-Fetch-Site, Origin)
 * and the page proves it read the CSRF cookie (double submit). Any of them wrong: 403 CSRF_REJECTED.
 */
function refuseCrossSite(request: FastifyRequest): void {
  const site = request.headers['sec-fetch-site']
  if (site !== undefined && site !== 'same-origin' && site !== 'none') throw new AppError('CSRF_REJECTED')
  const origin = request.headers.origin
  if (origin !== undefined) {
    let same = false
    try {
      const from = new URL(origin)
      // compared as URLs, so that a default port (:80, :443) written or not makes no difference
      same = from.host === new URL(`${from.protocol}//${request.headers.host ?? ''}`).host
    } catch {
      // "null" or garbage: not our page
    }
    if (!same) throw new AppError('CSRF_REJECTED')
  }
  const expected = request.cookies[CSRF_COOKIE]
  const sent = request.headers[CSRF_HEADER]
  if (!expected || typeof sent !== 'string' || sent.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(sent), Buffer.from(expected))) {
    throw new AppError('CSRF_REJECTED')
  }
}

/**
 * The session cache serves callers only while this feed is up: the database NOTIFYs every change to what
 * a caller is made of, and the cache forgets it (core/session-cache.ts).
 */
async function connectSessionRevocation(app: FastifyInstance, deps: AppDeps): Promise<void> {
  if (deps.env.sessionCacheSeconds <= 0) return
  const stop = await deps.database.listen(
    REVOCATION_CHANNEL,
    (payload) => deps.sessions.onRevocation(payload),
    (live) => deps.sessions.setLive(live),
  )
  app.addHook('onClose', async () => {
    await stop().catch(() => deps.sessions.setLive(false))
  })
}

/** `registerUpdates`: what a visit may change in the registers (tests pass their own). */
export async function buildApp(deps: AppDeps, o: { registerUpdates?: RegisterUpdateRegistry } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      deps.env.logLevel === 'silent'
        ? false
        : {
            level: deps.env.logLevel,
            // Query strings can hold a phone or ID number (exact resident lookup): log the path only.
            serializers: {
              req: (req: { method: string; url: string; ip?: string }) => ({
                method: req.method,
                url: req.url.split('?')[0],
                ip: req.ip,
              }),
            },
          },
    bodyLimit: 1024 * 1024,
    // the web bundle may be built on start (modules/web): on a busy 2-core machine that takes longer than
    // avvio's default 10 s per plugin, and a slow build must not stop the server starting
    pluginTimeout: 300_000,
    // Only the balancer's X-Forwarded-For is believed (TRUST_PROXY); otherwise a client could
    // choose the address written into the audit log.
    trustProxy: deps.env.trustProxy as boolean | string, // a hop count is accepted at run time (Fastify docs)
    ajv: undefined,
    frameworkErrors: frameworkErrorHandler,
  })
  const bodyAjv = makeAjv(false)
  const textAjv = makeAjv(true)
  app.setValidatorCompiler(({ schema, httpPart }) =>
    httpPart === 'body' ? bodyAjv.compile(schema as object) : textAjv.compile(schema as object),
  )
  registerErrorHandler(app)
  configureBodyParsers(app)
  await connectSessionRevocation(app, deps)

  await registerHttpSecurity(app, deps.env)
  await app.register(cookie)
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5, fieldSize: 1024 } })
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Yiwang 一网 API',
        description: '党建引领城市基层治理平台 HTTP API。错误统一为 {code, message, details?}。',
        version: '1',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    // a route may show a richer body than it validates (one schema per workflow action; the photo upload)
    transform: ({ schema, url, route }) => {
      const docBody = (route.config as { docBody?: unknown } | undefined)?.docBody
      return { schema: docBody ? ({ ...schema, body: docBody } as typeof schema) : schema, url }
    },
  })
  // Swagger UI has no inline script: the global CSP serves it as it is
  await app.register(swaggerUi, { routePrefix: '/docs' })

  // Server-Timing: how long the server spent on the request (the benchmarks read it; so can browsers).
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(2)}`)
    return payload
  })

  // Authentication for every /api route that is not marked public.
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return
    const config = request.routeOptions.config
    if (config?.public || !request.routeOptions.url) return
    const header = request.headers.authorization
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined
    const token = bearer ?? request.cookies[SESSION_COOKIE]
    if (!token) throw new AppError('UNAUTHENTICATED')
    request.auth = await authenticate(deps, token)
    if (!bearer) {
      // a cookie session changes nothing unless the request comes from our own pages (bearer clients are unaffected)
      if (!SAFE_METHODS.has(request.method)) refuseCrossSite(request)
      else if (!request.cookies[CSRF_COOKIE]) setCsrfCookie(reply, deps.env.cookieSecure)
    }
    if (!config?.allowExpiredPassword) {
      if (request.auth.mustChangePassword) throw new AppError('PASSWORD_CHANGE_REQUIRED')
      if (request.auth.passwordExpired) throw new AppError('PASSWORD_EXPIRED')
    }
    // a role that must use a second factor, not enrolled yet: nothing but enrolment (the password comes first)
    if (request.auth.mfaPending && !config?.allowMfaPending) throw new AppError('MFA_ENROLMENT_REQUIRED')
  })

  await app.register(healthRoutes(deps))
  await app.register(authRoutes(deps), { prefix: '/api/v1' })
  await app.register(mfaRoutes(deps), { prefix: '/api/v1' })
  await app.register(placeRoutes(deps), { prefix: '/api/v1' })
  await app.register(categoryRoutes(deps), { prefix: '/api/v1' })
  await app.register(appealRoutes(deps), { prefix: '/api/v1' })
  // a photo attached to an appeal (a project, a wish) is visible to whoever may see it
  await app.register(
    fileRoutes(deps, async (ctx, id) => (await canSeeAppealAttachment(ctx, id)) || (await canSeeProjectAttachment(ctx, id)) || (await canSeeWishAttachment(ctx, id))),
    { prefix: '/api/v1' },
  )
  await app.register(residentRoutes(deps), { prefix: '/api/v1' })
  await app.register(userRoutes(deps), { prefix: '/api/v1' })
  await app.register(auditRoutes(deps), { prefix: '/api/v1' })
  await app.register(notificationRoutes(deps), { prefix: '/api/v1' })
  await app.register(supervisionRoutes(deps), { prefix: '/api/v1' })
  await app.register(calendarRoutes(deps), { prefix: '/api/v1' })
  await app.register(statsRoutes(deps), { prefix: '/api/v1' })
  await app.register(publicRoutes(deps), { prefix: '/api/v1' })
  await app.register(registrationRoutes(deps), { prefix: '/api/v1' })
  await app.register(unitRoutes(deps), { prefix: '/api/v1' })
  await app.register(pointsRoutes(deps), { prefix: '/api/v1' })
  await app.register(pledgeRoutes(deps), { prefix: '/api/v1' })
  await app.register(registryRoutes(deps), { prefix: '/api/v1' })
  await app.register(volunteerRoutes(deps), { prefix: '/api/v1' })
  await app.register(signupRoutes(deps), { prefix: '/api/v1' })
  await app.register(qrReportRoutes(deps), { prefix: '/api/v1' })
  await app.register(exportRoutes(deps), { prefix: '/api/v1' })
  // every register that imports Excel sheets declares its importer in its module and is listed here
  await app.register(importRoutes(deps, importerRegistry([partyMemberRegistrationImporter, unitRegistrationImporter, peopleImporter, roomsImporter, rentalsImporter, venuesImporter, careGroupImporter, managedGroupImporter])), { prefix: '/api/v1' })
  await app.register(gridMapRoutes(deps), { prefix: '/api/v1' })
  await app.register(urgeRoutes(deps), { prefix: '/api/v1' })
  await app.register(listsRoutes(deps), { prefix: '/api/v1' })
  await app.register(wishRoutes(deps), { prefix: '/api/v1' })
  await app.register(ledgerStatsRoutes(deps), { prefix: '/api/v1' })
  await app.register(specialGroupRoutes(deps), { prefix: '/api/v1' })
  // what a visit (走访) may change in each register: the registers' updates are listed here
  await app.register(visitRoutes(deps, o.registerUpdates ?? registerUpdateRegistry([...populationRegisterUpdates, ...housingRegisterUpdates, ...venueRegisterUpdates])), { prefix: '/api/v1' })
  await app.register(populationRoutes(deps), { prefix: '/api/v1' })
  await app.register(housingRoutes(deps), { prefix: '/api/v1' })
  await app.register(venueRoutes(deps), { prefix: '/api/v1' })
  await app.register(webRoutes())
  return app
}
