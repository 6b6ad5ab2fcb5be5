/**
 * People in their households: residents (居民, ID number and phone encrypted, always shown masked) and
 * 十联户 groups — about ten households of one grid with a leader (联户长) who lives in one of them.
 * Changing a group's households or its leader is audited; the leader's account (role householdLeader,
 * made by the security administrator) covers the group's buildings from the next request on.
 */
import type { Ctx } from '../../context'
import { AppError, invalidInput, notFound } from '../../errors'
import { managedGroupTagIn, openTags } from '#contracts/ledger-names'
import { decodeCursor } from '../../lib/cursor'
import { isValidIdNumber, normalizeIdNumber } from '../../lib/id-number'
import { maskIdNumber, maskPhone } from '../../lib/pii'
import { shanghaiDate } from '../../lib/time'
import { authorize } from '../../permissions'
import type { PageOf } from '#contracts/common'
import type {
  CreateHouseholdGroupBody,
  CreateResidentBody,
  HouseholdGroup,
  ListHouseholdGroupsQuery,
  RegisteredResident,
  Removed,
  UpdateHouseholdGroupBody,
  UpdateResidentBody,
} from '#contracts/registry'
import type { Db } from '../../db/client'
import { commitCreate, commitRemove, commitUpdate, keepAt, keptGrid, OUT_OF_SCOPE, pageOf, patchOf, readPlace, sameVersion } from './common'
import { presentGroup, presentRegisteredResident } from './presenter'
import { moveStay, openStays } from '../population'
import {
  countGroups,
  deleteGroupVersioned,
  findGroupRow,
  findHouseholdRow,
  findHouseholdRows,
  findResidentIdByIdNumberIndex,
  findResidentRow,
  insertGroupRow,
  insertResidentRow,
  listGroupHouseholds,
  listGroupIdsLedBy,
  listGroupRows,
  setGroupHouseholds,
  updateGroupVersioned,
  updateResidentVersioned,
  type GroupRow,
  type ResidentRow,
} from './queries'

const id = (s: string) => Number(s)

// ---- 居民 -----------------------------------------------------------------------------------------

/** A household the caller keeps, named in a body (400 otherwise). */
async function householdInScope(ctx: Ctx, householdId: number) {
  const r = await findHouseholdRow(ctx.db, householdId)
  if (!r || !ctx.actor.placeCode || !r.household.gridCode.startsWith(ctx.actor.placeCode)) {
    throw new AppError('UNKNOWN_HOUSEHOLD', undefined, [{ field: 'householdId', message: '住户不存在或不在您的辖区内' }])
  }
  await keptGrid(ctx, r.household.gridCode)
  return r.household
}

/** What an audit row keeps of a resident: never the cipher texts, the ID number and phone only masked. */
function audited(ctx: Ctx, r: ResidentRow) {
  const pii = ctx.deps.pii
  return {
    name: r.name,
    gridCode: r.gridCode,
    householdId: r.householdId,
    relation: r.relation,
    tags: openTags(r.tags),
    idNumber: r.idNumberEnc ? maskIdNumber(pii.decrypt(r.idNumberEnc)) : null,
    phone: r.phoneEnc ? maskPhone(pii.decrypt(r.phoneEnc)) : null,
  }
}

