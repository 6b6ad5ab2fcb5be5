/** The State Council holiday schedule from the maintained chinese-days package. */
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

interface ChineseDaysJson {
  holidays: Record<string, string>
  workdays: Record<string, string>
}

export interface CalendarEntry {
  day: string
  isWorkday: boolean
  name: string
}

/** Holidays (off) and 调休 make-up days (on), with their Chinese names. */
export function chineseDaysEntries(): CalendarEntry[] {
  const data = require('chinese-days/dist/chinese-days.json') as ChineseDaysJson
  const nameOf = (raw: string) => raw.split(',')[1] ?? raw
  const out: CalendarEntry[] = []
  for (const [day, raw] of Object.entries(data.holidays)) out.push({ day, isWorkday: false, name: nameOf(raw) })
  for (const [day, raw] of Object.entries(data.workdays)) out.push({ day, isWorkday: true, name: `${nameOf(raw)}调休上班` })
  return out.sort((a, b) => a.day.localeCompare(b.day))
}
