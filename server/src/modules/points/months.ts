/** Calendar months in Asia/Shanghai (UTC+8, no daylight saving): where a month starts, and months before an instant. */
import { SHANGHAI_OFFSET_MS } from '../../lib/time'

/** YYYY-MM of the Shanghai month containing d. */
export function monthOf(d: Date): string {
  return new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 7)
}

/** The instant a Shanghai month (YYYY-MM) starts. */
export function monthStart(month: string): Date {
  return new Date(Date.parse(`${month}-01T00:00:00.000Z`) - SHANGHAI_OFFSET_MS)
}

/** The month `n` months after (or before, n < 0) a YYYY-MM. */
export function addMonthsTo(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const k = y * 12 + (m - 1) + n
  return `${String(Math.floor(k / 12)).padStart(4, '0')}-${String((k % 12) + 1).padStart(2, '0')}`
}

/**
 * The same Shanghai wall-clock time `n` calendar months before `d` (a day past the end of the earlier
 * month is clamped to its last day: 31 May − 3 months = 28/29 February).
 */
export function monthsBefore(d: Date, n: number): Date {
  const local = new Date(d.getTime() + SHANGHAI_OFFSET_MS)
  const month = addMonthsTo(local.toISOString().slice(0, 7), -n)
  const [y, m] = month.split('-').map(Number) as [number, number]
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate()
  const day = Math.min(local.getUTCDate(), lastDay)
  const at = Date.UTC(y, m - 1, day, local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds(), local.getUTCMilliseconds())
  return new Date(at - SHANGHAI_OFFSET_MS)
}
