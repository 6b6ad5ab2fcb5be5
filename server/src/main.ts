/**
 * Process entry: env → db → migrate → (demo seed) → app → listen.
 * With DATABASE_URL and INSTANCES=N, the primary process migrates and seeds once, then runs N worker
 * processes that share the port (node:cluster) and one PostgreSQL; a worker that dies is replaced.
 * The application holds no state of its own, and background jobs elect one leader among the workers.
 */
import cluster from 'node:cluster'
import path from 'node:path'
import { buildApp } from './app'
import { openStack, type Stack } from './bootstrap'
import { systemClock } from './clock'
import { assembleDeps } from './deps'
import { FolderLockedError } from './db/folder-lock'
import { EnvError, parseEnv, type Env } from './env'
import { loadCalendarStore } from './modules/calendar'
import type { DemoAccount } from './seed/demo'
import { consoleProgress, prepareData } from './seed/first-start'
import { scheduleJobs } from './jobs/runner'
import { currentWebBuild, startWebBuild } from './modules/web'

/** How long a starting process waits for a PostgreSQL server that is not reachable yet before it gives up. */
const DATABASE_START_WAIT_MS = 120_000

function readEnv(): Env {
  try {
    return parseEnv()
  } catch (e) {
    if (e instanceof EnvError) {
      console.error(e.message)
      process.exit(2)
    }
    throw e
  }
}

function banner(env: Env, stack: Pick<Stack, 'keySource'>, kind: 'pglite' | 'postgres', port: number, accounts: DemoAccount[]): void {
  const url = `http://${env.host === '0.0.0.0' || env.host === '::' ? 'localhost' : env.host}:${port}`
  console.log('')
  console.log(`一网 Yiwang 已启动 / started: ${url}`)
  console.log(`  数据库 / database: ${kind === 'pglite' ? `PGlite（${path.join(env.dataDir, 'pglite')}）` : 'PostgreSQL'}`)
  console.log(`  文件存储 / file store: ${env.fileStore.kind === 's3' ? `S3 ${env.fileStore.endpoint ?? ''} ${env.fileStore.bucket}` : env.fileStore.dir}`)
  if (env.instances > 1 && env.databaseUrl) console.log(`  实例 / instances: ${env.instances}`)
  console.log(`  接口文档 / API docs: ${url}/docs`)
  console.log(`  健康检查 / health: ${url}/healthz`)
  if (stack.keySource === 'file') console.log(`  个人信息加密密钥 / PII key: ${path.join(env.dataDir, 'pii-key')}（演示用；生产请设置 PII_KEY）`)
  if (accounts.length) {
    console.log('')
    console.log(`演示账号 / demo accounts（密码均为 / password: ${accounts[0]!.password}；另存于 ${path.join(env.dataDir, 'demo-accounts.json')}）:`)
    for (const a of accounts) console.log(`  ${a.username.padEnd(11)} ${a.role.padEnd(16)} ${a.label}`)
    const withFactor = accounts.filter((a) => a.totpSecret)
    if (withFactor.length) {
      console.log('')
      console.log('两步验证 / second factor（登录时还需输入验证器上的 6 位动态码；把密钥添加到任一验证器 App，或 oathtool --totp -b <密钥>）:')
      for (const a of withFactor) console.log(`  ${a.username.padEnd(11)} TOTP 密钥 / secret: ${a.totpSecret}`)
    }
  }
  console.log('')
}

/** One serving process: the app, its jobs, its calendar refresh. */
async function serve(env: Env, stack: Stack): Promise<{ port: number; stop: () => Promise<void> }> {
  const db = stack.database.db
  const calendar = await loadCalendarStore(db)
  const deps = assembleDeps({ env, database: stack.database, clock: systemClock, pii: stack.pii, calendar, fileStore: stack.fileStore })
  const app = await buildApp(deps)
  await app.listen({ port: env.port, host: env.host })
  const jobs = env.jobsEnabled ? scheduleJobs({ ...deps, log: app.log }, env.jobIntervalMs) : undefined
  // Every instance, leader or not, picks up the administrator's calendar edits within a minute.
  const calendarTimer = setInterval(() => void calendar.reload(db).catch(() => undefined), 60_000)
  calendarTimer.unref()
  const address = app.server.address()
  return {
    port: typeof address === 'object' && address ? address.port : env.port,
    async stop() {
      clearInterval(calendarTimer)
      await jobs?.stop()
      await app.close()
      await deps.outbox.idle()
      await stack.database.close()
      await stack.fileStore.close()
    },
  }
}

function onSignals(stop: (signal: string) => Promise<void>): void {
  process.once('SIGINT', () => void stop('SIGINT'))
  process.once('SIGTERM', () => void stop('SIGTERM'))
}

/** Migrate, then load what the first start loads, saying what it is doing. */
async function openAndPrepare(env: Env): Promise<{ stack: Stack; accounts: DemoAccount[] }> {
  const progress = consoleProgress()
  const done = progress('打开数据库并执行迁移')
  const stack = await openStack(env, { waitForDatabaseMs: DATABASE_START_WAIT_MS, log: (line) => process.stdout.write(`\n  ${line} `) })
  done()
  return { stack, accounts: await prepareData(env, stack, { demo: env.seedDemo, progress }) }
}

async function runPrimary(env: Env): Promise<void> {
  const { stack, accounts } = await openAndPrepare(env)
  await stack.database.close()
  await stack.fileStore.close()
  await currentWebBuild()
  let stopping = false
  const fork = () => cluster.fork({ SEED_DEMO: 'false', YIWANG_WORKER: '1' })
  for (let i = 0; i < env.instances; i++) fork()
  let ready = 0
  cluster.on('listening', () => {
    if (++ready === env.instances) banner(env, stack, 'postgres', env.port, accounts)
  })
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return
    console.error(`实例 ${worker.process.pid} 退出（${signal ?? code}），正在重启…`)
    fork()
  })
  onSignals(async (signal) => {
    stopping = true
    console.log(`收到 ${signal}，正在关闭…`)
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM')
    setTimeout(() => process.exit(0), 5000).unref()
  })
}

async function runSingle(env: Env): Promise<void> {
  const isWorker = env.isClusterWorker
  const { stack, accounts } = isWorker ? { stack: await openStack(env, { waitForDatabaseMs: DATABASE_START_WAIT_MS }), accounts: [] } : await openAndPrepare(env)
  const server = await serve(env, stack)
  if (!isWorker) banner(env, stack, stack.database.kind, server.port, accounts)
  onSignals(async (signal) => {
    if (!isWorker) console.log(`收到 ${signal}，正在关闭…`)
    await server.stop()
    process.exit(0)
  })
}

async function main(): Promise<void> {
  const env = readEnv()
  // The web bundle is built (only when its sources changed) while the database starts; the web routes wait for it.
  if (!env.isClusterWorker) void startWebBuild()
  if (cluster.isPrimary && env.databaseUrl && env.instances > 1) await runPrimary(env)
  else await runSingle(env)
}

main().catch((e) => {
  // another process holds the data folder: one clear line, no stack trace
  if (e instanceof FolderLockedError) {
    console.error(e.message)
    process.exit(2)
  }
  console.error(e)
  process.exit(1)
})
