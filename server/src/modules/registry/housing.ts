/**
 * Housing inside a community: compounds (小区) with their property company, buildings (楼栋) of a grid,
 * units (单元) and households (户). A building or household that people or appeals refer to is never
 * removed (422); a grid keeps its household count in step.
 */
import type { Ctx } from '../../context'
import { AppError, invalidInput, notFound } from '../../errors'
import { decodeCursor } from '../../lib/cursor'
import { authorize } from '../../permissions'
import type { PageOf } from '#contracts/common'
import type {
  Building,
  Compound,
  CreateBuildingBody,
  CreateCompoundBody,
  CreateHouseholdBody,
  CreateUnitBody,
  Household,
  ListBuildingsQuery,
  ListCompoundsQuery,
  ListHouseholdsQuery,
  ListUnitsQuery,
  Removed,
  Unit,
  UpdateBuildingBody,
  UpdateCompoundBody,
  UpdateHouseholdBody,
  UpdateUnitBody,
} from '#contracts/registry'
import { commitCreate, commitRemove, commitUpdate, keepAt, keptCommunity, keptGrid, OUT_OF_SCOPE, pageOf, patchOf, readPlace, sameVersion } from './common'
import { companyOfCounty } from './county'
import { presentBuilding, presentCompound, presentHousehold, presentUnit } from './presenter'
import {
  addToGridHouseholdCount,
  countBuildings,
  countCompounds,
  countHouseholds,
  countUnits,
  deleteBuildingVersioned,
  deleteCompoundVersioned,
  deleteHouseholdVersioned,
  deleteUnitsOfBuilding,
  deleteUnitVersioned,
  findBuildingRow,
  findCompoundRow,
  findHouseholdRow,
  findUnitRow,
  insertBuildingRow,
  insertCompoundRow,
  insertHouseholdRow,
  insertUnitRows,
  isBuildingUsed,
  isCompoundUsed,
  isHouseholdUsed,
  isUnitUsed,
  listBuildingRows,
  listCompoundRows,
  listHouseholdRows,
  listUnitRows,
  updateBuildingVersioned,
  updateCompoundVersioned,
  updateHouseholdVersioned,
  updateUnitVersioned,
} from './queries'

const id = (s: string) => Number(s)

// ---- 小区 -----------------------------------------------------------------------------------------

export async function listCompounds(ctx: Ctx, q: ListCompoundsQuery): Promise<PageOf<Compound>> {
  const placePrefix = readPlace(ctx, q.place)
  const limit = q.limit ?? 20
  const cursor = decodeCursor(q.cursor, { id: 'id' })
  const filter = { placePrefix, ...(q.propertyCompanyId ? { propertyCompanyId: id(q.propertyCompanyId) } : {}) }
  const rows = await listCompoundRows(ctx.db, { ...filter, limit, ...(cursor ? { afterId: cursor.id } : {}) })
  return pageOf(rows, limit, presentCompound, (r) => ({ id: r.compound.id }), q.withTotal ? () => countCompounds(ctx.db, filter) : undefined)
}

export async function getCompound(ctx: Ctx, compoundId: number): Promise<Compound> {
  authorize(ctx.actor, 'registry.read')
  const r = await findCompoundRow(ctx.db, compoundId)
  if (!r) throw notFound(OUT_OF_SCOPE)
  authorize(ctx.actor, 'registry.place', r.compound.communityCode)
  return presentCompound(r)
}

async function keptCompound(ctx: Ctx, compoundId: number) {
  authorize(ctx.actor, 'registry.keep')
  const r = await findCompoundRow(ctx.db, compoundId)
  if (!r) throw notFound(OUT_OF_SCOPE)
  keepAt(ctx, r.compound.communityCode)
  return r.compound
}

/** 登记小区 in a community, with the county's property company that serves it (if any). */
export async function createCompound(ctx: Ctx, body: CreateCompoundBody): Promise<Compound> {
  const community = await keptCommunity(ctx, body.communityCode)
  const company = body.propertyCompanyId ? await companyOfCounty(ctx, id(body.propertyCompanyId), community.code.slice(0, 6), 'propertyCompanyId') : null
  const c = await commitCreate(ctx, 'compound', (tx) =>
    insertCompoundRow(tx, { communityCode: community.code, name: body.name.trim(), address: body.address?.trim() ?? null, propertyCompanyId: company?.id ?? null }),
  )
  return getCompound(ctx, c.id)
}

