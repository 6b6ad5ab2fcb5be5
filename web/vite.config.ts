/**
 * One Vite build for both apps: the console at / and the phone pages at /h5 (two HTML entries
 * sharing chunks). Production output goes to web/dist with every text asset precompressed
 * (brotli and gzip) so the server sends the smaller file without compressing per request.
 * `npm run dev` serves the same sources with hot reload and proxies the API.
 */
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { defineConfig, type Plugin } from 'vite'
import react from '@vitejs/plugin-react'

const root = path.dirname(fileURLToPath(import.meta.url))
const apiTarget = `http://127.0.0.1:${process.env.API_PORT ?? '3000'}`

/** In dev, the two apps answer their own deep links like the server's history fallback does. */
function devHistoryFallback(): Plugin {
  return {
    name: 'yiwang-dev-history-fallback',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const url = req.url ?? '/'
        const bare = url.split('?')[0]!
        const isFile = path.extname(bare) !== '' || bare.startsWith('/@') || bare.startsWith('/node_modules/')
        if (req.method !== 'GET' || isFile || bare.startsWith('/api/') || bare.startsWith('/docs')) return next()
        if (bare.startsWith('/console/') || bare.startsWith('/shared/') || bare.startsWith('/contracts/')) return next()
        req.url = bare === '/h5' || bare.startsWith('/h5/') ? '/h5/index.html' : '/console/index.html'
        next()
      })
    },
  }
}

/** Write .br and .gz beside every compressible file of the build. */
function precompress(): Plugin {
  let outDir = ''
  return {
    name: 'yiwang-precompress',
    apply: 'build',
    configResolved(c) {
      outDir = path.resolve(c.root, c.build.outDir)
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(path.join(dir, d.name)) : [path.join(dir, d.name)]))
      for (const file of walk(outDir)) {
        if (!/\.(js|css|html|svg|json|txt|webmanifest)$/.test(file)) continue
        const data = fs.readFileSync(file)
        if (data.length < 512) continue
        fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }))
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }))
      }
    },
  }
}

export default defineConfig({
  root,
  base: '/',
  publicDir: path.join(root, 'public'),
  plugins: [react(), devHistoryFallback(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      input: {
        console: path.join(root, 'console/index.html'),
        h5: path.join(root, 'h5/index.html'),
      },
    },
  },
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    proxy: { '/api': apiTarget, '/docs': apiTarget, '/healthz': apiTarget },
  },
})
