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

/** The years the package's official schedule covers. */
export function packageYears(): Set<number> {
  return new Set(chineseDaysEntries().map((e) => Number(e.day.slice(0, 4))))
}

const cd = require('chinese-days') as {
  getSolarDateFromLunar: (lunar: string) => { date: string }
  getSolarTerms: (start: string, end: string) => { date: string; term: string }[]
}

const addDay = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)

/**
 * A provisional schedule for a year the package does not hold yet: the statutory holidays of the
 * 全国年节及纪念日放假办法 (2025) — 元旦 1 day, 春节 4 (除夕 to 初三), 清明 1, 劳动节 2, 端午 1, 中秋 1,
 * 国庆 3 — from the lunar calendar and solar terms the package computes, weekends as usual and no
 * 调休 (the State Council announces those each year). Every name says it is provisional.
 */
export function provisionalEntries(year: number): CalendarEntry[] {
  const off = (day: string, name: string): CalendarEntry => ({ day, isWorkday: false, name: `${name}（暂定）` })
  const springFestival = cd.getSolarDateFromLunar(`${year}-01-01`).date
  const qingming = cd.getSolarTerms(`${year}-04-01`, `${year}-04-30`).find((t) => t.term === 'pure_brightness')!.date
  const out = [
    off(`${year}-01-01`, '元旦'),
    off(addDay(springFestival, -1), '春节'),
    ...[0, 1, 2].map((n) => off(addDay(springFestival, n), '春节')),
    off(qingming, '清明节'),
    off(`${year}-05-01`, '劳动节'),
    off(`${year}-05-02`, '劳动节'),
    off(cd.getSolarDateFromLunar(`${year}-05-05`).date, '端午节'),
    off(cd.getSolarDateFromLunar(`${year}-08-15`).date, '中秋节'),
    ...[1, 2, 3].map((d) => off(`${year}-10-0${d}`, '国庆节')),
  ]
  return out.filter((e) => e.day.startsWith(String(year))).sort((a, b) => a.day.localeCompare(b.day))
}
