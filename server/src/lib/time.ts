/**
 * Asia/Shanghai time helpers. China has kept UTC+8 without daylight saving since 1991, so a fixed
 * offset is exact for every date the system handles.
 */
export const SHANGHAI_OFFSET_MS = 8 * 3600_000
const DAY_MS = 86_400_000

/** ISO 8601 with the +08:00 offset. */
export function isoShanghai(d: Date): string {
  const local = new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString()
  return `${local.slice(0, 23)}+08:00`
}
export function isoOrNull(d: Date | null | undefined): string | null {
  return d ? isoShanghai(d) : null
}

/** YYYY-MM-DD of the Shanghai calendar day containing d. */
export function shanghaiDate(d: Date): string {
  return new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)
}

/** The instant a Shanghai calendar day (YYYY-MM-DD) starts. */
export function shanghaiDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - SHANGHAI_OFFSET_MS)
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + n * DAY_MS).toISOString().slice(0, 10)
}

/** 0 = Sunday … 6 = Saturday, for a YYYY-MM-DD. */
export function weekday(day: string): number {
  return new Date(`${day}T00:00:00.000Z`).getUTCDay()
}

/** 2026-11-24 09:30 — Beijing time for messages people read. */
export function formatShanghai(d: Date): string {
  return new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')
}