/** 修改小区; changing `propertyCompanyId` is 更换物业 (the audit row says from which to which). */
export async function updateCompound(ctx: Ctx, compoundId: number, body: UpdateCompoundBody): Promise<Compound> {
  const c = await keptCompound(ctx, compoundId)
  sameVersion(c.version, body.version)
  const { propertyCompanyId, ...rest } = patchOf(body)
  const company =
    propertyCompanyId === undefined || propertyCompanyId === null
      ? propertyCompanyId
      : (await companyOfCounty(ctx, id(propertyCompanyId), c.communityCode.slice(0, 6), 'propertyCompanyId')).id
  const patch = { ...rest, ...(company !== undefined ? { propertyCompanyId: company } : {}) }
  await commitUpdate(ctx, {
    entityType: 'compound',
    id: compoundId,
    before: c,
    fields: Object.keys(patch),
    apply: (tx) => updateCompoundVersioned(tx, compoundId, body.version, patch),
  })
  return getCompound(ctx, compoundId)
}

export async function removeCompound(ctx: Ctx, compoundId: number, version: number): Promise<Removed> {
  const c = await keptCompound(ctx, compoundId)
  return commitRemove(ctx, {
    entityType: 'compound',
    id: compoundId,
    version,
    current: c,
    inUse: (tx) => isCompoundUsed(tx, compoundId),
    inUseCode: 'COMPOUND_IN_USE',
    apply: (tx) => deleteCompoundVersioned(tx, compoundId, version),
  })
}

/** A compound of the building's community (400 otherwise). */
async function compoundOfCommunity(ctx: Ctx, compoundId: number, communityCode: string) {
  const r = await findCompoundRow(ctx.db, compoundId)
  if (!r || r.compound.communityCode !== communityCode) {
    throw new AppError('UNKNOWN_COMPOUND', undefined, [{ field: 'compoundId', message: '小区不存在或不在该网格所在社区' }])
  }
  return r.compound
}

// ---- 楼栋 -----------------------------------------------------------------------------------------

export async function listBuildings(ctx: Ctx, q: ListBuildingsQuery): Promise<PageOf<Building>> {
  const placePrefix = readPlace(ctx, q.place)
  const limit = q.limit ?? 20
  const cursor = decodeCursor(q.cursor, { id: 'id' })
  const filter = { placePrefix, ...(q.compoundId ? { compoundId: id(q.compoundId) } : {}), ...(q.q ? { q: q.q } : {}) }
  const rows = await listBuildingRows(ctx.db, { ...filter, limit, ...(cursor ? { afterId: cursor.id } : {}) })
  return pageOf(rows, limit, presentBuilding, (r) => ({ id: r.building.id }), q.withTotal ? () => countBuildings(ctx.db, filter) : undefined)
}

export async function getBuilding(ctx: Ctx, buildingId: number): Promise<Building> {
  authorize(ctx.actor, 'registry.read')
  const r = await findBuildingRow(ctx.db, buildingId)
  if (!r) throw notFound(OUT_OF_SCOPE)
  authorize(ctx.actor, 'registry.place', r.building.gridCode)
  return presentBuilding(r)
}

async function keptBuilding(ctx: Ctx, buildingId: number) {
  authorize(ctx.actor, 'registry.keep')
  const r = await findBuildingRow(ctx.db, buildingId)
  if (!r) throw notFound(OUT_OF_SCOPE)
  keepAt(ctx, r.building.gridCode)
  return r.building
}

/** 登记楼栋 in a live grid (optionally in a compound of its community), with its units. */
export async function createBuilding(ctx: Ctx, body: CreateBuildingBody): Promise<Building> {
  const grid = await keptGrid(ctx, body.gridCode)
  const cmp = body.compoundId ? await compoundOfCommunity(ctx, id(body.compoundId), grid.communityCode) : null
  const name = body.name.trim()
  const units = (body.units ?? []).map((u) => u.trim())
  const b = await commitCreate(
    ctx,
    'building',
    (tx) =>
      insertBuildingRow(tx, {
        gridCode: grid.code,
        compoundId: cmp?.id ?? null,
        name,
        address: body.address?.trim() ?? (cmp?.address ? `${cmp.address}${name}` : null),
        floors: body.floors ?? null,
        lat: body.lat ?? null,
        lng: body.lng ?? null,
      }),
    {
      audited: (r) => ({ ...r, units }),
      after: async (tx, r) => {
        await insertUnitRows(tx, r.id, units)
      },
    },
  )
  return getBuilding(ctx, b.id)
}

export async function updateBuilding(ctx: Ctx, buildingId: number, body: UpdateBuildingBody): Promise<Building> {
  const b = await keptBuilding(ctx, buildingId)
  sameVersion(b.version, body.version)
  const { compoundId, ...rest } = patchOf(body)
  const cmp = compoundId == null ? compoundId : await compoundOfCommunity(ctx, id(compoundId), b.gridCode.slice(0, 12)) // a grid code is its community's + 3 digits
  const values = { ...rest, ...(cmp !== undefined ? { compoundId: cmp?.id ?? null } : {}) }
  await commitUpdate(ctx, {
    entityType: 'building',
    id: buildingId,
    before: b,
    fields: Object.keys(values),
    apply: (tx) => updateBuildingVersioned(tx, buildingId, body.version, values),
  })
  return getBuilding(ctx, buildingId)
}

