/**
 * 网格地图与网格名片. Boundaries of the demo county are generated once (geometry.ts) into the
 * existing grid.boundary column; a community's map colours its grids by open appeals and puts
 * markers only where an appeal has real coordinates; a grid's card names its team.
 */
import type { CommunityMap, GridProfile } from '#contracts/grid-maps'
import type { Ctx } from '../../context'
import type { Db } from '../../db/client'
import { notFound } from '../../errors'
import { isoShanghai } from '../../lib/time'
import { authorize, placePath } from '../../permissions'
import { Prng } from '../../lib/prng'
import { countyOutline, partition, toGeoJson, type Pt, type Ring } from './geometry'
import {
  countOpenAppealsByGrid,
  findGridRow,
  findRegionName,
  gridCounts,
  listCommunityGrids,
  listGridPartyGroups,
  listGridStaff,
  listGridsUnderCounty,
  listHouseholdGroups,
  listOpenAppealPoints,
  listRegionsUnderCounty,
  setGeneratedBoundary,
} from './queries'

/** Where the demo county lies (镇宁布依族苗族自治县 county seat, approximately). */
export const DEMO_COUNTY_CENTRE: Pt = [105.77, 26.06]

/** The demo seed's first boundaries are axis-aligned rectangles: placeholders to be replaced. */
function placeholderBox(boundary: unknown): [number, number, number, number] | null {
  const ring = (boundary as { type?: string; coordinates?: number[][][] } | null)?.coordinates?.[0]
  if (!ring || ring.length !== 5) return null
  const xs = new Set(ring.map((p) => p[0]!))
  const ys = new Set(ring.map((p) => p[1]!))
  if (xs.size !== 2 || ys.size !== 2) return null
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]
}

/** A convex, slightly irregular outline inside a box (for a community placed by the demo seed). */
function outlineInBox([x0, y0, x1, y1]: [number, number, number, number], key: string): Ring {
  const cx = (x0 + x1) / 2
  const cy = (y0 + y1) / 2
  const prng = new Prng(key)
  const ring: Ring = []
  for (let i = 0; i < 10; i++) {
    const t = (i / 10) * 2 * Math.PI
    const k = 0.9 + 0.1 * prng.next()
    ring.push([cx + ((x1 - x0) / 2) * k * Math.cos(t) * 1.08, cy + ((y1 - y0) / 2) * k * Math.sin(t) * 1.08])
  }
  return ring
}

/**
 * Give every grid of a county a plausible boundary: county → streets → communities → grids, each a
 * seeded partition of its parent. A community the demo seed already placed (rectangles) keeps its
 * place and size but gets natural shapes. Deterministic, so every instance computes the same.
 * Real boundaries (drawn by a person, not demo data) are never touched. Returns how many were written.
 */
export async function ensureCountyGridBoundaries(db: Db, countyCode: string, centre = DEMO_COUNTY_CENTRE): Promise<number> {
  const grids = await listGridsUnderCounty(db, countyCode)
  const todo = grids.filter((g) => g.boundary === null || (g.isDemo && placeholderBox(g.boundary)))
  if (!todo.length) return 0
  const regions = await listRegionsUnderCounty(db, countyCode)
  const children = (parent: string) => regions.filter((r) => r.parentCode === parent).map((r) => r.code)
  const shapes = new Map<string, Ring>()
  const streets = children(countyCode)
  partition(countyOutline(centre, countyCode), streets.length, countyCode).forEach((cell, i) => shapes.set(streets[i]!, cell))
  for (const s of streets) {
    const comms = children(s)
    partition(shapes.get(s)!, comms.length, s).forEach((cell, i) => shapes.set(comms[i]!, cell))
  }
  const byCommunity = new Map<string, typeof grids>()
  for (const g of grids) byCommunity.set(g.communityCode, [...(byCommunity.get(g.communityCode) ?? []), g])
  let written = 0
  await db.transaction(async (tx) => {
    for (const [community, gs] of byCommunity) {
      if (!gs.some((g) => todo.includes(g))) continue
      const boxes = gs.map((g) => (g.isDemo ? placeholderBox(g.boundary) : null))
      const placed = boxes.every((b) => b !== null)
      const parent = placed
        ? outlineInBox([Math.min(...boxes.map((b) => b![0])), Math.min(...boxes.map((b) => b![1])), Math.max(...boxes.map((b) => b![2])), Math.max(...boxes.map((b) => b![3]))], community)
        : shapes.get(community)
      if (!parent) continue
      const cells = partition(parent, gs.length, community)
      for (const [i, g] of gs.entries()) {
        if (!todo.includes(g)) continue
        await setGeneratedBoundary(tx, g.code, toGeoJson(cells[i]!), g.boundary === null ? 'missing' : 'demoPlaceholder')
        written++
      }
    }
  })
  return written
}

