/**
 * 十联户 maintained from the households: a building's households not yet in a group are proposed as groups of about
 * ten neighbours (by unit, then room, in natural order: 1单元101 < 1单元102 < 1单元201 < 2单元101), each with its
 * candidates for 联户长 and a suggested one; the community confirms the groups it wants, with a leader each, and they
 * are created together — one transaction, an audit row each — or not at all (409 when a household was grouped or
 * moved since). The printable list per building names each group's leader with a masked phone (no consent to show
 * it in full is recorded), the rooms and only the heads' surnames, and the grid's staff.
 */
import type {
  ArrangeGroupsBody,
  ConfirmedGroups,
  ConfirmGroupsBody,
  GroupArrangement,
  GroupBuildings,
  GroupBuildingsQuery,
  GroupPrint,
  LeaderContact,
  LeaderContactBody,
  ProposedGroup,
} from '#contracts/household-groups'
import { GROUP_TARGET_SIZE } from '#contracts/household-groups'
import type { Ctx } from '../../context'
import { commitChange, inTransaction, recordAudit, writeChange } from '../../core'
import { AppError, invalidInput, notFound } from '../../errors'
import { maskPhone } from '../../lib/pii'
import { isoShanghai, shanghaiDate } from '../../lib/time'
import { authorize, placePath } from '../../permissions'
import { findBuildingWithGrid, findRegion } from '../places'
import { keepAt, OUT_OF_SCOPE, readPlace } from './common'
import { presentGroup } from './presenter'
import { findGroupRow, insertGroupRow, setGroupHouseholds } from './queries'
import {
  countBuildingGroups,
  findLeaderContact,
  listBuildingHouseholds,
  listGridStaffNames,
  listGroupBuildings,
  listPresentResidentsOf,
  listPrintGroups,
  upsertLeaderContact,
} from './group-queries'

const BUILDINGS_LIMIT = 500
const natural = (a: string, b: string) => a.localeCompare(b, 'zh-CN', { numeric: true })

type HouseholdInOrder = Awaited<ReturnType<typeof listBuildingHouseholds>>[number]
const byNeighbourhood = (a: HouseholdInOrder, b: HouseholdInOrder) =>
  natural(a.unitName ?? '', b.unitName ?? '') || natural(a.room ?? a.address, b.room ?? b.address) || a.id - b.id

/** Cut n households in order into round(n / 10) groups (at least one) of sizes differing by at most one. */
export function groupSizes(n: number, target = GROUP_TARGET_SIZE): number[] {
  if (n <= 0) return []
  const k = Math.max(1, Math.round(n / target))
  return Array.from({ length: k }, (_, i) => Math.floor(n / k) + (i < n % k ? 1 : 0))
}

/** A building the caller reads (404 when missing or outside the caller's place). */
async function readBuilding(ctx: Ctx, buildingId: number) {
  authorize(ctx.actor, 'registry.read')
  const b = await findBuildingWithGrid(ctx.db, buildingId)
  if (!b) throw notFound(OUT_OF_SCOPE)
  authorize(ctx.actor, 'registry.place', b.gridCode)
  return b
}

/** 楼栋十联户编组情况: the buildings of a place with how many of their households are grouped. */
export async function listGroupBuildingsOf(ctx: Ctx, q: GroupBuildingsQuery): Promise<GroupBuildings> {
  const prefix = readPlace(ctx, q.placeCode)
  const rows = await listGroupBuildings(ctx.db, prefix, BUILDINGS_LIMIT)
  const shown = rows.slice(0, BUILDINGS_LIMIT).sort((a, b) => a.gridCode.localeCompare(b.gridCode) || natural(a.compoundName ?? '', b.compoundName ?? '') || natural(a.name, b.name))
  return {
    items: shown.map((r) => ({
      id: String(r.id),
      name: r.name,
      compoundName: r.compoundName,
      gridCode: r.gridCode,
      gridName: r.gridName,
      households: r.households,
      grouped: r.grouped,
      groups: r.groups,
    })),
    truncated: rows.length > BUILDINGS_LIMIT,
  }
}

const ageOn = (birth: string | null, today: string) =>
  birth ? Number(today.slice(0, 4)) - Number(birth.slice(0, 4)) - (today.slice(5) < birth.slice(5) ? 1 : 0) : null

