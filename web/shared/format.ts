/**
 * Formatting shared by both apps: times in Beijing time, durations and deadlines in words,
 * colours, places. Deadlines are never colour alone: every one has words and an icon kind.
 */
import { COLOR_NAMES, COLOR_LONG_NAMES, type ColorName } from '#contracts/labels'

const TZ = 'Asia/Shanghai'
const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
})
const dateOnly = new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' })
const shortDateTime = new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false })

const parts = (f: Intl.DateTimeFormat, d: Date) => Object.fromEntries(f.formatToParts(d).map((p) => [p.type, p.value]))

/** 2026-11-23 09:30 */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—'
  const p = parts(dateTime, new Date(iso))
  return `${p.year}-${p.month}-${p.day} ${p.hour === '24' ? '00' : p.hour}:${p.minute}`
}

/** 11月23日 09:30 */
export function formatShortTime(iso: string | null | undefined): string {
  if (!iso) return '—'
  return shortDateTime.format(new Date(iso))
}

/** 2026-11-23 */
export function formatDate(iso: string | Date | null | undefined): string {
  if (!iso) return '—'
  const p = parts(dateOnly, typeof iso === 'string' ? new Date(iso) : iso)
  return `${p.year}-${p.month}-${p.day}`
}

/** Today's date in Beijing (YYYY-MM-DD), the day boundary every statistic uses. */
export function todayInShanghai(now = new Date()): string {
  return formatDate(now)
}

/** Add days to a YYYY-MM-DD date. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

/** "3 小时 20 分钟", "2 天 3 小时", "25 分钟" — the two largest units. */
export function durationText(ms: number): string {
  const minutes = Math.max(0, Math.floor(Math.abs(ms) / 60_000))
  const days = Math.floor(minutes / 1440)
  const hours = Math.floor((minutes % 1440) / 60)
  const mins = minutes % 60
  if (days > 0) return hours > 0 ? `${days} 天 ${hours} 小时` : `${days} 天`
  if (hours > 0) return mins > 0 ? `${hours} 小时 ${mins} 分钟` : `${hours} 小时`
  return `${Math.max(1, mins)} 分钟`
}

export type DeadlineLevel = 'ok' | 'soon' | 'overdue'
export interface DeadlineState {
  level: DeadlineLevel
  /** 还剩 3 小时 · 已超期 1 天 */
  text: string
  dueAt: string
}

/** Less than this left and the deadline shows as 即将超期. */
const SOON_MS = 4 * 3600_000

export function deadlineState(dueAt: string, now: number): DeadlineState {
  const left = new Date(dueAt).getTime() - now
  if (left < 0) return { level: 'overdue', text: `已超期 ${durationText(-left)}`, dueAt }
  return { level: left < SOON_MS ? 'soon' : 'ok', text: `还剩 ${durationText(left)}`, dueAt }
}

/** Colours of 分色治理 — text colours with ≥ 4.5:1 contrast on white, and tag backgrounds. */
export const COLOR_HEX: Record<ColorName, { fg: string; bg: string; border: string }> = {
  red: { fg: '#a8071a', bg: '#fff1f0', border: '#ffa39e' },
  orange: { fg: '#ad4e00', bg: '#fff7e6', border: '#ffd591' },
  yellow: { fg: '#7c5d00', bg: '#fffbe6', border: '#ffe58f' },
  blue: { fg: '#0050b3', bg: '#e6f4ff', border: '#91caff' },
}
export const colorName = (c: string) => COLOR_NAMES[c as ColorName] ?? c
export const colorLongName = (c: string) => COLOR_LONG_NAMES[c as ColorName] ?? c

export const DEADLINE_HEX: Record<DeadlineLevel, string> = { ok: '#237804', soon: '#ad4e00', overdue: '#a8071a' }

/** Rates 0–1 as 87.5%; null (nothing to divide by) as —. */
export function percent(rate: number | null | undefined, digits = 1): string {
  if (rate === null || rate === undefined) return '—'
  return `${(rate * 100).toFixed(digits)}%`
}

/**
 * An address without its county, street and community (镇宁自治县环翠街道北街社区龙城印象8栋1单元302 → 龙城印象8栋1单元302):
 * a register page lists its own place's rooms, where what tells them apart is the building and the room. The whole
 * address stays in the cell's title and the record's drawer.
 */
export function shortAddress(a: string | null | undefined): string {
  return a ? a.replace(/^.+?(?:街道|镇|乡).+?(?:社区|村)/, '') || a : '—'
}
