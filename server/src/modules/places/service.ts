/**
 * Places: read the tree within the caller's reach; the system admin opens and retires grids.
 * Grid codes are community code + 3-digit serial, numbered in order and never reused.
 */
import type { Ctx } from '../../context'
import { AppError, notFound } from '../../errors'
import { commitChange } from '../../core'
import type { Db } from '../../db/client'
import { authorize } from '../../permissions'
import { clearCached } from '../../lib/ref-cache'
import type { CreateGridBody, PartyOrgTree, Place, PlaceSummary } from '#contracts/places'
import { gridCodeOf, gridName, MAX_GRID_SERIAL } from './grid-code'
import { presentGrid, presentGridTeam, presentPartyOrgTree, presentRegion, summariseGrid, summariseRegion } from './presenter'
import {
  countGridContents,
  findGrid,
  findGridTeam,
  findMaxGridSerial,
  findRegion,
  insertGrid,
  listCommunitiesOfPropertyCompany,
  listGridsOfCommunity,
  listPartyOrgsUnder,
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
  authorize(ctx.actor, 'place.read', { code, roots: await placeRoots(ctx) })
}

/** A place; a grid comes with its iron triangle (铁三角): party group, grid head(s) and workers, 联户长. */
export async function getPlace(ctx: Ctx, code: string): Promise<Place> {
  await assertPlaceVisible(ctx, code)
  if (code.length === 15) {
    const g = await findGrid(ctx.db, code)
    if (!g) throw notFound('地点不存在或不在您的辖区内')
    return { ...presentGrid(g), team: presentGridTeam(await findGridTeam(ctx.db, g.code, g.path)) }
  }
  const r = await findRegion(ctx.db, code)
  if (!r) throw notFound('地点不存在或不在您的辖区内')
  return presentRegion(r)
}

/** 党组织树 rooted at a place: the organisations on it and on every place under it. */
export async function getPartyOrgTree(ctx: Ctx, code: string): Promise<PartyOrgTree> {
  await assertPlaceVisible(ctx, code)
  const exists = code.length === 15 ? await findGrid(ctx.db, code) : await findRegion(ctx.db, code)
  if (!exists) throw notFound('地点不存在或不在您的辖区内')
  return { place: code, items: presentPartyOrgTree(await listPartyOrgsUnder(ctx.db, code)) }
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
  authorize(ctx.actor, 'grid.manage')
  await assertPlaceVisible(ctx, communityCode)
  const community = await findRegion(ctx.db, communityCode)
  if (!community || community.level !== 'community') throw notFound('社区不存在或不在您的辖区内')
  for (let attempt = 0; attempt < 5; attempt++) {
    const serial = (await findMaxGridSerial(ctx.db, communityCode)) + 1
    if (serial > MAX_GRID_SERIAL) throw new AppError('GRID_SERIAL_EXHAUSTED', '该社区网格编号已用尽（最多 999 个）')
    const code = gridCodeOf(communityCode, serial)
    // Someone may take this serial at the same moment: the insert then finds it taken, and we try the next one.
    const created = await commitChange(ctx, {
      entityId: code,
      apply: (tx: Db) =>
        insertGrid(tx, {
          code,
          communityCode,
          serial,
          name: body.name ?? gridName(serial),
          functions: body.functions ?? ['党建', '综治'],
          boundary: body.boundary ?? null,
          path: `${community.path}.${code}`,
          createdAt: ctx.now,
        }),
      conflict: { code: 'GRID_CREATE_CONFLICT' },
      audit: (g) => ({ action: 'grid.create', entityType: 'grid', after: g }),
    }).catch((e: unknown) => {
      if (e instanceof AppError && e.code === 'GRID_CREATE_CONFLICT') return undefined
      throw e
    })
    if (created) {
      clearCached(ctx.deps.database)
      return presentGrid(created)
    }
    // Someone took this serial at the same moment: try the next one.
  }
  throw new AppError('GRID_CREATE_CONFLICT', '网格编号分配冲突，请重试')
}

/** 撤销网格: the code stays reserved forever. A grid with households or open appeals cannot go. */
export async function retireGrid(ctx: Ctx, code: string, reason: string): Promise<Place> {
  authorize(ctx.actor, 'grid.manage')
  await assertPlaceVisible(ctx, code)
  const g = await findGrid(ctx.db, code)
  if (!g) throw notFound('网格不存在或不在您的辖区内')
  if (g.retiredAt) throw new AppError('GRID_ALREADY_RETIRED', '该网格已撤销')
  const contents = await countGridContents(ctx.db, code)
  if (contents.households > 0 || contents.openAppeals > 0) {
    throw new AppError(
      'GRID_NOT_EMPTY',
      `网格内还有 ${contents.households} 户、${contents.openAppeals} 件未办结诉求，请先调整后再撤销`,
    )
  }
  const retired = await commitChange(ctx, {
    entityId: code,
    apply: (tx: Db) => retireGridByCode(tx, code, ctx.now),
    conflict: { code: 'GRID_ALREADY_RETIRED' },
    audit: (r) => ({ action: 'grid.retire', entityType: 'grid', before: g, after: r, detail: { reason } }),
  })
  clearCached(ctx.deps.database)
  return presentGrid(retired)
}
