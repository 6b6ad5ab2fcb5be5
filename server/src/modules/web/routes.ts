/**
 * Serving the web bundle: the console at / and the phone pages at /h5, from web/dist.
 * - hashed assets (/assets/*) are precompressed (brotli, gzip) and cached immutably for a year;
 * - index.html is never cached, so a new deployment is picked up on the next load;
 * - history fallback: any other path under /h5 answers with the phone app, any other path with
 *   the console (paths that look like files, and /api/*, still 404);
 * - (the security headers and the CSP are the whole server's: http-security.ts)
 */
import fs from 'node:fs'
import path from 'node:path'
import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from 'fastify'
import fastifyStatic from '@fastify/static'
import { WEB_DIST, currentWebBuild } from './build'

const IMMUTABLE = 'public, max-age=31536000, immutable'
const NO_CACHE = 'no-cache'

export interface WebRoutesOptions {
  /** the built bundle (web/dist); tests pass a fixture */
  distDir?: string
}

function notBuilt(reply: FastifyReply) {
  return reply
    .status(503)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send('<!doctype html><meta charset="utf-8"><title>一网</title><p>网页尚未构建。请运行 <code>npm start</code>（会自动构建）或 <code>npx vite build --config web/vite.config.ts</code>。接口仍可在 /api/v1 使用，文档见 <a href="/docs">/docs</a>。</p>')
}

export function webRoutes(opts: WebRoutesOptions = {}): FastifyPluginAsync {
  const dist = opts.distDir ?? WEB_DIST
  return async (app: FastifyInstance) => {
    // the security headers and the CSP are the whole server's (http-security.ts)
    if (!opts.distDir) await currentWebBuild()
    const built = fs.existsSync(path.join(dist, 'console', 'index.html'))
    if (built) {
      // Hashed assets: looked up on each request (a rebuilt bundle is served without a restart).
      await app.register(fastifyStatic, {
        root: path.join(dist, 'assets'),
        prefix: '/assets/',
        decorateReply: false,
        index: false,
        dotfiles: 'ignore',
        preCompressed: true,
        cacheControl: false,
        setHeaders: (res) => void res.header('cache-control', IMMUTABLE),
      })
      // index.html of each app and the few unhashed files at the top (favicon …), through sendFile
      await app.register(fastifyStatic, { root: dist, serve: false, preCompressed: true, cacheControl: false, decorateReply: true, dotfiles: 'ignore', index: false })
      for (const file of fs.readdirSync(dist, { withFileTypes: true })) {
        if (!file.isFile() || file.name.startsWith('.') || /\.(br|gz)$/.test(file.name)) continue
        app.get(`/${file.name}`, { config: { public: true } }, (_request, reply) => reply.header('cache-control', 'public, max-age=3600').sendFile(file.name))
      }
    }

    const fallback = (entry: 'console' | 'h5') => async (request: { url: string }, reply: FastifyReply) => {
      const bare = request.url.split('?')[0]!
      // a missing file (an old hashed asset, a typo) is a 404, not an HTML page with status 200
      const looksLikeFile = path.posix.basename(bare).startsWith('.') || (path.extname(bare) !== '' && !bare.endsWith('.html'))
      if (looksLikeFile) return reply.status(404).type('text/plain; charset=utf-8').send('Not Found')
      if (!built) return notBuilt(reply)
      return reply.header('cache-control', NO_CACHE).sendFile(`${entry}/index.html`)
    }
    // public: the app's authentication hook must not answer these (an unknown /api path stays a 404)
    const config = { public: true }
    app.get('/h5', { config }, (_request, reply) => reply.redirect('/h5/', 301))
    app.get('/h5/', { config }, fallback('h5'))
    app.get('/h5/*', { config }, fallback('h5'))
    app.get('/', { config }, fallback('console'))
    // Every other first segment but the API's: a wildcard that could match /api/* would change how
    // the API answers URLs it cannot decode (400 BAD_URL) into this fallback's 404.
    const page = '/:page(^(?!api$|docs$|healthz$)[^/]+$)'
    app.get(page, { config }, fallback('console'))
    app.get(`${page}/*`, { config }, fallback('console'))
  }
}
