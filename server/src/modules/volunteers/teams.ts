/**
 * 队伍: a community's volunteer teams (党员先锋队, 微心愿服务队, 纠纷调解队, 敲门队 …) — the same `team`
 * rows appeals are dispatched to — with a kind, a leader and members (party members' and residents'
 * accounts of the community). Every change bumps the team's version and is audited as a `team` change,
 * which also tells the session cache that callers made of team memberships must be read again.
 */
import type { Ctx } from '../../context'
import { commitChange } from '../../core'
import { AppError, notFound } from '../../errors'
import { authorize, can } from '../../permissions'
import type {
  CreateVolunteerTeamBody,
  ListVolunteerTeamsQuery,
  MemberCandidate,
  MemberCandidatesQuery,
  TeamMemberBody,
  UpdateVolunteerTeamBody,
  VolunteerTeam,
} from '#contracts/volunteers'
import { ROLE_NAMES, labelOf } from '#contracts/labels'
import { presentTeam } from './presenter'
import {
  deleteTeamMember,
  findCommunity,
  findPeopleAccounts,
  findTeam,
  insertTeam,
  insertTeamMember,
  isTeamMember,
  listTeamMembers,
  listTeamsUnder,
  updateTeamVersioned,
  type TeamRow,
  type TeamWithNames,
} from './queries'

const NOT_FOUND_TEAM = '队伍不存在或无权查看'

/** The place a person's lists default to: staff their own place, a party member or resident their community. */
export function homePlace(ctx: Ctx, place: string | undefined): string {
  const people = ctx.actor.role === 'partyMember' || ctx.actor.role === 'resident'
  if (people) return ctx.actor.placeCode!.slice(0, 12)
  if (place) authorize(ctx.actor, 'volunteer.listAt', place)
  return place ?? ctx.actor.placeCode!
}

export async function listVolunteerTeams(ctx: Ctx, q: ListVolunteerTeamsQuery): Promise<{ items: VolunteerTeam[] }> {
  authorize(ctx.actor, 'volunteer.list')
  const rows = await listTeamsUnder(ctx.db, homePlace(ctx, q.place))
  const members = await listTeamMembers(ctx.db, rows.map((t) => t.team.id))
  return { items: rows.map((t) => presentTeam(ctx.actor, t, members.filter((m) => m.teamId === t.team.id))) }
}

async function present(ctx: Ctx, id: number): Promise<VolunteerTeam> {
  const t = (await findTeam(ctx.db, id))!
  return presentTeam(ctx.actor, t, await listTeamMembers(ctx.db, [id]))
}

export async function getVolunteerTeam(ctx: Ctx, id: number): Promise<VolunteerTeam> {
  const t = await findTeam(ctx.db, id)
  if (!t) throw notFound(NOT_FOUND_TEAM)
  authorize(ctx.actor, 'volunteer.readTeam', t.team.communityCode)
  return present(ctx, id)
}

/** A team the caller keeps: 404 when they cannot see it, 403 when they see but do not keep it, 409 for a stale version. */
async function keptTeam(ctx: Ctx, id: number, version: number): Promise<TeamWithNames> {
  const t = await findTeam(ctx.db, id)
  if (!t || !can(ctx.actor, 'volunteer.readTeam', t.team.communityCode)) throw notFound(NOT_FOUND_TEAM)
  authorize(ctx.actor, 'volunteer.keepTeam', t.team.communityCode)
  if (t.team.version !== version) throw new AppError('VERSION_CONFLICT', '队伍已被他人更新，请刷新后重试')
  return t
}

/** A party member's or resident's active account of the community, or 400 UNKNOWN_ACCOUNT. */
async function personOf(ctx: Ctx, communityCode: string, userId: number, field: string): Promise<void> {
  const c = await findCommunity(ctx.db, communityCode)
  const [found] = await findPeopleAccounts(ctx.db, c!.path, { userIds: [userId], limit: 1 })
  if (!found) throw new AppError('UNKNOWN_ACCOUNT', '该账号不存在、已停用，或不是本社区的党员、居民账号', [{ field, message: '须是本社区党员或居民的账号' }])
}

/** 组建队伍: the community names it, gives its kind and, if it likes, a leader (who joins as a member). */
export async function createVolunteerTeam(ctx: Ctx, body: CreateVolunteerTeamBody): Promise<VolunteerTeam> {
  authorize(ctx.actor, 'volunteer.keepTeam', body.communityCode)
  const community = await findCommunity(ctx.db, body.communityCode)
  if (!community) throw new AppError('UNKNOWN_COMMUNITY')
  const leaderUserId = body.leaderUserId ? Number(body.leaderUserId) : null
  if (leaderUserId !== null) await personOf(ctx, community.code, leaderUserId, 'leaderUserId')
  const row = await commitChange<TeamRow>(ctx, {
    entityId: (t) => t.id,
    apply: async (tx) => {
      const t = await insertTeam(tx, { communityCode: community.code, name: body.name.trim(), kind: body.kind, leaderUserId })
      if (leaderUserId !== null) await insertTeamMember(tx, t.id, leaderUserId)
      return t
    },
    audit: (t) => ({ action: 'team.create', entityType: 'team', after: { name: t.name, kind: t.kind, communityCode: t.communityCode, leaderUserId } }),
  })
  return present(ctx, row.id)
}

