/**
 * Audit retention (等保: the log is kept ≥ 6 months, never edited). audit_log is partitioned by
 * Asia/Shanghai month (migration 0014): the leader's housekeeping keeps this month's partition and the
 * next three ready, and `yiwang audit-archive --before YYYY-MM` takes whole months older than the
 * retention out of the database — written to a gzip JSON Lines file, read back and checked against the
 * database, and only then detached and dropped, with an audit row saying so. No row is ever updated or
 * deleted: a month leaves as a partition, after its file exists.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'
import { pipeline } from 'node:stream/promises'
import zlib from 'node:zlib'
import type { Ctx } from '../../context'
import type { Db } from '../../db/client'
import { inTransaction } from '../../core'
import { recordAudit } from '../../core'
import { isoShanghai, shanghaiDate, SHANGHAI_OFFSET_MS } from '../../lib/time'
import {
  auditPartitionPage,
  auditPartitionSummary,
  defaultPartitionMonths,
  detachAndDropAuditPartition,
  ensureAuditMonths,
  listAuditPartitions,
  type AuditPartition,
  type AuditRow,
} from './queries'

/** Rows younger than this are never archived (等保 2.0: ≥ 6 months). */
export const AUDIT_RETENTION_DAYS = 180
/** Month partitions kept ready ahead of time by the housekeeping job (the default partition catches the rest). */
export const AUDIT_MONTHS_AHEAD = 3
export const AUDIT_ARCHIVE_FORMAT = 'yiwang-audit-archive'
const PAGE = 1000
const DAY_MS = 86_400_000

/** YYYY-MM-01 of the Shanghai month `n` months after the one containing `d`. */
export function shanghaiMonth(d: Date, n = 0): string {
  const [y, m] = shanghaiDate(d).split('-').map(Number) as [number, number]
  const k = y * 12 + (m - 1) + n
  return `${String(Math.floor(k / 12)).padStart(4, '0')}-${String((k % 12) + 1).padStart(2, '0')}-01`
}

/** The instant a Shanghai month (YYYY-MM-01 or YYYY-MM) starts. */
function monthStart(month: string): Date {
  return new Date(Date.parse(`${month.slice(0, 7)}-01T00:00:00.000Z`) - SHANGHAI_OFFSET_MS)
}

/** Housekeeping: this month's partition and the next three exist. Returns the months created. */
export function ensureAuditPartitions(db: Db, now: Date): Promise<string[]> {
  return ensureAuditMonths(
    db,
    Array.from({ length: AUDIT_MONTHS_AHEAD + 1 }, (_, i) => shanghaiMonth(now, i)),
  )
}

/** The archive cannot proceed; the message is for the operator, in Chinese and English. */
export class AuditArchiveRefused extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'AuditArchiveRefused'
  }
}

/** The latest `--before` the retention allows at `now`: the month containing now − 180 days. */
export function latestArchivableBefore(now: Date): string {
  return shanghaiMonth(new Date(now.getTime() - AUDIT_RETENTION_DAYS * DAY_MS)).slice(0, 7)
}

interface MonthSummary {
  month: string
  partition: string
  rows: number
  /** sum of the ids, as text (a bigint) */
  idSum: string
  maxId: number | null
}

export interface AuditArchiveResult {
  file: string | null
  sha256: string | null
  months: MonthSummary[]
}

function lineOf(month: string, r: AuditRow): string {
  return `${JSON.stringify({
    month,
    id: String(r.id),
    at: isoShanghai(r.at),
    actorUserId: r.actorUserId === null ? null : String(r.actorUserId),
    actorRole: r.actorRole,
    actorName: r.actorName,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    ip: r.ip,
    before: r.before,
    after: r.after,
    detail: r.detail,
  })}\n`
}

async function writeArchive(db: Db, file: string, header: object, months: MonthSummary[]): Promise<void> {
  async function* lines() {
    yield `${JSON.stringify(header)}\n`
    for (const m of months) {
      for (let after = 0; ; ) {
        const page = await auditPartitionPage(db, m.partition, after, PAGE)
        for (const r of page) yield lineOf(m.month, r)
        if (page.length < PAGE) break
        after = page.at(-1)!.id
      }
    }
  }
  await pipeline(lines, zlib.createGzip(), fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }))
  const fd = fs.openSync(file, 'r')
  fs.fsyncSync(fd)
  fs.closeSync(fd)
}