/** Whether the caller may see this place's map or card (policy gridMap.*); grid staff see only their own grid's markers. */
function reach(ctx: Ctx, code: string): 'all' | 'ownGrid' {
  authorize(ctx.actor, 'gridMap.read')
  authorize(ctx.actor, 'gridMap.place', code)
  return ctx.actor.role === 'gridHead' || ctx.actor.role === 'gridWorker' ? 'ownGrid' : 'all'
}

export async function getCommunityMap(ctx: Ctx, code: string): Promise<CommunityMap> {
  const scope = reach(ctx, code)
  const name = await findRegionName(ctx.db, code)
  if (!name) throw notFound('社区不存在')
  const [grids, counts, points] = await Promise.all([
    listCommunityGrids(ctx.db, code),
    countOpenAppealsByGrid(ctx.db, code),
    listOpenAppealPoints(ctx.db, code, scope === 'ownGrid' ? ctx.actor.placeCode : null),
  ])
  const byGrid = new Map(counts.map((c) => [c.gridCode, c]))
  return {
    code,
    name,
    grids: grids.map((g) => ({
      code: g.code,
      name: g.name,
      functions: g.functions,
      householdCount: g.householdCount,
      openAppeals: byGrid.get(g.code)?.open ?? 0,
      cardedAppeals: byGrid.get(g.code)?.carded ?? 0,
      boundary: g.boundary ?? null,
      retired: g.retiredAt !== null,
    })),
    markers: points.map((p) => ({ id: String(p.id), number: p.number, title: p.title, color: p.color as CommunityMap['markers'][number]['color'], status: p.status as CommunityMap['markers'][number]['status'], gridCode: p.gridCode, lat: p.lat!, lng: p.lng! })),
  }
}

export async function getGridProfile(ctx: Ctx, code: string): Promise<GridProfile> {
  reach(ctx, code)
  const g = await findGridRow(ctx.db, code)
  if (!g) throw notFound('网格不存在')
  const [communityName, streetName, staff, counts, groups, partyGroups] = await Promise.all([
    findRegionName(ctx.db, g.communityCode),
    findRegionName(ctx.db, code.slice(0, 9)),
    listGridStaff(ctx.db, placePath(code)),
    gridCounts(ctx.db, code),
    listHouseholdGroups(ctx.db, code),
    listGridPartyGroups(ctx.db, code),
  ])
  return {
    code: g.code,
    name: g.name,
    communityCode: g.communityCode,
    communityName: communityName ?? '',
    streetName: streetName ?? '',
    functions: g.functions,
    retired: g.retiredAt !== null,
    counts,
    team: {
      heads: staff.filter((s) => s.role === 'gridHead').map((s) => ({ name: s.name })),
      workers: staff.filter((s) => s.role === 'gridWorker').map((s) => ({ name: s.name })),
      partyGroups,
      groups: groups.map((x) => ({ name: x.name, leader: x.leader, households: x.households })),
    },
    asOf: isoShanghai(ctx.now),
  }
}
