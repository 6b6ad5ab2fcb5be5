/**
 * Who serves whom: a community's, grid's or building's households with and without a pledging member
 * (coverage, 覆盖), the members with fewer than 5 households (未达标), and one building's rooms (the pledge map).
 */
import type { Ctx } from '../../context'
import { AppError, notFound } from '../../errors'
import { isoShanghai } from '../../lib/time'
import { authorize, can, pledgeWorkflow, type MemberPlace } from '../../permissions'
import { PLEDGE_MIN, type BuildingPledgeMap, type BuildingsQuery, type Coverage, type CoverageQuery, type PledgeBuildings } from '#contracts/pledges'
import { findBuildingWithGrid } from '../places'
import { postName } from './presenter'
import { floorOfRoom, pledgeFacts } from './presenter'
import {
  countActivePledgesByMember,
  countCoverage,
  countPledgesByMemberIn,
  coverageByBuilding,
  findRegionName,
  listBuildingHouseholds,
  listBuildingsUnder,
  listConfirmedRegistrations,
  listRegisteredMembers,
  listUncoveredHouseholds,
  type CoverageScope,
} from './queries'

const UNCOVERED_LIMIT = 500

/** A building the caller may look at (staff above it, or a member registered at its community). */
export async function visibleBuilding(ctx: Ctx, id: number) {
  const b = await findBuildingWithGrid(ctx.db, id)
  const registeredAt = ctx.actor.role === 'partyMember' && ctx.actor.partyMemberId ? (await listConfirmedRegistrations(ctx.db, ctx.actor.partyMemberId)).map((r) => r.communityCode) : []
  const place: MemberPlace | undefined = b ? { gridCode: b.gridCode, communityCode: b.communityCode, registeredAt } : undefined
  if (!b || !place || !can(ctx.actor, 'pledge.building', place)) throw notFound('楼栋不存在或不在您的辖区内')
  return { building: b, registeredAt }
}

/** 包保图: a building's rooms, who pledges each, and the members serving it. */
export async function getBuildingMap(ctx: Ctx, id: number): Promise<BuildingPledgeMap> {
  const { building: b, registeredAt } = await visibleBuilding(ctx, id)
  const rows = await listBuildingHouseholds(ctx.db, id)
  const inBuilding = new Map<number, { name: string; n: number }>()
  for (const r of rows) {
    if (r.partyMemberId === null) continue
    const m = inBuilding.get(r.partyMemberId) ?? { name: r.memberName ?? '', n: 0 }
    m.n++
    inBuilding.set(r.partyMemberId, m)
  }
  const canAssign = can(ctx.actor, 'pledge.assignInBuilding', b.gridCode)
  const candidates = canAssign ? await listRegisteredMembers(ctx.db, b.communityCode) : []
  const totals = await countActivePledgesByMember(ctx.db, [...new Set([...inBuilding.keys(), ...candidates.map((c) => c.id)])])
  return {
    building: {
      id: String(b.id),
      name: b.name,
      address: b.address,
      floors: b.floors,
      gridCode: b.gridCode,
      gridName: b.gridName,
      communityCode: b.communityCode,
      compoundName: b.compoundName,
    },
    households: rows.map((r) => ({
      id: String(r.id),
      room: r.room,
      unitName: r.unitName,
      floor: floorOfRoom(r.room),
      pledge:
        r.pledgeId === null
          ? null
          : {
              id: String(r.pledgeId),
              version: r.pledgeVersion!,
              member: { id: String(r.partyMemberId), name: r.memberName ?? '' },
              allowedActions: pledgeWorkflow.allowedActions(
                ctx.actor,
                pledgeFacts({ status: r.pledgeStatus!, partyMemberId: r.partyMemberId!, communityCode: r.communityCode!, gridCode: r.gridCode }),
              ),
            },
    })),
    members: [...inBuilding.entries()].map(([mid, m]) => ({ id: String(mid), name: m.name, households: m.n, total: totals.get(mid) ?? m.n })),
    canAssign,
    candidates: candidates.map((c) => ({ id: String(c.id), name: c.name, postName: postName(c.post), total: totals.get(c.id) ?? 0 })),
    canClaim: ctx.actor.role === 'partyMember' && registeredAt.includes(b.communityCode),
  }
}