/** 删除楼栋: only one without households, appeals or a building party group; its empty units go with it. */
export async function removeBuilding(ctx: Ctx, buildingId: number, version: number): Promise<Removed> {
  const b = await keptBuilding(ctx, buildingId)
  return commitRemove(ctx, {
    entityType: 'building',
    id: buildingId,
    version,
    current: b,
    inUse: (tx) => isBuildingUsed(tx, buildingId, b.gridCode),
    inUseCode: 'BUILDING_IN_USE',
    apply: async (tx) => {
      await deleteUnitsOfBuilding(tx, buildingId)
      return deleteBuildingVersioned(tx, buildingId, version)
    },
  })
}

// ---- 单元 -----------------------------------------------------------------------------------------

export async function listUnits(ctx: Ctx, q: ListUnitsQuery): Promise<PageOf<Unit>> {
  const b = await getBuilding(ctx, id(q.buildingId))
  const limit = q.limit ?? 20
  const cursor = decodeCursor(q.cursor, { id: 'id' })
  const rows = await listUnitRows(ctx.db, { buildingId: id(b.id), limit, ...(cursor ? { afterId: cursor.id } : {}) })
  return pageOf(rows, limit, presentUnit, (r) => ({ id: r.unit.id }), q.withTotal ? () => countUnits(ctx.db, id(b.id)) : undefined)
}

async function keptUnit(ctx: Ctx, unitId: number) {
  authorize(ctx.actor, 'registry.keep')
  const u = await findUnitRow(ctx.db, unitId)
  if (!u) throw notFound(OUT_OF_SCOPE)
  await keptBuilding(ctx, u.unit.buildingId)
  return u
}

export async function createUnit(ctx: Ctx, body: CreateUnitBody): Promise<Unit> {
  const b = await keptBuilding(ctx, id(body.buildingId))
  const u = await commitCreate(ctx, 'unit', async (tx) => (await insertUnitRows(tx, b.id, [body.name.trim()]))[0])
  return presentUnit({ unit: u, householdCount: 0 })
}

export async function updateUnit(ctx: Ctx, unitId: number, body: UpdateUnitBody): Promise<Unit> {
  const u = await keptUnit(ctx, unitId)
  sameVersion(u.unit.version, body.version)
  const patch = patchOf(body)
  const updated = await commitUpdate(ctx, {
    entityType: 'unit',
    id: unitId,
    before: u.unit,
    fields: Object.keys(patch),
    apply: (tx) => updateUnitVersioned(tx, unitId, body.version, { ...(patch.name ? { name: patch.name.trim() } : {}) }),
  })
  return presentUnit({ unit: updated, householdCount: u.householdCount })
}

export async function removeUnit(ctx: Ctx, unitId: number, version: number): Promise<Removed> {
  const u = await keptUnit(ctx, unitId)
  return commitRemove(ctx, {
    entityType: 'unit',
    id: unitId,
    version,
    current: u.unit,
    inUse: (tx) => isUnitUsed(tx, unitId, u.unit.buildingId),
    inUseCode: 'UNIT_IN_USE',
    apply: (tx) => deleteUnitVersioned(tx, unitId, version),
  })
}

// ---- 户 -------------------------------------------------------------------------------------------

export async function listHouseholds(ctx: Ctx, q: ListHouseholdsQuery): Promise<PageOf<Household>> {
  const placePrefix = readPlace(ctx, q.place)
  const limit = q.limit ?? 20
  const cursor = decodeCursor(q.cursor, { id: 'id' })
  const filter = {
    placePrefix,
    ...(q.buildingId ? { buildingId: id(q.buildingId) } : {}),
    ...(q.groupId ? { groupId: id(q.groupId) } : {}),
    ...(q.ungrouped ? { ungrouped: true } : {}),
  }
  const rows = await listHouseholdRows(ctx.db, { ...filter, limit, ...(cursor ? { afterId: cursor.id } : {}) })
  return pageOf(rows, limit, presentHousehold, (r) => ({ id: r.household.id }), q.withTotal ? () => countHouseholds(ctx.db, filter) : undefined)
}

export async function getHousehold(ctx: Ctx, householdId: number): Promise<Household> {
  authorize(ctx.actor, 'registry.read')
  const r = await findHouseholdRow(ctx.db, householdId)
  if (!r) throw notFound(OUT_OF_SCOPE)
  authorize(ctx.actor, 'registry.place', r.household.gridCode)
  return presentHousehold(r)
}

