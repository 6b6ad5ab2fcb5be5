/**
 * 账号管理 by the security administrator (三员分立): creates and unlocks business accounts, never
 * the three administrators themselves, and cannot read the audit log.
 */
import type { Ctx } from '../../context'
import { conflict, invalidInput, notFound, unprocessable } from '../../errors'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { hashPassword, passwordPolicyProblem } from '../../lib/password'
import { isoOrNull, isoShanghai } from '../../lib/time'
import { parseScope, requireRole, scopeFitsRole, type ParsedScope } from '../../permissions'
import { ADMIN_ROLES, type Role } from '#contracts/roles'
import type { PageOf } from '#contracts/common'
import type { CreateUserBody, ListUsersQuery, User } from '#contracts/users'
import { recordAudit } from '../audit/service'
import { findDepartment, findGrid, findPropertyCompany, findRegion } from '../places/queries'
import { findUserById } from '../auth/queries'
import { findResidentById } from '../residents/queries'
import { deleteUserSessions, findPartyMemberById, insertUser, listUsers, updateUser, type UserRow } from './queries'

export function presentUser(u: UserRow): User {
  return {
    id: String(u.id),
    username: u.username,
    displayName: u.displayName,
    role: u.role as Role,
    scope: u.scope,
    lockedUntil: isoOrNull(u.lockedUntil),
    disabled: u.disabledAt !== null,
    lastLoginAt: isoOrNull(u.lastLoginAt),
    createdAt: isoShanghai(u.createdAt),
  }
}

/** Does a scope name a live place, department or property company of this county? */
async function scopeInCounty(ctx: Ctx, scope: ParsedScope, county: string): Promise<boolean> {
  switch (scope.kind) {
    case 'place': {
      if (!scope.code.startsWith(county)) return false
      if (scope.code.length === 15) {
        const g = await findGrid(ctx.db, scope.code)
        return !!g && g.retiredAt === null
      }
      return !!(await findRegion(ctx.db, scope.code))
    }
    case 'department':
      return (await findDepartment(ctx.db, scope.code))?.countyCode === county
    case 'property':
      return (await findPropertyCompany(ctx.db, scope.id))?.countyCode === county
  }
}

/**
 * residentId links a resident or 联户长 account to the person (what they may see of themselves,
 * which buildings they lead); partyMemberId links a party member. Each must exist and live in the
 * account's own scope, and only the roles that use them may carry them.
 */
async function checkLinkedPeople(ctx: Ctx, body: CreateUserBody, scope: ParsedScope): Promise<void> {
  const placeCode = scope.kind === 'place' ? scope.code : null
  if (body.residentId !== undefined) {
    if (body.role !== 'resident' && body.role !== 'householdLeader') {
      throw invalidInput([{ field: 'residentId', message: '只有居民、联户长账号可以关联居民' }])
    }
    const r = await findResidentById(ctx.db, Number(body.residentId))
    if (!r || placeCode === null || r.resident.gridCode !== placeCode) {
      throw invalidInput([{ field: 'residentId', message: '居民不存在或不在该账号的网格内' }])
    }
  }
  if (body.partyMemberId !== undefined) {
    if (body.role !== 'partyMember') throw invalidInput([{ field: 'partyMemberId', message: '只有党员账号可以关联党员' }])
    const m = await findPartyMemberById(ctx.db, Number(body.partyMemberId))
    if (!m || placeCode === null || m.communityCode !== placeCode) {
      throw invalidInput([{ field: 'partyMemberId', message: '党员不存在或不在该账号的社区报到' }])
    }
  }
}

/** Is an existing account one this (county) security administrator manages? */
async function userInCounty(ctx: Ctx, u: UserRow, county: string): Promise<boolean> {
  const scope = parseScope(u.scope)
  if (!scope) return false
  if (scope.kind === 'place') return scope.code.startsWith(county)
  return scopeInCounty(ctx, scope, county)
}

function securityAdminOnly(ctx: Ctx) {
  requireRole(ctx.actor, ['securityAdmin'], '只有安全管理员可以管理账号')
}

