/**
 * Build the web bundle on start when it is missing or its sources changed, and not otherwise.
 * "Changed" is a content hash of everything the bundle is made from (web sources, the contracts it
 * imports, the Vite config and the lock file), stored beside the bundle. A build takes a few
 * seconds (Vite 8 / Rolldown), so a fresh clone's `npm ci && npm start` stays well inside 90 s.
 */
import crypto from 'node:crypto'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..')
export const WEB_DIR = path.join(REPO_ROOT, 'web')
export const WEB_DIST = path.join(WEB_DIR, 'dist')
const HASH_FILE = '.build-hash'
const SKIP_DIRS = new Set(['dist', 'node_modules'])

function filesUnder(dir: string, keep: (file: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => {
      const p = path.join(dir, d.name)
      if (d.isDirectory()) return SKIP_DIRS.has(d.name) || d.name.startsWith('dist.') ? [] : filesUnder(p, keep)
      return keep(p) ? [p] : []
    })
    .sort()
}

/** The content hash of every input of the web build. */
export function webSourcesHash(root = REPO_ROOT): string {
  const files = [
    ...filesUnder(path.join(root, 'web'), () => true),
    ...filesUnder(path.join(root, 'contracts'), (f) => f.endsWith('.ts') && !f.endsWith('.test.ts')),
    path.join(root, 'package-lock.json'),
  ].filter((f) => fs.existsSync(f))
  const h = crypto.createHash('sha256')
  for (const f of files) {
    h.update(path.relative(root, f))
    h.update('\0')
    h.update(fs.readFileSync(f))
    h.update('\0')
  }
  return h.digest('hex')
}

export function builtHash(dist = WEB_DIST): string | null {
  try {
    return fs.readFileSync(path.join(dist, HASH_FILE), 'utf8').trim()
  } catch {
    return null
  }
}

export type WebBuildOutcome = 'fresh' | 'built' | 'failed' | 'unavailable'

interface Log {
  info(msg: string): void
  warn(msg: string): void
}

/**
 * Make sure web/dist matches the sources. Builds into a temporary folder and swaps it in, so a
 * failed build never leaves a half-written bundle. Without Vite (a production install without dev
 * dependencies) an existing bundle is served as it is.
 */
export async function ensureWebBuilt(log: Log = { info: console.log, warn: console.warn }, root = REPO_ROOT): Promise<WebBuildOutcome> {
  const dist = path.join(root, 'web', 'dist')
  const hash = webSourcesHash(root)
  if (builtHash(dist) === hash && fs.existsSync(path.join(dist, 'console', 'index.html'))) return 'fresh'
  const viteBin = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js')
  if (!fs.existsSync(viteBin)) {
    log.warn(fs.existsSync(dist) ? '未安装 Vite，使用现有的网页构建（可能不是最新）' : '未安装 Vite，网页未构建：只提供接口')
    return 'unavailable'
  }
  const started = Date.now()
  const tmp = path.join(root, 'web', `dist.tmp-${process.pid}`)
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [viteBin, 'build', '--config', path.join(root, 'web', 'vite.config.ts'), '--outDir', tmp, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production' },
    })
    child.on('exit', (c) => resolve(c ?? 1))
    child.on('error', () => resolve(1))
  })
  if (code !== 0) {
    fs.rmSync(tmp, { recursive: true, force: true })
    log.warn(`网页构建失败（退出码 ${code}）${fs.existsSync(dist) ? '，继续使用上一次的构建' : '：只提供接口'}`)
    return 'failed'
  }
  fs.writeFileSync(path.join(tmp, HASH_FILE), `${hash}\n`)
  fs.rmSync(dist, { recursive: true, force: true })
  fs.renameSync(tmp, dist)
  log.info(`已构建网页（用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`)
  return 'built'
}

let running: Promise<WebBuildOutcome> | undefined

/**
 * Start the check-and-build in the background (npm start runs it beside the database start-up and
 * the demo seed, which take longer); the web routes wait for it before they look at the bundle.
 */
export function startWebBuild(log?: Log): Promise<WebBuildOutcome> {
  running ??= ensureWebBuilt(log).catch((e: unknown) => {
    ;(log ?? console).warn(`网页构建出错：${(e as Error).message}`)
    return 'failed' as const
  })
  return running
}

/** The build started by startWebBuild, if any (resolved at once when none was started). */
export function currentWebBuild(): Promise<WebBuildOutcome | undefined> {
  return running ?? Promise.resolve(undefined)
}