/** Birth date and gender are digits 7–14 and 17 of the ID number: taken from it, never contradicting it. */
function personOf(body: CreateResidentBody): { idNumber: string | null; gender: string | null; birthDate: string | null } {
  if (!body.idNumber) return { idNumber: null, gender: body.gender ?? null, birthDate: body.birthDate ?? null }
  const idNumber = normalizeIdNumber(body.idNumber)
  if (!isValidIdNumber(idNumber)) throw invalidInput([{ field: 'idNumber', message: '身份证号校验不通过，请核对' }])
  const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`
  const gender = Number(idNumber[16]) % 2 === 1 ? 'male' : 'female'
  if (body.birthDate && body.birthDate !== birthDate) throw invalidInput([{ field: 'birthDate', message: '出生日期与身份证号不一致' }])
  if (body.gender && body.gender !== gender) throw invalidInput([{ field: 'gender', message: '性别与身份证号不一致' }])
  return { idNumber, gender, birthDate }
}

/** A registered resident with the version to update it by (masked, as GET /residents/:id). */
export async function getRegisteredResident(ctx: Ctx, residentId: number): Promise<RegisteredResident> {
  authorize(ctx.actor, 'registry.read')
  const r = await findResidentRow(ctx.db, residentId)
  if (!r) throw notFound(OUT_OF_SCOPE)
  authorize(ctx.actor, 'registry.place', r.resident.gridCode)
  return presentRegisteredResident(ctx.deps.pii, r.resident, r.address)
}

/** 登记居民 in a household of the caller's place; the same ID number registered twice is 409. */
export async function createResident(ctx: Ctx, body: CreateResidentBody): Promise<RegisteredResident> {
  authorize(ctx.actor, 'registry.keep')
  if (managedGroupTagIn(body.tags)) throw new AppError('MANAGED_GROUP_TAG', undefined, [{ field: 'tags', message: `「${managedGroupTagIn(body.tags)}」不能作为标签` }])
  const h = await householdInScope(ctx, id(body.householdId))
  const person = personOf(body)
  const pii = ctx.deps.pii
  if (person.idNumber && (await findResidentIdByIdNumberIndex(ctx.db, pii.blindIndex(person.idNumber))) !== undefined) {
    throw new AppError('RESIDENT_ALREADY_REGISTERED')
  }
  const r = await commitCreate(
    ctx,
    'resident',
    (tx) =>
      insertResidentRow(tx, {
        householdId: h.id,
        gridCode: h.gridCode,
        name: body.name.trim(),
        gender: person.gender,
        birthDate: person.birthDate,
        idNumberEnc: person.idNumber ? pii.encrypt(person.idNumber) : null,
        idNumberIdx: person.idNumber ? pii.blindIndex(person.idNumber) : null,
        phoneEnc: body.phone ? pii.encrypt(body.phone) : null,
        phoneIdx: body.phone ? pii.blindIndex(body.phone) : null,
        relation: body.relation,
        tags: body.tags ?? [],
        createdAt: ctx.now,
      }),
    {
      audited: (r) => audited(ctx, r),
      // every person has a residence history (实有人口): registering opens the first stay
      after: async (tx, r) => void (await openStays(tx, [r], { fromDate: shanghaiDate(ctx.now), reason: 'initial', recordedByUserId: ctx.actor.userId })),
    },
  )
  return getRegisteredResident(ctx, r.id)
}

/** 修改居民: name, phone, relation, tags, or moving into another household of the caller's place. */
export async function updateResident(ctx: Ctx, residentId: number, body: UpdateResidentBody): Promise<RegisteredResident> {
  authorize(ctx.actor, 'registry.keep')
  const found = await findResidentRow(ctx.db, residentId)
  if (!found) throw notFound(OUT_OF_SCOPE)
  const r = found.resident
  keepAt(ctx, r.gridCode)
  sameVersion(r.version, body.version)
  if (managedGroupTagIn(body.tags)) throw new AppError('MANAGED_GROUP_TAG', undefined, [{ field: 'tags', message: `「${managedGroupTagIn(body.tags)}」不能作为标签` }])
  const { householdId, phone, name, ...rest } = patchOf(body)
  const to = householdId !== undefined && id(householdId) !== r.householdId ? await householdInScope(ctx, id(householdId)) : undefined
  if (to && (await listGroupIdsLedBy(ctx.db, residentId)).some((g) => g !== to.groupId)) {
    throw new AppError('LEADER_NOT_IN_GROUP', '该居民是十联户的联户长，请先更换联户长再迁出')
  }
  const pii = ctx.deps.pii
  const values = {
    ...rest,
    ...(name !== undefined ? { name: name.trim() } : {}),
    ...(phone !== undefined ? { phoneEnc: phone ? pii.encrypt(phone) : null, phoneIdx: phone ? pii.blindIndex(phone) : null } : {}),
    ...(to ? { householdId: to.id, gridCode: to.gridCode } : {}),
  }
  // the audit row names the fields a person would: phone (masked), household and grid, never the cipher columns
  const fields = [...Object.keys(rest), ...(name !== undefined ? ['name'] : []), ...(phone !== undefined ? ['phone'] : []), ...(to ? ['householdId', 'gridCode'] : [])]
  await commitUpdate(ctx, {
    entityType: 'resident',
    id: residentId,
    before: audited(ctx, r),
    fields,
    apply: async (tx) => {
      const u = await updateResidentVersioned(tx, residentId, body.version, values)
      // moving to another household keeps the residence history (实有人口): one stay closes, the next opens
      if (u && to) await moveStay(tx, u, { date: shanghaiDate(ctx.now), recordedByUserId: ctx.actor.userId })
      return u && audited(ctx, u)
    },
  })
  return getRegisteredResident(ctx, residentId)
}

// ---- 十联户 ----------------------------------------------------------------------------------------

export async function listHouseholdGroups(ctx: Ctx, q: ListHouseholdGroupsQuery): Promise<PageOf<HouseholdGroup>> {
  const placePrefix = readPlace(ctx, q.place)
  const limit = q.limit ?? 20
  const cursor = decodeCursor(q.cursor, { id: 'id' })
  const rows = await listGroupRows(ctx.db, { placePrefix, limit, ...(cursor ? { afterId: cursor.id } : {}) })
  return pageOf(rows, limit, (r) => presentGroup(r), (r) => ({ id: r.group.id }), q.withTotal ? () => countGroups(ctx.db, placePrefix) : undefined)
}

/** 十联户 detail: the group, its leader and each of its households. */
export async function getHouseholdGroup(ctx: Ctx, groupId: number): Promise<HouseholdGroup> {
  authorize(ctx.actor, 'registry.read')
  const r = await findGroupRow(ctx.db, groupId)
  if (!r) throw notFound(OUT_OF_SCOPE)
  authorize(ctx.actor, 'registry.place', r.group.gridCode)
  return presentGroup(r, await listGroupHouseholds(ctx.db, groupId))
}

/**
 * The households a group is to have: each must exist under the caller's place (400), lie in the
 * group's grid (422) and be in no other group (422). The leader must live in one of them (422).
 */
async function checkMembers(ctx: Ctx, o: { groupId: number | null; gridCode: string; householdIds: number[]; leaderResidentId: number | null }) {
  const rows = await findHouseholdRows(ctx.db, o.householdIds)
  const byId = new Map(rows.map((h) => [h.id, h]))
  const missing = o.householdIds.filter((h) => !byId.get(h)?.gridCode.startsWith(ctx.actor.placeCode ?? '-'))
  if (missing.length) {
    throw new AppError('UNKNOWN_HOUSEHOLD', undefined, missing.map((h) => ({ field: 'householdIds', message: `住户 ${h} 不存在或不在您的辖区内` })))
  }
  const elsewhere = rows.filter((h) => h.gridCode !== o.gridCode)
  if (elsewhere.length) {
    throw new AppError('GROUP_HOUSEHOLDS_NOT_IN_GRID', undefined, elsewhere.map((h) => ({ field: 'householdIds', message: `住户 ${h.id}（${h.address}）不在本组网格` })))
  }
  const taken = rows.filter((h) => h.groupId !== null && h.groupId !== o.groupId)
  if (taken.length) {
    throw new AppError('HOUSEHOLD_IN_OTHER_GROUP', undefined, taken.map((h) => ({ field: 'householdIds', message: `住户 ${h.id}（${h.address}）已在其他十联户` })))
  }
  if (o.leaderResidentId !== null) {
    const leader = await findResidentRow(ctx.db, o.leaderResidentId)
    if (!leader || !leader.resident.gridCode.startsWith(ctx.actor.placeCode ?? '-')) {
      throw new AppError('UNKNOWN_RESIDENT', undefined, [{ field: 'leaderResidentId', message: '居民不存在或不在您的辖区内' }])
    }
    if (leader.resident.householdId === null || !o.householdIds.includes(leader.resident.householdId)) {
      throw new AppError('LEADER_NOT_IN_GROUP', undefined, [{ field: 'leaderResidentId', message: '联户长须是本组某一户的居民' }])
    }
  }
}

type GroupWithHouseholds = GroupRow & { householdIds: number[] }

/** Write the group's households in its change; a household taken meanwhile by another group undoes it all. */
async function withHouseholds(tx: Db, g: GroupRow | undefined, householdIds: number[]): Promise<GroupWithHouseholds | undefined> {
  if (!g) return undefined
  if ((await setGroupHouseholds(tx, g.id, householdIds)) < householdIds.length) throw new AppError('HOUSEHOLD_IN_OTHER_GROUP')
  return { ...g, householdIds }
}

/** 编组十联户: households of one live grid, optionally with their leader. */
export async function createHouseholdGroup(ctx: Ctx, body: CreateHouseholdGroupBody): Promise<HouseholdGroup> {
  const grid = await keptGrid(ctx, body.gridCode)
  const householdIds = body.householdIds.map(id)
  const leaderResidentId = body.leaderResidentId ? id(body.leaderResidentId) : null
  await checkMembers(ctx, { groupId: null, gridCode: grid.code, householdIds, leaderResidentId })
  const g = await commitCreate(ctx, 'householdGroup', async (tx) =>
    withHouseholds(tx, await insertGroupRow(tx, { gridCode: grid.code, name: body.name.trim(), leaderResidentId }), householdIds),
  )
  return getHouseholdGroup(ctx, g.id)
}

async function keptGroup(ctx: Ctx, groupId: number) {
  authorize(ctx.actor, 'registry.keep')
  const r = await findGroupRow(ctx.db, groupId)
  if (!r) throw notFound(OUT_OF_SCOPE)
  keepAt(ctx, r.group.gridCode)
  const households = await listGroupHouseholds(ctx.db, groupId)
  return { ...r.group, householdIds: households.map((h) => h.id) }
}

/** 调整十联户: rename it, change its households or its leader (联户长) — each change audited with before and after. */
export async function updateHouseholdGroup(ctx: Ctx, groupId: number, body: UpdateHouseholdGroupBody): Promise<HouseholdGroup> {
  const g = await keptGroup(ctx, groupId)
  sameVersion(g.version, body.version)
  const { householdIds: newIds, leaderResidentId: newLeader, name } = patchOf(body)
  const householdIds = newIds ? newIds.map(id) : g.householdIds
  const leaderResidentId = newLeader === undefined ? g.leaderResidentId : newLeader === null ? null : id(newLeader)
  await checkMembers(ctx, { groupId, gridCode: g.gridCode, householdIds, leaderResidentId })
  const fields = [...(name !== undefined ? ['name'] : []), ...(newLeader !== undefined ? ['leaderResidentId'] : []), ...(newIds ? ['householdIds'] : [])]
  await commitUpdate(ctx, {
    entityType: 'householdGroup',
    id: groupId,
    before: g,
    fields,
    apply: async (tx) =>
      withHouseholds(
        tx,
        await updateGroupVersioned(tx, groupId, body.version, { ...(name !== undefined ? { name: name.trim() } : {}), leaderResidentId }),
        householdIds,
      ),
  })
  return getHouseholdGroup(ctx, groupId)
}

/** 解散十联户: its households are free to join another group; the leader's account then covers no building. */
export async function removeHouseholdGroup(ctx: Ctx, groupId: number, version: number): Promise<Removed> {
  const g = await keptGroup(ctx, groupId)
  return commitRemove(ctx, {
    entityType: 'householdGroup',
    id: groupId,
    version,
    current: g,
    inUse: async () => false,
    inUseCode: 'HOUSEHOLD_IN_OTHER_GROUP',
    apply: async (tx) => {
      await setGroupHouseholds(tx, groupId, [])
      const removed = await deleteGroupVersioned(tx, groupId, version)
      return removed && { ...removed, householdIds: g.householdIds }
    },
  })
}
