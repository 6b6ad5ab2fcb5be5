/** Process entry: env → db → migrate → (demo seed) → app → listen. */
import fs from 'node:fs'
import path from 'node:path'
import { buildApp } from './app'
import { openStack } from './bootstrap'
import { systemClock } from './clock'
import { EnvError, parseEnv } from './env'
import { loadCalendarStore } from './modules/calendar/store'
import { seedReferenceData } from './seed/county'
import { listDemoAccounts, seedDemo } from './seed/demo'
import { seedDemoHistory } from './seed/history'
import { scheduleJobs } from './jobs/runner'

async function main(): Promise<void> {
  let env
  try {
    env = parseEnv()
  } catch (e) {
    if (e instanceof EnvError) {
      console.error(e.message)
      process.exit(2)
    }
    throw e
  }
  const started = Date.now()
  const stack = await openStack(env)
  const db = stack.database.db
  await seedReferenceData(db)
  const calendar = await loadCalendarStore(db)
  const deps = { env, database: stack.database, clock: systemClock, pii: stack.pii, calendar }
  let accounts: Awaited<ReturnType<typeof listDemoAccounts>> = []
  if (env.seedDemo) {
    const created = await seedDemo(db, stack.pii)
    if (created) {
      const appeals = await seedDemoHistory(deps, { asOf: new Date() })
      console.log(`已载入演示县：镇宁布依族苗族自治县，含北街社区近两个月的 ${appeals} 件诉求（用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`)
    }
    accounts = await listDemoAccounts(db)
    fs.mkdirSync(env.dataDir, { recursive: true })
    fs.writeFileSync(path.join(env.dataDir, 'demo-accounts.json'), `${JSON.stringify(accounts, null, 2)}\n`)
  }
  const app = await buildApp(deps)
  await app.listen({ port: env.port, host: env.host })
  const jobs = env.jobsEnabled ? scheduleJobs({ ...deps, log: app.log }) : undefined
  // Every instance, leader or not, picks up the administrator's calendar edits within a minute.
  const calendarTimer = setInterval(() => void calendar.reload(db).catch(() => undefined), 60_000)
  calendarTimer.unref()
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : env.port
  const url = `http://${env.host === '0.0.0.0' || env.host === '::' ? 'localhost' : env.host}:${port}`

  console.log('')
  console.log(`一网 Yiwang 已启动 / started: ${url}`)
  console.log(`  数据库 / database: ${stack.database.kind === 'pglite' ? `PGlite（${path.join(env.dataDir, 'pglite')}）` : 'PostgreSQL'}`)
  console.log(`  接口文档 / API docs: ${url}/docs`)
  console.log(`  健康检查 / health: ${url}/healthz`)
  if (stack.keySource === 'file') console.log(`  个人信息加密密钥 / PII key: ${path.join(env.dataDir, 'pii-key')}（演示用；生产请设置 PII_KEY）`)
  if (accounts.length) {
    console.log('')
    console.log(`演示账号 / demo accounts（密码均为 / password: ${accounts[0]!.password}；另存于 ${path.join(env.dataDir, 'demo-accounts.json')}）:`)
    for (const a of accounts) console.log(`  ${a.username.padEnd(11)} ${a.role.padEnd(16)} ${a.label}`)
  }
  console.log('')

  const shutdown = async (signal: string) => {
    console.log(`收到 ${signal}，正在关闭…`)
    clearInterval(calendarTimer)
    await jobs?.stop()
    await app.close()
    await stack.database.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void shutdown('SIGINT'))
  process.once('SIGTERM', () => void shutdown('SIGTERM'))
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