/** Read the file back: every month must hold exactly the rows the database holds (count, id sum, max id). */
async function verifyArchive(file: string, months: MonthSummary[]): Promise<void> {
  const seen = new Map(months.map((m) => [m.month, { rows: 0, idSum: 0n, maxId: null as number | null }]))
  const input = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity })
  let first = true
  for await (const line of input) {
    const o = JSON.parse(line) as { format?: string; month?: string; id?: string }
    if (first) {
      if (o.format !== AUDIT_ARCHIVE_FORMAT) throw new AuditArchiveRefused(`归档文件 ${file} 的格式不对 / not an audit archive`)
      first = false
      continue
    }
    const s = seen.get(o.month ?? '')
    if (!s || !o.id) throw new AuditArchiveRefused(`归档文件 ${file} 含有不属于所归档月份的行 / unexpected row`)
    s.rows++
    s.idSum += BigInt(o.id)
    s.maxId = Math.max(s.maxId ?? 0, Number(o.id))
  }
  for (const m of months) {
    const s = seen.get(m.month)!
    if (s.rows !== m.rows || s.idSum.toString() !== m.idSum || s.maxId !== m.maxId) {
      throw new AuditArchiveRefused(`归档文件与数据库不一致（${m.month}：文件 ${s.rows} 行，数据库 ${m.rows} 行），未删除任何分区 / archive does not match the database; nothing was dropped`)
    }
  }
}

function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = crypto.createHash('sha256')
    fs.createReadStream(file)
      .on('data', (c) => h.update(c))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')))
  })
}

const sameSummary = (a: { rows: number; idSum: string; maxId: number | null }, b: MonthSummary) => a.rows === b.rows && a.idSum === b.idSum && a.maxId === b.maxId

/**
 * Archive every month before `before` (YYYY-MM, Asia/Shanghai) into `file`, then detach and drop those
 * partitions. Refuses when `before` would take rows younger than 180 days, or when `file` exists.
 * Rows the default partition caught for those months are first moved into their month's partition.
 */
export async function archiveAuditMonths(ctx: Ctx, o: { before: string; file: string }): Promise<AuditArchiveResult> {
  if (!/^[0-9]{4}-(0[1-9]|1[0-2])$/.test(o.before)) throw new AuditArchiveRefused(`--before 应为 YYYY-MM 形式的月份：${o.before}`)
  const latest = latestArchivableBefore(ctx.now)
  if (o.before > latest) {
    throw new AuditArchiveRefused(
      `审计日志须保留至少 ${AUDIT_RETENTION_DAYS} 天：现在最多可归档到 --before ${latest}（${o.before} 之前的月份含有不足 ${AUDIT_RETENTION_DAYS} 天的记录）` +
        ` / the audit log is kept ${AUDIT_RETENTION_DAYS} days: the latest allowed is --before ${latest}`,
    )
  }
  const boundary = monthStart(o.before)
  const db = ctx.db
  await ensureAuditMonths(db, await defaultPartitionMonths(db, boundary))
  const partitions: AuditPartition[] = (await listAuditPartitions(db)).filter((p) => p.hi.getTime() <= boundary.getTime())
  if (partitions.length === 0) return { file: null, sha256: null, months: [] }
  if (fs.existsSync(o.file)) throw new AuditArchiveRefused(`文件已存在，不会覆盖：${o.file} / the file exists`)

  const months: MonthSummary[] = []
  for (const p of partitions) months.push({ month: p.month.slice(0, 7), partition: p.name, ...(await auditPartitionSummary(db, p.name)) })
  const header = { format: AUDIT_ARCHIVE_FORMAT, version: 1, createdAt: isoShanghai(ctx.now), before: o.before, months }
  const partial = `${o.file}.partial`
  fs.mkdirSync(path.dirname(path.resolve(o.file)), { recursive: true })
  fs.rmSync(partial, { force: true })
  try {
    await writeArchive(db, partial, header, months)
    await verifyArchive(partial, months)
  } catch (e) {
    fs.rmSync(partial, { force: true })
    throw e
  }
  fs.renameSync(partial, o.file)
  const sha256 = await sha256File(o.file)

  // The partitions go only if they still hold exactly what the file holds (a row added by hand since is kept).
  await inTransaction(ctx, async (tx) => {
    for (const m of months) {
      if (!sameSummary(await auditPartitionSummary(tx, m.partition), m)) {
        throw new AuditArchiveRefused(`${m.month} 的审计记录在归档期间有变化，未删除任何分区，请重试 / the month changed while archiving; nothing was dropped`)
      }
      await detachAndDropAuditPartition(tx, m.partition)
    }
    await recordAudit(ctx, tx, {
      action: 'audit.archive',
      entityType: 'auditLog',
      detail: { before: o.before, file: path.basename(o.file), sha256, months: months.map((m) => ({ month: m.month, rows: m.rows })) },
    })
  })
  return { file: o.file, sha256, months }
}