/** 生成编组方案: nothing is written; the community confirms what it keeps. */
export async function arrangeGroups(ctx: Ctx, body: ArrangeGroupsBody): Promise<GroupArrangement> {
  const b = await readBuilding(ctx, Number(body.buildingId))
  keepAt(ctx, b.gridCode)
  const all = await listBuildingHouseholds(ctx.db, b.id)
  const free = all.filter((h) => h.groupId === null && h.gridCode === b.gridCode).sort(byNeighbourhood)
  const residents = await listPresentResidentsOf(
    ctx.db,
    free.map((h) => h.id),
  )
  const today = shanghaiDate(ctx.now)
  const existing = await countBuildingGroups(ctx.db, b.id)
  const groups: ProposedGroup[] = []
  let at = 0
  for (const [i, size] of groupSizes(free.length).entries()) {
    const members = free.slice(at, at + size)
    at += size
    const roomOf = new Map(members.map((h) => [h.id, h.room]))
    const headIds = new Set(residents.filter((r) => roomOf.has(r.householdId!) && r.relation === 'householder').map((r) => r.id))
    const candidates = residents
      .filter((r) => roomOf.has(r.householdId!))
      .map((r) => ({ residentId: String(r.id), name: r.name, householdId: String(r.householdId), room: roomOf.get(r.householdId!) ?? null, age: ageOn(r.birthDate, today), isHead: headIds.has(r.id) }))
      .sort((x, y) => Number(y.isHead) - Number(x.isHead))
    const heads = candidates.filter((c) => c.isHead)
    const suggested = heads.find((c) => c.age !== null && c.age >= 25 && c.age <= 70) ?? heads[0] ?? candidates[0] ?? null
    groups.push({
      name: `${b.name}十联户第${existing + i + 1}组`.slice(0, 30),
      households: members.map((h) => ({ id: String(h.id), room: h.room, unitName: h.unitName, address: h.address, headName: h.headName })),
      candidates,
      leaderResidentId: suggested?.residentId ?? null,
    })
  }
  return {
    building: { id: String(b.id), name: b.name, gridCode: b.gridCode, gridName: b.gridName },
    households: all.length,
    alreadyGrouped: all.filter((h) => h.groupId !== null).length,
    groups,
  }
}

/** 确认编组: the groups created together with their leaders, each audited; a household taken meanwhile undoes it all. */
export async function confirmGroups(ctx: Ctx, body: ConfirmGroupsBody): Promise<ConfirmedGroups> {
  const b = await readBuilding(ctx, Number(body.buildingId))
  keepAt(ctx, b.gridCode)
  const ids = body.groups.flatMap((g) => g.householdIds.map(Number))
  if (new Set(ids).size !== ids.length) throw invalidInput([{ field: 'groups', message: '同一住户不能编入两个组' }])
  const households = new Map((await listBuildingHouseholds(ctx.db, b.id)).map((h) => [h.id, h]))
  const foreign = ids.filter((id) => !households.has(id))
  if (foreign.length) throw new AppError('UNKNOWN_HOUSEHOLD', undefined, foreign.map((id) => ({ field: 'groups', message: `住户 ${id} 不在该楼栋` })))
  if (ids.some((id) => households.get(id)!.groupId !== null || households.get(id)!.gridCode !== b.gridCode)) throw new AppError('GROUP_ARRANGEMENT_STALE')
  const residents = new Map(
    (await listPresentResidentsOf(ctx.db, ids)).map((r) => [r.id, r]),
  )
  for (const g of body.groups) {
    if (!g.leaderResidentId) continue
    const leader = residents.get(Number(g.leaderResidentId))
    if (!leader || !g.householdIds.includes(String(leader.householdId))) {
      throw new AppError('LEADER_NOT_IN_GROUP', undefined, [{ field: 'leaderResidentId', message: `${g.name}：联户长须是本组某一户的在住居民` }])
    }
  }
  const created = await inTransaction(ctx, async (tx) => {
    const out: number[] = []
    for (const g of body.groups) {
      const householdIds = g.householdIds.map(Number)
      const row = await writeChange(ctx, tx, {
        entityId: (r: { id: number }) => r.id,
        apply: async (t) => {
          const r = await insertGroupRow(t, { gridCode: b.gridCode, name: g.name.trim(), leaderResidentId: g.leaderResidentId ? Number(g.leaderResidentId) : null })
          if (!r) return undefined
          if ((await setGroupHouseholds(t, r.id, householdIds)) < householdIds.length) throw new AppError('GROUP_ARRANGEMENT_STALE')
          return { ...r, householdIds }
        },
        audit: (r) => ({ action: 'householdGroup.create', entityType: 'householdGroup', after: r, detail: { arrangedFromBuilding: b.id } }),
      })
      out.push(row.id)
    }
    return out
  })
  const items = []
  for (const id of created) {
    const r = await findGroupRow(ctx.db, id)
    if (r) items.push(presentGroup(r))
  }
  return { items }
}

