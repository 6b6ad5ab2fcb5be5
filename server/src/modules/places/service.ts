/**
 * Places: read the tree within the caller's reach; the system admin opens and retires grids.
 * Grid codes are community code + 3-digit serial, numbered in order and never reused.
 */
import type { Ctx } from '../../context'
import { notFound, unprocessable } from '../../errors'
import { requireRole } from '../../permissions'
import { clearCached } from '../../lib/ref-cache'
import type { CreateGridBody, Place, PlaceSummary } from '#contracts/places'
import { recordAudit } from '../audit/service'
import { gridCodeOf, gridName, MAX_GRID_SERIAL } from './grid-code'
import { presentGrid, presentRegion, summariseGrid, summariseRegion } from './presenter'
import {
  countGridContents,
  findGrid,
  findMaxGridSerial,
  findRegion,
  insertGrid,
  listCommunitiesOfPropertyCompany,
  listGridsOfCommunity,
  listRegionChildren,
  retireGridByCode,
} from './queries'

/** The places a caller is rooted at; they may read these, their ancestors and descendants. */
export async function placeRoots(ctx: Ctx): Promise<string[]> {
  const a = ctx.actor
  if (a.placeCode) return [a.placeCode]
  if (a.departmentCode) return [a.departmentCode.slice(0, 6)]
  if (a.propertyCompanyId) return listCommunitiesOfPropertyCompany(ctx.db, a.propertyCompanyId)
  return []
}

async function assertPlaceVisible(ctx: Ctx, code: string): Promise<void> {
  const roots = await placeRoots(ctx)
  if (!roots.some((r) => code.startsWith(r) || r.startsWith(code))) throw notFound('地点不存在或不在您的辖区内')
}

export async function getPlace(ctx: Ctx, code: string): Promise<Place> {
  await assertPlaceVisible(ctx, code)
  if (code.length === 15) {
    const g = await findGrid(ctx.db, code)
    if (!g) throw notFound('地点不存在或不在您的辖区内')
    return presentGrid(g)
  }
  const r = await findRegion(ctx.db, code)
  if (!r) throw notFound('地点不存在或不在您的辖区内')
  return presentRegion(r)
}

export async function getPlaceChildren(ctx: Ctx, code: string, includeRetired: boolean): Promise<PlaceSummary[]> {
  await assertPlaceVisible(ctx, code)
  if (code.length === 15) {
    if (!(await findGrid(ctx.db, code))) throw notFound('地点不存在或不在您的辖区内')
    return []
  }
  const r = await findRegion(ctx.db, code)
  if (!r) throw notFound('地点不存在或不在您的辖区内')
  if (r.level === 'community') return (await listGridsOfCommunity(ctx.db, code, includeRetired)).map(summariseGrid)
  return (await listRegionChildren(ctx.db, code)).map(summariseRegion)
}

/** 新建网格 (system admin): the next serial after every serial ever used in the community. */
export async function createGrid(ctx: Ctx, communityCode: string, body: CreateGridBody): Promise<Place> {
  requireRole(ctx.actor, ['systemAdmin'], '只有系统管理员可以设置网格')
  await assertPlaceVisible(ctx, communityCode)
  const community = await findRegion(ctx.db, communityCode)
  if (!community || community.level !== 'community') throw notFound('社区不存在或不在您的辖区内')
  for (let attempt = 0; attempt < 5; attempt++) {
    const serial = (await findMaxGridSerial(ctx.db, communityCode)) + 1
    if (serial > MAX_GRID_SERIAL) throw unprocessable('GRID_SERIAL_EXHAUSTED', '该社区网格编号已用尽（最多 999 个）')
    const code = gridCodeOf(communityCode, serial)
    const created = await ctx.db.transaction(async (tx) => {
      const g = await insertGrid(tx, {
        code,
        communityCode,
        serial,
        name: body.name ?? gridName(serial),
        functions: body.functions ?? ['党建', '综治'],
        boundary: body.boundary ?? null,
        path: `${community.path}.${code}`,
        createdAt: ctx.now,
      })
      if (g) await recordAudit(ctx, tx, { action: 'grid.create', entityType: 'grid', entityId: code, after: g })
      return g
    })
    if (created) {
      clearCached(ctx.deps.database)
      return presentGrid(created)
    }
    // Someone took this serial at the same moment: try the next one.
  }
  throw unprocessable('GRID_CREATE_CONFLICT', '网格编号分配冲突，请重试')
}

/** 撤销网格: the code stays reserved forever. A grid with households or open appeals cannot go. */
export async function retireGrid(ctx: Ctx, code: string, reason: string): Promise<Place> {
  requireRole(ctx.actor, ['systemAdmin'], '只有系统管理员可以设置网格')
  await assertPlaceVisible(ctx, code)
  const g = await findGrid(ctx.db, code)
  if (!g) throw notFound('网格不存在或不在您的辖区内')
  if (g.retiredAt) throw unprocessable('GRID_ALREADY_RETIRED', '该网格已撤销')
  const contents = await countGridContents(ctx.db, code)
  if (contents.households > 0 || contents.openAppeals > 0) {
    throw unprocessable(
      'GRID_NOT_EMPTY',
      `网格内还有 ${contents.households} 户、${contents.openAppeals} 件未办结诉求，请先调整后再撤销`,
    )
  }
  const retired = await ctx.db.transaction(async (tx) => {
    const r = await retireGridByCode(tx, code, ctx.now)
    if (r) await recordAudit(ctx, tx, { action: 'grid.retire', entityType: 'grid', entityId: code, before: g, after: r, detail: { reason } })
    return r
  })
  if (!retired) throw unprocessable('GRID_ALREADY_RETIRED', '该网格已撤销')
  clearCached(ctx.deps.database)
  return presentGrid(retired)
}