async function keptHousehold(ctx: Ctx, householdId: number) {
  authorize(ctx.actor, 'registry.keep')
  const r = await findHouseholdRow(ctx.db, householdId)
  if (!r) throw notFound(OUT_OF_SCOPE)
  keepAt(ctx, r.household.gridCode)
  return r
}

/** A unit of the building (400 otherwise). */
async function unitOfBuilding(ctx: Ctx, unitId: number, buildingId: number | null) {
  const u = await findUnitRow(ctx.db, unitId)
  if (!u || u.unit.buildingId !== buildingId) throw new AppError('UNKNOWN_UNIT', undefined, [{ field: 'unitId', message: '单元不存在或不属于该楼栋' }])
  return u.unit
}

/** The default address of a household in a building: the building's address, the unit and the room. */
function addressIn(b: { address: string | null; name: string }, unit: { name: string } | null, room: string | null): string {
  const unitPart = unit && !(room ?? '').startsWith(unit.name) ? unit.name : ''
  return `${b.address ?? b.name}${unitPart}${room ?? ''}`
}

/** 登记住户: in a building of a live grid (unit and room optional), or — with no building — at an address of a grid. */
export async function createHousehold(ctx: Ctx, body: CreateHouseholdBody): Promise<Household> {
  authorize(ctx.actor, 'registry.keep')
  const room = body.room?.trim() ?? null
  let values: { gridCode: string; buildingId: number | null; unitId: number | null; room: string | null; address: string }
  if (body.buildingId) {
    const r = await findBuildingRow(ctx.db, id(body.buildingId))
    if (!r || !ctx.actor.placeCode || !r.building.gridCode.startsWith(ctx.actor.placeCode)) {
      throw new AppError('UNKNOWN_BUILDING', undefined, [{ field: 'buildingId', message: '楼栋不存在或不在您的辖区内' }])
    }
    if (body.gridCode && body.gridCode !== r.building.gridCode) throw invalidInput([{ field: 'gridCode', message: '网格与楼栋所在网格不一致' }])
    await keptGrid(ctx, r.building.gridCode)
    const unit = body.unitId ? await unitOfBuilding(ctx, id(body.unitId), r.building.id) : null
    values = { gridCode: r.building.gridCode, buildingId: r.building.id, unitId: unit?.id ?? null, room, address: body.address?.trim() ?? addressIn(r.building, unit, room) }
  } else {
    if (body.unitId) throw invalidInput([{ field: 'unitId', message: '给出单元时须同时给出楼栋' }])
    if (!body.gridCode || !body.address) {
      throw invalidInput([{ field: body.gridCode ? 'address' : 'gridCode', message: '不在楼栋里的户须给出网格代码与地址' }])
    }
    await keptGrid(ctx, body.gridCode)
    values = { gridCode: body.gridCode, buildingId: null, unitId: null, room, address: body.address.trim() }
  }
  const h = await commitCreate(ctx, 'household', (tx) => insertHouseholdRow(tx, values), {
    after: (tx, r) => addToGridHouseholdCount(tx, r.gridCode, 1),
  })
  return getHousehold(ctx, h.id)
}

export async function updateHousehold(ctx: Ctx, householdId: number, body: UpdateHouseholdBody): Promise<Household> {
  const { household: h } = await keptHousehold(ctx, householdId)
  sameVersion(h.version, body.version)
  const { unitId, ...rest } = patchOf(body)
  const unit = unitId == null ? unitId : await unitOfBuilding(ctx, id(unitId), h.buildingId)
  const values = { ...rest, ...(unit !== undefined ? { unitId: unit?.id ?? null } : {}), ...(rest.address ? { address: rest.address.trim() } : {}) }
  await commitUpdate(ctx, {
    entityType: 'household',
    id: householdId,
    before: h,
    fields: Object.keys(values),
    apply: (tx) => updateHouseholdVersioned(tx, householdId, body.version, values),
  })
  return getHousehold(ctx, householdId)
}

/** 删除住户: only one nobody lives in, no appeal names and no 十联户 holds (a mistaken entry). */
export async function removeHousehold(ctx: Ctx, householdId: number, version: number): Promise<Removed> {
  const { household: h } = await keptHousehold(ctx, householdId)
  return commitRemove(ctx, {
    entityType: 'household',
    id: householdId,
    version,
    current: h,
    inUse: (tx) => isHouseholdUsed(tx, h),
    inUseCode: 'HOUSEHOLD_IN_USE',
    apply: (tx) => deleteHouseholdVersioned(tx, householdId, version),
    after: (tx) => addToGridHouseholdCount(tx, h.gridCode, -1),
  })
}
