/**
 * yiwang — command-line tool.
 *   yiwang seed --county <6 位县级代码>   load a county's streets, communities, grids, departments
 *   yiwang seed --demo                    load the demo county (镇宁, with people and accounts)
 *   yiwang migrate                        apply database migrations
 * Uses the same environment as the server (DATABASE_URL, DATA_DIR, PII_KEY …).
 */
import crypto from 'node:crypto'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { openStack } from '../bootstrap'
import { parseEnv } from '../env'
import { hashPassword } from '../lib/password'
import { seedCounty } from '../seed/county'
import { consoleProgress, prepareData } from '../seed/first-start'
import { hasAccountWithRole, insertAccount } from '../seed/queries'
import type { Db } from '../db/client'

const USAGE = `用法 / usage:
  yiwang seed --county <6位县级代码>   载入一个县的街道、社区、网格、部门与三员账号
  yiwang seed --demo                    载入演示县（镇宁布依族苗族自治县）
  yiwang migrate                        执行数据库迁移`

/** A strong random password that meets the policy (upper, lower, digit, symbol). */
function randomPassword(): string {
  return `Yw-${crypto.randomBytes(9).toString('base64url')}7a`
}

/** The three separated administrators of a county, created once with one-time passwords. */
async function ensureCountyAdmins(db: Db, countyCode: string): Promise<{ username: string; password: string }[]> {
  const created: { username: string; password: string }[] = []
  for (const [role, suffix, name] of [
    ['systemAdmin', 'sys', '系统管理员'],
    ['securityAdmin', 'sec', '安全管理员'],
    ['auditAdmin', 'audit', '审计管理员'],
  ] as const) {
    if (await hasAccountWithRole(db, role, countyCode)) continue
    const username = `${suffix}_${countyCode}`
    const password = randomPassword()
    // Shown once, chosen by the tool: the administrator must choose their own password at the first login.
    await insertAccount(db, {
      username,
      passwordHash: await hashPassword(password),
      role,
      scope: countyCode,
      displayName: name,
      passwordChangedAt: new Date(),
      mustChangePassword: true,
    })
    created.push({ username, password })
  }
  return created
}

/** `seed` options, or null for an unknown option or --county without its code. */
function parseSeedArgs(args: string[]): { county?: string; demo?: boolean } | null {
  try {
    return parseArgs({ args, options: { county: { type: 'string' }, demo: { type: 'boolean' } } }).values
  } catch {
    return null
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE)
    return command ? 0 : 2
  }
  const env = parseEnv()
  if (command === 'migrate') {
    const stack = await openStack(env, (line) => console.log(line))
    await stack.database.close()
    await stack.fileStore.close()
    console.log('数据库迁移完成 / migrations applied')
    return 0
  }
  if (command === 'seed') {
    const values = parseSeedArgs(rest)
    if (!values) {
      console.error(`参数有误：${rest.join(' ')}\n${USAGE}`)
      return 2
    }
    if (!values.demo && !values.county) {
      console.error(USAGE)
      return 2
    }
    if (values.county && !/^[0-9]{6}$/.test(values.county)) {
      console.error(`县级代码应为 6 位数字：${values.county}`)
      return 2
    }
    const stack = await openStack(env)
    try {
      if (values.demo) {
        // as the first start does: the county, its history, data/demo-accounts.json
        const accounts = await prepareData(env, stack, { demo: true, progress: consoleProgress() })
        console.log(`演示县已就绪 / demo county ready：${accounts.length} 个演示账号，见 ${path.join(env.dataDir, 'demo-accounts.json')}`)
        return 0
      }
      const r = await seedCounty(stack.database.db, values.county!)
      console.log(
        r.created
          ? `已载入 ${r.countyName}（${r.countyCode}）：${r.streets} 个乡镇街道、${r.communities} 个村社区、${r.grids} 个网格、${r.departments} 个部门`
          : `${r.countyName}（${r.countyCode}）已存在，未重复载入`,
      )
      const admins = await ensureCountyAdmins(stack.database.db, r.countyCode)
      if (admins.length) {
        console.log('三员账号（初始密码只显示这一次，首次登录须修改）:')
        for (const a of admins) console.log(`  ${a.username}  ${a.password}`)
      }
      return 0
    } catch (e) {
      console.error(e instanceof Error ? e.message : e)
      return 1
    } finally {
      await stack.database.close()
      await stack.fileStore.close()
    }
  }
  console.error(`未知命令：${command}\n${USAGE}`)
  return 2
}

try {
  process.exitCode = await main(process.argv.slice(2))
} catch (e) {
  // A bad environment or an unreachable database: one readable line, never a stack trace.
  console.error(`执行失败：${e instanceof Error ? e.message : String(e)}`)
  process.exitCode = 1
}