export async function createUser(ctx: Ctx, body: CreateUserBody): Promise<User> {
  securityAdminOnly(ctx)
  if ((ADMIN_ROLES as readonly string[]).includes(body.role)) {
    throw unprocessable('ADMIN_ROLE_RESERVED', '三员账号由系统初始化，不能在此创建')
  }
  const scope = parseScope(body.scope)
  if (!scope || !scopeFitsRole(body.role, scope)) {
    throw invalidInput([{ field: 'scope', message: '管辖范围的格式与角色不符' }])
  }
  const county = ctx.actor.placeCode!
  if (!(await scopeInCounty(ctx, scope, county))) {
    throw invalidInput([{ field: 'scope', message: '管辖范围不存在、已撤销或不在本县' }])
  }
  await checkLinkedPeople(ctx, body, scope)
  const problem = passwordPolicyProblem(body.password)
  if (problem) throw invalidInput([{ field: 'password', message: problem }], problem)

  const hash = await hashPassword(body.password)
  const created = await ctx.db.transaction(async (tx) => {
    const u = await insertUser(tx, {
      username: body.username,
      passwordHash: hash,
      role: body.role,
      scope: body.scope,
      displayName: body.displayName,
      residentId: body.residentId ? Number(body.residentId) : null,
      partyMemberId: body.partyMemberId ? Number(body.partyMemberId) : null,
      passwordChangedAt: ctx.now,
      createdAt: ctx.now,
    })
    if (u) {
      await recordAudit(ctx, tx, {
        action: 'user.create',
        entityType: 'user',
        entityId: u.id,
        after: { username: u.username, role: u.role, scope: u.scope },
      })
    }
    return u
  })
  if (!created) throw conflict('USERNAME_TAKEN', '用户名已被使用')
  return presentUser(created)
}

export async function listUsersForAdmin(ctx: Ctx, q: ListUsersQuery): Promise<PageOf<User>> {
  securityAdminOnly(ctx)
  const limit = q.limit ?? 20
  const cursor = decodeCursor(q.cursor, { id: 'id' })
  const rows = await listUsers(ctx.db, {
    limit,
    county: ctx.actor.placeCode!,
    ...(q.role ? { role: q.role } : {}),
    ...(q.q ? { q: q.q } : {}),
    ...(cursor ? { afterId: cursor.id } : {}),
  })
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return { items: page.map(presentUser), nextCursor: rows.length > limit && last ? encodeCursor({ id: last.id }) : null }
}

async function loadManagedUser(ctx: Ctx, id: number): Promise<UserRow> {
  securityAdminOnly(ctx)
  const u = await findUserById(ctx.db, id)
  if (!u || !(await userInCounty(ctx, u, ctx.actor.placeCode!))) throw notFound('账号不存在')
  return u
}

export async function unlockUser(ctx: Ctx, id: number): Promise<User> {
  const u = await loadManagedUser(ctx, id)
  return ctx.db.transaction(async (tx) => {
    const updated = (await updateUser(tx, id, { failedLogins: 0, lockedUntil: null }))!
    await recordAudit(ctx, tx, {
      action: 'user.unlock',
      entityType: 'user',
      entityId: id,
      before: { lockedUntil: u.lockedUntil, failedLogins: u.failedLogins },
    })
    return presentUser(updated)
  })
}

export async function setUserDisabled(ctx: Ctx, id: number, disabled: boolean): Promise<User> {
  const u = await loadManagedUser(ctx, id)
  if ((ADMIN_ROLES as readonly string[]).includes(u.role)) throw unprocessable('ADMIN_ROLE_RESERVED', '不能停用三员账号')
  return ctx.db.transaction(async (tx) => {
    const updated = (await updateUser(tx, id, { disabledAt: disabled ? ctx.now : null }))!
    if (disabled) await deleteUserSessions(tx, id)
    await recordAudit(ctx, tx, { action: disabled ? 'user.disable' : 'user.enable', entityType: 'user', entityId: id })
    return presentUser(updated)
  })
}

/** Set a temporary password; it counts as expired so the owner must change it at next login. */
export async function resetUserPassword(ctx: Ctx, id: number, password: string): Promise<User> {
  const u = await loadManagedUser(ctx, id)
  if ((ADMIN_ROLES as readonly string[]).includes(u.role) && u.id !== ctx.actor.userId) {
    throw unprocessable('ADMIN_ROLE_RESERVED', '不能重置其他管理员的密码')
  }
  const problem = passwordPolicyProblem(password)
  if (problem) throw invalidInput([{ field: 'password', message: problem }], problem)
  const hash = await hashPassword(password)
  return ctx.db.transaction(async (tx) => {
    const updated = (await updateUser(tx, id, {
      passwordHash: hash,
      passwordChangedAt: new Date(0),
      failedLogins: 0,
      lockedUntil: null,
    }))!
    await deleteUserSessions(tx, id)
    await recordAudit(ctx, tx, { action: 'user.resetPassword', entityType: 'user', entityId: id })
    return presentUser(updated)
  })
}