/** 调整队伍: rename, change its kind, name or clear its leader (a new leader joins as a member). */
export async function updateVolunteerTeam(ctx: Ctx, id: number, body: UpdateVolunteerTeamBody): Promise<VolunteerTeam> {
  const t = await keptTeam(ctx, id, body.version)
  const patch: { name?: string; kind?: string; leaderUserId?: number | null } = {}
  if (body.name !== undefined) patch.name = body.name.trim()
  if (body.kind !== undefined) patch.kind = body.kind
  if (body.leaderUserId !== undefined) {
    patch.leaderUserId = body.leaderUserId === null ? null : Number(body.leaderUserId)
    if (patch.leaderUserId !== null) await personOf(ctx, t.team.communityCode, patch.leaderUserId, 'leaderUserId')
  }
  await commitChange(ctx, {
    entityId: id,
    apply: async (tx) => {
      const row = await updateTeamVersioned(tx, id, body.version, patch)
      if (row && patch.leaderUserId) await insertTeamMember(tx, id, patch.leaderUserId)
      return row
    },
    conflict: { message: '队伍已被他人更新，请刷新后重试' },
    audit: {
      action: 'team.update',
      entityType: 'team',
      before: { name: t.team.name, kind: t.team.kind, leaderUserId: t.team.leaderUserId },
      after: { name: t.team.name, kind: t.team.kind, leaderUserId: t.team.leaderUserId, ...patch },
    },
  })
  return present(ctx, id)
}

/** 加入队员: a party member's or resident's account of the team's community. */
export async function addVolunteerTeamMember(ctx: Ctx, id: number, body: TeamMemberBody): Promise<VolunteerTeam> {
  const t = await keptTeam(ctx, id, body.version)
  const userId = Number(body.userId)
  await personOf(ctx, t.team.communityCode, userId, 'userId')
  if (await isTeamMember(ctx.db, id, userId)) throw new AppError('ALREADY_TEAM_MEMBER')
  await commitChange(ctx, {
    entityId: id,
    apply: async (tx) => {
      const row = await updateTeamVersioned(tx, id, body.version, {})
      if (row && !(await insertTeamMember(tx, id, userId))) throw new AppError('ALREADY_TEAM_MEMBER')
      return row
    },
    conflict: { message: '队伍已被他人更新，请刷新后重试' },
    audit: { action: 'team.addMember', entityType: 'team', after: { userId } },
  })
  return present(ctx, id)
}

/** 移出队员 (a leader who leaves is no longer the leader). */
export async function removeVolunteerTeamMember(ctx: Ctx, id: number, userId: number, version: number): Promise<VolunteerTeam> {
  const t = await keptTeam(ctx, id, version)
  if (!(await isTeamMember(ctx.db, id, userId))) throw new AppError('NOT_TEAM_MEMBER')
  const wasLeader = t.team.leaderUserId === userId
  await commitChange(ctx, {
    entityId: id,
    apply: async (tx) => {
      const row = await updateTeamVersioned(tx, id, version, wasLeader ? { leaderUserId: null } : {})
      if (row && !(await deleteTeamMember(tx, id, userId))) throw new AppError('NOT_TEAM_MEMBER')
      return row
    },
    conflict: { message: '队伍已被他人更新，请刷新后重试' },
    audit: { action: 'team.removeMember', entityType: 'team', before: { userId, wasLeader } },
  })
  return present(ctx, id)
}

/** Who may join a community's teams: its party members' and residents' accounts, by name. */
export async function listMemberCandidates(ctx: Ctx, q: MemberCandidatesQuery): Promise<{ items: MemberCandidate[] }> {
  authorize(ctx.actor, 'volunteer.keepTeam', q.community)
  const c = await findCommunity(ctx.db, q.community)
  if (!c) throw new AppError('UNKNOWN_COMMUNITY')
  const rows = await findPeopleAccounts(ctx.db, c.path, { ...(q.q ? { name: q.q.trim() } : {}), limit: 50 })
  return { items: rows.map((r) => ({ userId: String(r.userId), name: r.name, role: r.role, roleName: labelOf(ROLE_NAMES, r.role) })) }
}
