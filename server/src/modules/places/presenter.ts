import type { GridTeam, PartyOrgNode, Place, PlaceSummary } from '#contracts/places'
import { PARTY_ORG_KIND_NAMES, PARTY_ORG_KINDS, type PartyOrgKind } from '#contracts/registry'
import type { grid, region } from '../../db/schema/index'
import type { GridTeamRows, PartyOrgUnderRow } from './queries'

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

export function presentGridTeam(t: GridTeamRows): GridTeam {
  const person = (s: { id: number; name: string }) => ({ userId: String(s.id), name: s.name })
  return {
    partyGroup: t.partyGroup ? { id: String(t.partyGroup.id), name: t.partyGroup.name, memberCount: t.partyGroup.memberCount } : null,
    gridHeads: t.staff.filter((s) => s.role === 'gridHead').map(person),
    gridWorkers: t.staff.filter((s) => s.role === 'gridWorker').map(person),
    householdGroups: t.groups.map((g) => ({
      id: String(g.id),
      name: g.name,
      householdCount: g.householdCount,
      leader:
        g.leaderResidentId !== null && g.leaderName !== null
          ? { residentId: String(g.leaderResidentId), name: g.leaderName, accountId: g.leaderAccountId === null ? null : String(g.leaderAccountId) }
          : null,
    })),
  }
}

/**
 * The organisations under a place as a tree in depth-first order: roots are those whose parent lies
 * outside the place (a community's committee under its street's), children by level, then by id.
 */
export function presentPartyOrgTree(rows: PartyOrgUnderRow[]): PartyOrgNode[] {
  const ids = new Set(rows.map((r) => r.org.id))
  const rank = (k: string) => PARTY_ORG_KINDS.indexOf(k as PartyOrgKind)
  const byRank = (a: PartyOrgUnderRow, b: PartyOrgUnderRow) => rank(a.org.kind) - rank(b.org.kind) || a.org.id - b.org.id
  const children = new Map<number | null, PartyOrgUnderRow[]>()
  for (const r of rows) {
    const parent = r.org.parentId !== null && ids.has(r.org.parentId) ? r.org.parentId : null
    children.set(parent, [...(children.get(parent) ?? []), r])
  }
  const out: PartyOrgNode[] = []
  const walk = (parent: number | null, depth: number) => {
    for (const r of (children.get(parent) ?? []).sort(byRank)) {
      const o = r.org
      out.push({
        id: String(o.id),
        parentId: o.parentId === null ? null : String(o.parentId),
        kind: o.kind as PartyOrgKind,
        kindName: PARTY_ORG_KIND_NAMES[o.kind as PartyOrgKind] ?? o.kind,
        name: o.name,
        placeCode: o.placeCode,
        buildingId: o.buildingId === null ? null : String(o.buildingId),
        memberCount: r.memberCount,
        depth,
      })
      walk(o.id, depth + 1)
    }
  }
  walk(null, 0)
  return out
}
