/**
 * Organisations inside a county: service teams (服务队伍) a community dispatches appeals to, the
 * party-organisation tree on the places (街道党工委 → 社区党组织 → 网格党支部/党小组 → 楼栋党小组) and the
 * party members (党员) in it. A grid has one 网格党小组: the party side of its iron triangle (铁三角).
 */
import type { Ctx } from '../../context'
import type { Db } from '../../db/client'
import { AppError, invalidInput, notFound } from '../../errors'
import { decodeCursor } from '../../lib/cursor'
import { authorize } from '../../permissions'
import type { PageOf } from '#contracts/common'
import {
  PARTY_ORG_KINDS,
  PARTY_ORG_PLACE_DIGITS,
  type CreatePartyMemberBody,
  type CreatePartyOrgBody,
  type CreateTeamBody,
  type ListPartyMembersQuery,
  type ListPartyOrgsQuery,
  type ListTeamsQuery,
  type PartyMember,
  type PartyOrg,
  type PartyOrgKind,
  type Removed,
  type Team,
  type UpdatePartyMemberBody,
  type UpdatePartyOrgBody,
  type UpdateTeamBody,
} from '#contracts/registry'
import { findRegion } from '../places'
import { commitCreate, commitRemove, commitUpdate, keepAt, keptCommunity, keptGrid, OUT_OF_SCOPE, pageOf, patchOf, readPlace, sameVersion } from './common'
import { presentPartyMember, presentPartyOrg, presentTeam } from './presenter'
import {
  countPartyMembers,
  countPartyOrgs,
  countTeams,
  deletePartyOrgVersioned,
  deleteTeamVersioned,
  findActiveAccountsUnder,
  findBuildingRow,
  findPartyMemberRow,
  findPartyOrgRow,
  findResidentRow,
  findTeamRow,
  insertPartyMemberRow,
  insertPartyOrgRow,
  insertTeamRow,
  isPartyOrgUsed,
  isTeamUsed,
  listPartyMemberRows,
  listPartyOrgRows,
  listPartyOrgsAt,
  listTeamMembers,
  listTeamRows,
  setTeamMembers,
  updatePartyMemberVersioned,
  updatePartyOrgVersioned,
  updateTeamVersioned,
  type PartyOrgRow,
  type TeamRow,
} from './queries'

const id = (s: string) => Number(s)

// ---- 服务队伍 -------------------------------------------------------------------------------------

export async function listTeams(ctx: Ctx, q: ListTeamsQuery): Promise<PageOf<Team>> {
  const placePrefix = readPlace(ctx, q.place)
  const limit = q.limit ?? 20
  const cursor = decodeCursor(q.cursor, { id: 'id' })
  const rows = await listTeamRows(ctx.db, { placePrefix, limit, ...(cursor ? { afterId: cursor.id } : {}) })
  const members = await listTeamMembers(ctx.db, rows.slice(0, limit).map((t) => t.id))
  return pageOf(
    rows,
    limit,
    (t) => presentTeam(t, members.filter((m) => m.teamId === t.id)),
    (t) => ({ id: t.id }),
    q.withTotal ? () => countTeams(ctx.db, placePrefix) : undefined,
  )
}

export async function getTeam(ctx: Ctx, teamId: number): Promise<Team> {
  authorize(ctx.actor, 'registry.read')
  const t = await findTeamRow(ctx.db, teamId)
  if (!t) throw notFound(OUT_OF_SCOPE)
  authorize(ctx.actor, 'registry.place', t.communityCode)
  return presentTeam(t, await listTeamMembers(ctx.db, [teamId]))
}

/** Team members are active accounts of the team's community (a party member, a resident, grid staff …). */
async function checkMembers(ctx: Ctx, userIds: number[], communityPath: string): Promise<void> {
  const found = new Set(await findActiveAccountsUnder(ctx.db, userIds, communityPath))
  const missing = userIds.filter((u) => !found.has(u))
  if (missing.length) {
    throw new AppError('UNKNOWN_ACCOUNT', undefined, missing.map((u) => ({ field: 'memberUserIds', message: `账号 ${u} 不存在、已停用或不在本社区` })))
  }
}

type TeamWithMembers = TeamRow & { memberUserIds: number[] }

async function withMembers(tx: Db, t: TeamRow | undefined, memberUserIds: number[]): Promise<TeamWithMembers | undefined> {
  if (!t) return undefined
  await setTeamMembers(tx, t.id, memberUserIds)
  return { ...t, memberUserIds }
}

