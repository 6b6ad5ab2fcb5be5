import type { Place, PlaceSummary } from '#contracts/places'
import type { grid, region } from '../../db/schema/index'

type RegionRow = typeof region.$inferSelect
type GridRow = typeof grid.$inferSelect

export function presentRegion(r: RegionRow): Place {
  return {
    code: r.code,
    name: r.name,
    level: r.level as Place['level'],
    kind: r.kind,
    parentCode: r.parentCode,
    path: r.path,
  }
}

export function presentGrid(g: GridRow): Place {
  return {
    code: g.code,
    name: g.name,
    level: 'grid',
    kind: '网格',
    parentCode: g.communityCode,
    path: g.path,
    functions: g.functions,
    boundary: g.boundary ?? null,
    householdCount: g.householdCount,
    retired: g.retiredAt !== null,
  }
}

export function summariseRegion(r: RegionRow): PlaceSummary {
  return { code: r.code, name: r.name, level: r.level, kind: r.kind }
}

export function summariseGrid(g: GridRow): PlaceSummary {
  return { code: g.code, name: g.name, level: 'grid', kind: '网格', retired: g.retiredAt !== null }
}
