/**
 * yiwang — command-line tool.
 *   yiwang seed --county <6 位县级代码>   load a county's streets, communities, grids, departments
 *   yiwang seed --demo                    load the demo county (镇宁, with people and accounts)
 *   yiwang migrate                        apply database migrations
 *   yiwang backup [--out FILE]            the database and the file store into one archive (server/src/backup)
 *   yiwang restore FILE [--force]         put an archive back (refuses a non-empty target without --force)
 *   yiwang audit-archive --before YYYY-MM  audit months older than the retention → a file, then drop them
 *   yiwang mfa-reset <用户名>              remove an account's second factor (the security administrator's own)
 * Uses the same environment as the server (DATABASE_URL, DATA_DIR, PII_KEY …).
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { openStack } from '../bootstrap'
import { BackupError, createBackup, defaultBackupName, restoreBackup } from '../backup'
import { systemClock } from '../clock'
import { systemCtx } from '../context'
import { FolderLockedError } from '../db/folder-lock'
import { assembleDeps } from '../deps'
import { parseEnv, type Env } from '../env'
import { archiveAuditMonths, AuditArchiveRefused, AUDIT_RETENTION_DAYS, latestArchivableBefore } from '../modules/audit'
import { loadCalendarStore } from '../modules/calendar'
import { hashPassword } from '../lib/password'
import { resetSecondFactorAsOperator } from '../modules/auth'
import { seedCounty } from '../seed/county'
import { consoleProgress, prepareData } from '../seed/first-start'
import { hasAccountWithRole, insertAccount } from '../seed/queries'
import type { Db } from '../db/client'

const USAGE = `用法 / usage:
  yiwang seed --county <6位县级代码>   载入一个县的街道、社区、网格、部门与三员账号
  yiwang seed --demo                    载入演示县（镇宁布依族苗族自治县）
  yiwang migrate                        执行数据库迁移
  yiwang backup [--out 文件]            备份数据库与文件库到一个归档文件（默认 ./yiwang-backup-日期-时间.tar）
  yiwang restore 文件 [--force]         从归档文件恢复（目标已有数据时须加 --force，原数据移到一旁保留）
  yiwang audit-archive --before YYYY-MM [--out 文件]
                                        把早于该月、且已超过 ${AUDIT_RETENTION_DAYS} 天保留期的审计日志导出到文件，核对后移出数据库
  yiwang mfa-reset <用户名>              重置账号的两步验证（如安全管理员本人的手机丢失）；该账号下次登录重新绑定`

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

/** Options of a command, or null when they do not parse (an unknown option, a missing value). */
function parseOptions<T extends Record<string, { type: 'string' | 'boolean' }>>(args: string[], options: T, positionals = 0) {
  try {
    const r = parseArgs({ args, options, allowPositionals: positionals > 0 })
    return r.positionals.length <= positionals ? r : null
  } catch {
    return null
  }
}