/** 组建服务队伍 in a community; its members then see and handle what is dispatched to it. */
export async function createTeam(ctx: Ctx, body: CreateTeamBody): Promise<Team> {
  const community = await keptCommunity(ctx, body.communityCode)
  const memberUserIds = (body.memberUserIds ?? []).map(id)
  await checkMembers(ctx, memberUserIds, community.path)
  const t = await commitCreate(ctx, 'team', async (tx) =>
    withMembers(tx, await insertTeamRow(tx, { communityCode: community.code, name: body.name.trim() }), memberUserIds),
  )
  return getTeam(ctx, t.id)
}

async function keptTeam(ctx: Ctx, teamId: number): Promise<TeamWithMembers> {
  authorize(ctx.actor, 'registry.keep')
  const t = await findTeamRow(ctx.db, teamId)
  if (!t) throw notFound(OUT_OF_SCOPE)
  keepAt(ctx, t.communityCode)
  return { ...t, memberUserIds: (await listTeamMembers(ctx.db, [teamId])).map((m) => m.userId) }
}

/** 调整队伍: rename it or set its members (audited with the members before and after). */
export async function updateTeam(ctx: Ctx, teamId: number, body: UpdateTeamBody): Promise<Team> {
  const t = await keptTeam(ctx, teamId)
  sameVersion(t.version, body.version)
  const { name, memberUserIds: newMembers } = patchOf(body)
  const memberUserIds = newMembers ? newMembers.map(id) : t.memberUserIds
  if (newMembers) {
    const community = await findRegion(ctx.db, t.communityCode)
    await checkMembers(ctx, memberUserIds, community!.path)
  }
  await commitUpdate(ctx, {
    entityType: 'team',
    id: teamId,
    before: t,
    fields: [...(name !== undefined ? ['name'] : []), ...(newMembers ? ['memberUserIds'] : [])],
    apply: async (tx) => withMembers(tx, await updateTeamVersioned(tx, teamId, body.version, name !== undefined ? { name: name.trim() } : {}), memberUserIds),
  })
  return getTeam(ctx, teamId)
}

/** 撤销队伍: only one never dispatched to (its appeals name it). */
export async function removeTeam(ctx: Ctx, teamId: number, version: number): Promise<Removed> {
  const t = await keptTeam(ctx, teamId)
  return commitRemove(ctx, {
    entityType: 'team',
    id: teamId,
    version,
    current: t,
    inUse: (tx) => isTeamUsed(tx, teamId, t.communityCode),
    inUseCode: 'TEAM_IN_USE',
    apply: async (tx) => {
      await setTeamMembers(tx, teamId, [])
      const removed = await deleteTeamVersioned(tx, teamId, version)
      return removed && { ...removed, memberUserIds: t.memberUserIds }
    },
  })
}

// ---- 党组织 -----------------------------------------------------------------------------------------

/** The tree's order: an organisation's parent is of an earlier kind, at its place or above it. */
const rank = (kind: string) => PARTY_ORG_KINDS.indexOf(kind as PartyOrgKind)
const misplaced = (message: string) => new AppError('PARTY_ORG_MISPLACED', message)

/** The places above a place code and the place itself: 520402001001002 → 520402, 520402001, 520402001001, itself. */
const placesUpTo = (code: string) => [6, 9, 12, 15].filter((n) => n <= code.length).map((n) => code.slice(0, n))

async function parentFor(ctx: Ctx, kind: PartyOrgKind, placeCode: string, parentId: string | undefined): Promise<PartyOrgRow | null> {
  if (parentId !== undefined) {
    const p = await findPartyOrgRow(ctx.db, id(parentId))
    if (!p || !placeCode.startsWith(p.org.placeCode)) {
      throw new AppError('UNKNOWN_PARTY_ORG', undefined, [{ field: 'parentId', message: '上级党组织不存在，或不在该地点及其上级' }])
    }
    if (rank(p.org.kind) >= rank(kind)) throw misplaced('上级党组织的层级须高于本组织')
    return p.org
  }
  // by default: the nearest organisation above it on its branch (a grid's party group under the grid's branch, else the community's)
  const candidates = (await listPartyOrgsAt(ctx.db, placesUpTo(placeCode))).filter((o) => rank(o.kind) < rank(kind))
  return candidates.sort((a, b) => rank(b.kind) - rank(a.kind))[0] ?? null
}