const COMPOUND_SURNAMES = ['欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '令狐', '夏侯', '司徒', '端木']
/** The surname of a Chinese name (a compound one where it is one); never the given name. */
export const surnameOf = (name: string | null): string | null =>
  !name ? null : (COMPOUND_SURNAMES.find((s) => name.startsWith(s) && name.length > s.length) ?? name.slice(0, 1))

/** 十联户名单 for printing: per group its leader (phone masked), rooms and heads' surnames; the grid staff. */
export async function getGroupPrint(ctx: Ctx, buildingId: number): Promise<GroupPrint> {
  const b = await readBuilding(ctx, buildingId)
  const [rows, all, staff, community, street] = await Promise.all([
    listPrintGroups(ctx.db, b.id),
    listBuildingHouseholds(ctx.db, b.id),
    listGridStaffNames(ctx.db, placePath(b.gridCode)),
    findRegion(ctx.db, b.communityCode),
    findRegion(ctx.db, b.communityCode.slice(0, 9)),
  ])
  const groups = new Map<number, GroupPrint['groups'][number] & { order: HouseholdInOrder[] }>()
  let unmasked = 0
  for (const r of rows) {
    let g = groups.get(r.groupId)
    if (!g) {
      const phone = r.leaderPhoneEnc ? ctx.deps.pii.decrypt(r.leaderPhoneEnc) : null
      const phonePublic = phone !== null && r.leaderPhonePublic === true
      if (r.leaderName && phonePublic) unmasked++
      g = {
        id: String(r.groupId),
        name: r.groupName,
        leader: r.leaderName ? { name: r.leaderName, phone: phonePublic ? phone : maskPhone(phone), phonePublic } : null,
        households: [],
        order: [],
      }
      groups.set(r.groupId, g)
    }
    g.order.push({ id: r.householdId, gridCode: b.gridCode, room: r.room, address: r.address, groupId: r.groupId, unitName: r.unitName, headName: r.headName })
  }
  if (unmasked > 0) {
    await recordAudit(ctx, ctx.db, { action: 'householdGroupList.read', entityType: 'householdGroupList', entityId: b.id, detail: { fullPhones: unmasked } })
  }
  return {
    building: { id: String(b.id), name: b.name, address: b.address, compoundName: b.compoundName },
    grid: { code: b.gridCode, name: b.gridName },
    communityName: community?.name ?? '',
    streetName: street?.name ?? '',
    gridStaff: staff.map((s) => ({ name: s.name, role: s.role === 'gridHead' ? '网格长' : '网格员' })),
    groups: [...groups.values()].map(({ order, ...g }) => ({
      ...g,
      households: order.sort(byNeighbourhood).map((h) => ({ room: h.room ? `${h.unitName && !h.room.startsWith(h.unitName) ? h.unitName : ''}${h.room}` : h.address, headSurname: surnameOf(h.headName) })),
    })),
    ungrouped: all.filter((h) => h.groupId === null).length,
    asOf: isoShanghai(ctx.now),
  }
}

/** 联户长同意公示电话: the community records whether the group's leader agreed to show the phone in full. */
export async function setLeaderContact(ctx: Ctx, groupId: number, body: LeaderContactBody): Promise<LeaderContact> {
  authorize(ctx.actor, 'registry.keep')
  const r = await findGroupRow(ctx.db, groupId)
  if (!r) throw notFound(OUT_OF_SCOPE)
  keepAt(ctx, r.group.gridCode)
  const leaderId = r.group.leaderResidentId
  if (leaderId === null) throw new AppError('GROUP_HAS_NO_LEADER')
  const before = await findLeaderContact(ctx.db, leaderId)
  await commitChange(ctx, {
    entityId: leaderId,
    apply: (tx) => upsertLeaderContact(tx, { residentId: leaderId, phonePublic: body.phonePublic, recordedByUserId: ctx.actor.userId, updatedAt: ctx.now }),
    audit: {
      action: 'householdLeaderContact.set',
      entityType: 'householdLeaderContact',
      before: { phonePublic: before?.phonePublic ?? false },
      after: { phonePublic: body.phonePublic },
      detail: { groupId },
    },
  })
  return { groupId: String(groupId), leaderResidentId: String(leaderId), phonePublic: body.phonePublic }
}