/** The buildings of a community or grid, with how many households have a pledging member. */
export async function listPledgeBuildings(ctx: Ctx, q: BuildingsQuery): Promise<PledgeBuildings> {
  let place: string
  if (ctx.actor.role === 'partyMember') {
    authorize(ctx.actor, 'pledge.own')
    const regs = await listConfirmedRegistrations(ctx.db, ctx.actor.partyMemberId!)
    const reg = q.place ? regs.find((r) => q.place!.startsWith(r.communityCode)) : regs[0]
    if (!reg) throw new AppError('PLEDGE_NOT_REGISTERED', '您尚未在社区报到并经社区确认，不能认领包保户')
    place = q.place ?? reg.communityCode
  } else {
    authorize(ctx.actor, 'pledge.coverage')
    place = q.place ?? ctx.actor.placeCode!
    authorize(ctx.actor, 'pledge.listAt', place)
  }
  if (place.length < 12) throw new AppError('VALIDATION_FAILED', '请选择社区或网格', [{ field: 'place', message: '请选择社区或网格' }])
  const rows = await listBuildingsUnder(ctx.db, place)
  return {
    items: rows.map((r) => ({ id: String(r.id), name: r.name, compoundName: r.compoundName, gridCode: r.gridCode, gridName: r.gridName, households: r.households, covered: r.covered })),
  }
}

/** 包保覆盖: which households have nobody, and per member how many (fewer than 5: 未达标). */
export async function getCoverage(ctx: Ctx, q: CoverageQuery): Promise<Coverage> {
  authorize(ctx.actor, 'pledge.coverage')
  let scope: CoverageScope
  let place: Coverage['place']
  let communityCode: string
  if (q.buildingId) {
    const b = await findBuildingWithGrid(ctx.db, Number(q.buildingId))
    if (!b) throw notFound('楼栋不存在或不在您的辖区内')
    authorize(ctx.actor, 'pledge.listAt', b.gridCode)
    scope = { buildingId: b.id }
    place = { kind: 'building', code: String(b.id), name: `${b.compoundName ?? ''}${b.name}` }
    communityCode = b.communityCode
  } else {
    const code = q.place ?? ctx.actor.placeCode!
    authorize(ctx.actor, 'pledge.listAt', code)
    if (code.length !== 12 && code.length !== 15) throw new AppError('VALIDATION_FAILED', '请选择社区、网格或楼栋', [{ field: 'place', message: '请选择社区、网格或楼栋' }])
    const name = code.length === 12 ? await findRegionName(ctx.db, code) : undefined
    scope = { placePrefix: code }
    place = { kind: code.length === 12 ? 'community' : 'grid', code, name: name ?? code }
    communityCode = code.slice(0, 12)
    if (code.length === 15) place.name = (await listBuildingsUnder(ctx.db, code))[0]?.gridName ?? code
  }
  const [counts, buildings, uncovered, registered, inScope] = await Promise.all([
    countCoverage(ctx.db, scope),
    coverageByBuilding(ctx.db, scope),
    listUncoveredHouseholds(ctx.db, scope, UNCOVERED_LIMIT),
    listRegisteredMembers(ctx.db, communityCode),
    countPledgesByMemberIn(ctx.db, scope),
  ])
  const totals = await countActivePledgesByMember(ctx.db, registered.map((m) => m.id))
  // a community lists every registered member (those with none are the first to ask); a grid or building those serving in it
  const members = registered.filter((m) => place.kind === 'community' || (inScope.get(m.id) ?? 0) > 0)
  return {
    place,
    households: counts.households,
    covered: counts.covered,
    uncovered: counts.households - counts.covered,
    members: members.map((m) => {
      const total = totals.get(m.id) ?? 0
      return {
        id: String(m.id),
        name: m.name,
        post: m.post as Coverage['members'][number]['post'],
        postName: postName(m.post),
        workUnit: m.workUnit,
        households: inScope.get(m.id) ?? 0,
        total,
        belowTarget: total < PLEDGE_MIN,
      }
    }),
    buildings: buildings.map((b) => ({ id: String(b.id), name: `${b.compoundName ?? ''}${b.name}`, gridCode: b.gridCode, gridName: b.gridName, households: b.households, covered: b.covered, uncovered: b.households - b.covered })),
    uncoveredHouseholds: uncovered.map((h) => ({ id: String(h.id), address: h.address, room: h.room, buildingId: h.buildingId === null ? null : String(h.buildingId) })),
    asOf: isoShanghai(ctx.now),
  }
}