export async function listPartyOrgs(ctx: Ctx, q: ListPartyOrgsQuery): Promise<PageOf<PartyOrg>> {
  const placePrefix = readPlace(ctx, q.place)
  const limit = q.limit ?? 20
  const cursor = decodeCursor(q.cursor, { id: 'id' })
  const filter = { placePrefix, ...(q.kind ? { kind: q.kind } : {}) }
  const rows = await listPartyOrgRows(ctx.db, { ...filter, limit, ...(cursor ? { afterId: cursor.id } : {}) })
  return pageOf(rows, limit, presentPartyOrg, (r) => ({ id: r.org.id }), q.withTotal ? () => countPartyOrgs(ctx.db, filter) : undefined)
}

export async function getPartyOrg(ctx: Ctx, orgId: number): Promise<PartyOrg> {
  authorize(ctx.actor, 'registry.read')
  const r = await findPartyOrgRow(ctx.db, orgId)
  if (!r) throw notFound(OUT_OF_SCOPE)
  authorize(ctx.actor, 'registry.place', r.org.placeCode)
  return presentPartyOrg(r)
}

/** The place an organisation of this kind is attached to, kept by the caller (404 / 422 as for any record). */
async function keptPlaceOf(ctx: Ctx, kind: PartyOrgKind, placeCode: string): Promise<void> {
  if (placeCode.length !== PARTY_ORG_PLACE_DIGITS[kind]) {
    throw misplaced(`${kind === 'streetWorkingCommittee' ? '街道党工委须设在街道（乡镇）' : kind === 'communityCommittee' ? '社区党组织须设在社区（村）' : '网格、楼栋党组织须设在网格'}`)
  }
  if (placeCode.length === 15) {
    await keptGrid(ctx, placeCode)
  } else if (placeCode.length === 12) {
    await keptCommunity(ctx, placeCode)
  } else {
    keepAt(ctx, placeCode)
    const street = await findRegion(ctx.db, placeCode)
    if (!street || street.level !== 'street') throw notFound('街道不存在或不在您的辖区内')
  }
}

/** 建立党组织 on a place; its parent is the one given or the nearest one above it. */
export async function createPartyOrg(ctx: Ctx, body: CreatePartyOrgBody): Promise<PartyOrg> {
  authorize(ctx.actor, 'registry.keep')
  await keptPlaceOf(ctx, body.kind, body.placeCode)
  let buildingId: number | null = null
  if (body.kind === 'buildingGroup') {
    const b = body.buildingId ? await findBuildingRow(ctx.db, id(body.buildingId)) : undefined
    if (!b || b.building.gridCode !== body.placeCode) {
      throw new AppError('UNKNOWN_BUILDING', undefined, [{ field: 'buildingId', message: '楼栋党小组须给出该网格内的楼栋' }])
    }
    buildingId = b.building.id
  } else if (body.buildingId) {
    throw invalidInput([{ field: 'buildingId', message: '只有楼栋党小组关联楼栋' }])
  }
  const parent = await parentFor(ctx, body.kind, body.placeCode, body.parentId)
  const o = await commitCreate(
    ctx,
    'partyOrg',
    (tx) => insertPartyOrgRow(tx, { kind: body.kind, name: body.name.trim(), placeCode: body.placeCode, buildingId, parentId: parent?.id ?? null }),
    { conflict: { code: 'GRID_PARTY_GROUP_EXISTS' } },
  )
  return getPartyOrg(ctx, o.id)
}

async function keptPartyOrg(ctx: Ctx, orgId: number) {
  authorize(ctx.actor, 'registry.keep')
  const r = await findPartyOrgRow(ctx.db, orgId)
  if (!r) throw notFound(OUT_OF_SCOPE)
  keepAt(ctx, r.org.placeCode)
  return r.org
}

export async function updatePartyOrg(ctx: Ctx, orgId: number, body: UpdatePartyOrgBody): Promise<PartyOrg> {
  const o = await keptPartyOrg(ctx, orgId)
  sameVersion(o.version, body.version)
  const { name, parentId } = patchOf(body)
  const parent = parentId !== undefined ? await parentFor(ctx, o.kind as PartyOrgKind, o.placeCode, parentId) : undefined
  const values = { ...(name !== undefined ? { name: name.trim() } : {}), ...(parent ? { parentId: parent.id } : {}) }
  await commitUpdate(ctx, {
    entityType: 'partyOrg',
    id: orgId,
    before: o,
    fields: Object.keys(values),
    apply: (tx) => updatePartyOrgVersioned(tx, orgId, body.version, values),
  })
  return getPartyOrg(ctx, orgId)
}