const size = (bytes: number) => (bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`)

/** An operator's refusal (a lock held, a target not empty, a damaged archive): one line, exit 1. */
function isRefusal(e: unknown): e is Error {
  return e instanceof BackupError || e instanceof FolderLockedError || e instanceof AuditArchiveRefused
}

async function backupCommand(env: Env, args: string[]): Promise<number> {
  const opts = parseOptions(args, { out: { type: 'string' } })
  if (!opts) {
    console.error(`参数有误：${args.join(' ')}\n${USAGE}`)
    return 2
  }
  const now = new Date()
  const r = await createBackup(env, { out: opts.values.out ?? defaultBackupName(now), now })
  const m = r.manifest
  const rows = Object.values(m.counts).reduce((a, b) => a + b, 0)
  console.log(`备份完成 / backup written: ${r.file}（${size(fs.statSync(r.file).size)}）`)
  console.log(`  数据库 / database: ${m.database.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'} ${m.database.serverVersion}，迁移 / migration ${m.migrations.lastTag ?? m.migrations.count}`)
  console.log(`  ${Object.keys(m.counts).length} 张表、${rows} 行；文件库 / file store: ${m.files.count} 个文件（${size(m.files.bytes)}）；已逐项校验 sha256 / every part verified`)
  console.log(
    env.piiKey
      ? '  注意：个人信息加密密钥（PII_KEY）不在备份中，请另行保管；恢复时须使用同一密钥 / PII_KEY is not in the archive: keep it safe, restore needs the same key'
      : `  注意：个人信息加密密钥 ${path.join(env.dataDir, 'pii-key')} 不在备份中，请另行保管；恢复到其他机器时须一并放回 / the PII key file is not in the archive: keep a copy`,
  )
  return 0
}

async function restoreCommand(env: Env, args: string[]): Promise<number> {
  const opts = parseOptions(args, { force: { type: 'boolean' } }, 1)
  const file = opts?.positionals[0]
  if (!opts || !file) {
    console.error(`请给出要恢复的备份文件 / which archive?\n${USAGE}`)
    return 2
  }
  const r = await restoreBackup(env, { file, force: !!opts.values.force, now: new Date() })
  console.log(`恢复完成 / restored: ${path.resolve(file)}（${r.manifest.createdAt} 的备份）`)
  console.log(`  ${r.tables} 张表、${r.rows} 行，与备份清单一致；文件库 ${r.files} 个文件；已逐项校验 sha256 / counts match the manifest, every part verified`)
  for (const aside of r.movedAside) console.log(`  原有数据已移到 / the data replaced was moved to: ${aside}（确认无误后可删除）`)
  console.log('  下次启动（或 yiwang migrate）会执行比备份更新的数据库迁移 / the next start applies any newer migrations')
  return 0
}

async function auditArchiveCommand(env: Env, args: string[]): Promise<number> {
  const opts = parseOptions(args, { before: { type: 'string' }, out: { type: 'string' } })
  const before = opts?.values.before
  if (!opts || !before) {
    console.error(`请用 --before YYYY-MM 指定归档到哪个月之前（现在最多到 ${latestArchivableBefore(new Date())}）\n${USAGE}`)
    return 2
  }
  const stack = await openStack(env)
  try {
    const calendar = await loadCalendarStore(stack.database.db)
    const deps = assembleDeps({ env, database: stack.database, clock: systemClock, pii: stack.pii, calendar, fileStore: stack.fileStore })
    const file = path.resolve(opts.values.out ?? `yiwang-audit-before-${before}.jsonl.gz`)
    const r = await archiveAuditMonths(systemCtx(deps), { before, file })
    if (!r.file) {
      console.log(`没有早于 ${before} 的审计日志分区，无需归档 / nothing to archive before ${before}`)
      return 0
    }
    console.log(`审计日志已归档 / audit months archived: ${r.file}`)
    for (const m of r.months) console.log(`  ${m.month}：${m.rows} 行`)
    console.log(`  sha256 ${r.sha256}；文件已核对，上述月份的分区已移出数据库 / verified, then the partitions were dropped`)
    return 0
  } finally {
    await stack.fileStore.close()
    await stack.database.close()
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE)
    return command ? 0 : 2
  }
  const env = parseEnv()
  try {
    if (command === 'backup') return await backupCommand(env, rest)
    if (command === 'restore') return await restoreCommand(env, rest)
    if (command === 'audit-archive') return await auditArchiveCommand(env, rest)
  } catch (e) {
    if (!isRefusal(e)) throw e
    console.error(e.message)
    return 1
  }
  if (command === 'migrate') {
    const stack = await openStack(env, { log: (line) => console.log(line) })
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
  if (command === 'mfa-reset') {
    const username = rest[0]
    if (!username || rest.length !== 1) {
      console.error(USAGE)
      return 2
    }
    const stack = await openStack(env)
    try {
      if (!(await resetSecondFactorAsOperator(stack.database.db, username, new Date()))) {
        console.error(`账号 ${username} 不存在或未启用两步验证`)
        return 1
      }
      console.log(`已重置 ${username} 的两步验证：原验证器与恢复码作废，会话已退出；下次登录时重新绑定`)
      return 0
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
