/**
 * 账号管理 by the security administrator (三员分立): creates and unlocks business accounts, never
 * the three administrators themselves, and cannot read the audit log.
 */
import type { Ctx } from '../../context'
import { conflict, invalidInput, notFound, unprocessable } from '../../errors'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { hashPassword, passwordPolicyProblem } from '../../lib/password'
import { isoOrNull, isoShanghai } from '../../lib/time'
import { parseScope, requireRole, scopeFitsRole } from '../../permissions'
import { ADMIN_ROLES, type Role } from '../../../../contracts/roles'
import type { PageOf } from '../../../../contracts/common'
import type { CreateUserBody, ListUsersQuery, User } from '../../../../contracts/users'
import { recordAudit } from '../audit/service'
import { findDepartment, findGrid, findPropertyCompany, findRegion } from '../places/queries'
import { findUserById } from '../auth/queries'
import { deleteUserSessions, insertUser, listUsers, updateUser, type UserRow } from './queries'

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
  const scopeOk =
    scope.kind === 'place'
      ? scope.code.startsWith(county) && (scope.code.length === 15 ? !!(await findGrid(ctx.db, scope.code)) : !!(await findRegion(ctx.db, scope.code)))
      : scope.kind === 'department'
        ? (await findDepartment(ctx.db, scope.code))?.countyCode === county
        : (await findPropertyCompany(ctx.db, scope.id))?.countyCode === county
  if (!scopeOk) throw invalidInput([{ field: 'scope', message: '管辖范围不存在或不在本县' }])
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
  const cursor = decodeCursor(q.cursor, (v): v is { id: number } => typeof v.id === 'number')
  const rows = await listUsers(ctx.db, {
    limit,
    scopePrefix: ctx.actor.placeCode!,
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
  if (!u) throw notFound('账号不存在')
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