/** 撤销党组织: only one without sub-organisations or members. */
export async function removePartyOrg(ctx: Ctx, orgId: number, version: number): Promise<Removed> {
  const o = await keptPartyOrg(ctx, orgId)
  return commitRemove(ctx, {
    entityType: 'partyOrg',
    id: orgId,
    version,
    current: o,
    inUse: (tx) => isPartyOrgUsed(tx, orgId),
    inUseCode: 'PARTY_ORG_IN_USE',
    apply: (tx) => deletePartyOrgVersioned(tx, orgId, version),
  })
}

// ---- 党员 -----------------------------------------------------------------------------------------

export async function listPartyMembers(ctx: Ctx, q: ListPartyMembersQuery): Promise<PageOf<PartyMember>> {
  const placePrefix = readPlace(ctx, q.place)
  const limit = q.limit ?? 20
  const cursor = decodeCursor(q.cursor, { id: 'id' })
  const filter = { placePrefix, ...(q.partyOrgId ? { partyOrgId: id(q.partyOrgId) } : {}), ...(q.q ? { q: q.q } : {}) }
  const rows = await listPartyMemberRows(ctx.db, { ...filter, limit, ...(cursor ? { afterId: cursor.id } : {}) })
  return pageOf(rows, limit, presentPartyMember, (r) => ({ id: r.member.id }), q.withTotal ? () => countPartyMembers(ctx.db, filter) : undefined)
}

export async function getPartyMember(ctx: Ctx, memberId: number): Promise<PartyMember> {
  authorize(ctx.actor, 'registry.read')
  const r = await findPartyMemberRow(ctx.db, memberId)
  if (!r) throw notFound(OUT_OF_SCOPE)
  authorize(ctx.actor, 'registry.place', r.member.communityCode)
  return presentPartyMember(r)
}

/** An organisation of the member's community (or one of its grids) — 400 otherwise. */
async function orgOfCommunity(ctx: Ctx, orgId: number, communityCode: string) {
  const r = await findPartyOrgRow(ctx.db, orgId)
  if (!r || !r.org.placeCode.startsWith(communityCode)) {
    throw new AppError('UNKNOWN_PARTY_ORG', undefined, [{ field: 'partyOrgId', message: '党组织不存在或不在该社区' }])
  }
  return r.org
}

/** 登记党员 of a community, in one of its organisations; an in-service member's account then registers (双报到) as itself. */
export async function createPartyMember(ctx: Ctx, body: CreatePartyMemberBody): Promise<PartyMember> {
  const community = await keptCommunity(ctx, body.communityCode)
  const org = body.partyOrgId ? await orgOfCommunity(ctx, id(body.partyOrgId), community.code) : null
  if (body.residentId) {
    const r = await findResidentRow(ctx.db, id(body.residentId))
    if (!r || !r.resident.gridCode.startsWith(community.code)) {
      throw new AppError('UNKNOWN_RESIDENT', undefined, [{ field: 'residentId', message: '居民不存在或不在该社区' }])
    }
  }
  const m = await commitCreate(ctx, 'partyMember', (tx) =>
    insertPartyMemberRow(tx, {
      communityCode: community.code,
      name: body.name.trim(),
      kind: body.kind,
      partyOrgId: org?.id ?? null,
      workUnit: body.workUnit?.trim() ?? null,
      residentId: body.residentId ? id(body.residentId) : null,
    }),
  )
  return getPartyMember(ctx, m.id)
}

/** 调整党员: name, kind, work unit, or the organisation they belong to (编入网格党小组 …). */
export async function updatePartyMember(ctx: Ctx, memberId: number, body: UpdatePartyMemberBody): Promise<PartyMember> {
  authorize(ctx.actor, 'registry.keep')
  const found = await findPartyMemberRow(ctx.db, memberId)
  if (!found) throw notFound(OUT_OF_SCOPE)
  const m = found.member
  keepAt(ctx, m.communityCode)
  sameVersion(m.version, body.version)
  const { partyOrgId, ...rest } = patchOf(body)
  const org = partyOrgId == null ? partyOrgId : await orgOfCommunity(ctx, id(partyOrgId), m.communityCode)
  const values = {
    ...rest,
    ...(rest.name !== undefined ? { name: rest.name.trim() } : {}),
    ...(org !== undefined ? { partyOrgId: org?.id ?? null } : {}),
  }
  await commitUpdate(ctx, {
    entityType: 'partyMember',
    id: memberId,
    before: m,
    fields: Object.keys(values),
    apply: (tx) => updatePartyMemberVersioned(tx, memberId, body.version, values),
  })
  return getPartyMember(ctx, memberId)
}
