/**
 * 账号管理 by the security administrator (三员分立): creates and unlocks business accounts, never
 * the three administrators themselves, and cannot read the audit log.
 */
import type { Ctx } from '../../context'
import { AppError, invalidInput, notFound } from '../../errors'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { hashPassword, passwordPolicyProblem } from '../../lib/password'
import { commitChange } from '../../core'
import type { Db } from '../../db/client'
import { authorize, parseScope, placePath, scopeFitsRole, type ParsedScope } from '../../permissions'
import type { PageOf } from '#contracts/common'
import type { CreateUserBody, ListUsersQuery, User } from '#contracts/users'
import { findDepartment, findGrid, findPropertyCompany, findRegion } from '../places'
import { findUserById, forgetLoginFailures, removeSecondFactor, roleRequiresMfa, sourceLockedUntil } from '../auth'
import { findResidentById } from '../residents'
import { unitName } from '../units'
import { presentUser } from './presenter'
import { countUsers, deleteUserSessions, findPartyMemberById, insertUser, listUsers, updateUser, type UserRow } from './queries'

/** The county a scope lies in, if it names a live place, department or property company (else null). */
async function countyOfScope(ctx: Ctx, scope: ParsedScope): Promise<string | null> {
  switch (scope.kind) {
    case 'place': {
      if (scope.code.length === 15) {
        const g = await findGrid(ctx.db, scope.code)
        return g && g.retiredAt === null ? scope.code.slice(0, 6) : null
      }
      return scope.code.length >= 6 && (await findRegion(ctx.db, scope.code)) ? scope.code.slice(0, 6) : null
    }
    case 'department':
      return (await findDepartment(ctx.db, scope.code))?.countyCode ?? null
    case 'property':
      return (await findPropertyCompany(ctx.db, scope.id))?.countyCode ?? null
    case 'unit':
      return (await unitName(ctx.db, scope.id))?.countyCode ?? null
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

/** The county of an existing account (a place account's county even if its place has since gone). */
async function countyOfAccount(ctx: Ctx, u: UserRow): Promise<string | null> {
  const scope = parseScope(u.scope)
  if (!scope) return null
  if (scope.kind === 'place') return scope.code.length >= 6 ? scope.code.slice(0, 6) : null
  return countyOfScope(ctx, scope)
}

export async function createUser(ctx: Ctx, body: CreateUserBody): Promise<User> {
  authorize(ctx.actor, 'user.manage')
  authorize(ctx.actor, 'user.createRole', body.role)
  // a short place code is as good as its dotted path (520423002013002 → 520423.520423002.520423002013.520423002013002)
  const scopeText = /^[0-9]{2,15}$/.test(body.scope) && !body.scope.includes('.') ? placePath(body.scope) : body.scope
  const scope = parseScope(scopeText)
  if (!scope || !scopeFitsRole(body.role, scope)) {
    throw invalidInput([{ field: 'scope', message: '管辖范围的格式与角色不符' }])
  }
  if ((await countyOfScope(ctx, scope)) !== ctx.actor.placeCode) {
    throw invalidInput([{ field: 'scope', message: '管辖范围不存在、已撤销或不在本县' }])
  }
  await checkLinkedPeople(ctx, body, scope)
  const problem = passwordPolicyProblem(body.password)
  if (problem) throw invalidInput([{ field: 'password', message: problem }], problem)

  const hash = await hashPassword(body.password)
  const created = await commitChange(ctx, {
    entityId: (u) => u.id,
    apply: (tx: Db) =>
      insertUser(tx, {
        username: body.username,
        passwordHash: hash,
        role: body.role,
        scope: scopeText,
        displayName: body.displayName,
        residentId: body.residentId ? Number(body.residentId) : null,
        partyMemberId: body.partyMemberId ? Number(body.partyMemberId) : null,
        passwordChangedAt: ctx.now,
        // someone else chose it: the owner sets their own at the first login
        mustChangePassword: true,
        createdAt: ctx.now,
      }),
    conflict: { code: 'USERNAME_TAKEN' },
    audit: (u) => ({ action: 'user.create', entityType: 'user', after: { username: u.username, role: u.role, scope: u.scope } }),
  })
  return presentUser(created, roleRequiresMfa(ctx.deps.env, created.role))
}

export async function listUsersForAdmin(ctx: Ctx, q: ListUsersQuery): Promise<PageOf<User>> {
  authorize(ctx.actor, 'user.manage')
  const limit = q.limit ?? 20
  const cursor = decodeCursor(q.cursor, { id: 'id' })
  const filter = { county: ctx.actor.placeCode!, ...(q.role ? { role: q.role } : {}), ...(q.q ? { q: q.q } : {}) }
  const rows = await listUsers(ctx.db, { ...filter, limit, ...(cursor ? { afterId: cursor.id } : {}) })
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  const locks = await sourceLockedUntil(ctx.db, page.map((u) => u.username), ctx.now)
  return {
    items: page.map((u) => presentUser(u, roleRequiresMfa(ctx.deps.env, u.role), locks.get(u.username.toLowerCase()))),
    nextCursor: rows.length > limit && last ? encodeCursor({ id: last.id }) : null,
    ...(q.withTotal ? { total: await countUsers(ctx.db, filter) } : {}),
  }
}

const present = (ctx: Ctx, u: UserRow) => presentUser(u, roleRequiresMfa(ctx.deps.env, u.role))

async function loadManagedUser(ctx: Ctx, id: number): Promise<UserRow> {
  authorize(ctx.actor, 'user.manage')
  const u = await findUserById(ctx.db, id)
  if (!u) throw notFound('账号不存在')
  authorize(ctx.actor, 'user.read', { countyCode: await countyOfAccount(ctx, u) })
  return u
}

export async function unlockUser(ctx: Ctx, id: number): Promise<User> {
  const u = await loadManagedUser(ctx, id)
  const updated = await commitChange(ctx, {
    entityId: id,
    apply: (tx: Db) => updateUser(tx, id, { failedLogins: 0, lockedUntil: null }),
    // and every source's count on it (a source locked out of this account may try again)
    after: (tx) => forgetLoginFailures(tx, u.username),
    audit: { action: 'user.unlock', entityType: 'user', before: { lockedUntil: u.lockedUntil, failedLogins: u.failedLogins } },
  })
  return present(ctx, updated)
}

export async function setUserDisabled(ctx: Ctx, id: number, disabled: boolean): Promise<User> {
  const u = await loadManagedUser(ctx, id)
  authorize(ctx.actor, 'user.disable', u)
  const updated = await commitChange(ctx, {
    entityId: id,
    apply: (tx: Db) => updateUser(tx, id, { disabledAt: disabled ? ctx.now : null }),
    after: async (tx) => {
      if (disabled) await deleteUserSessions(tx, id)
    },
    audit: { action: disabled ? 'user.disable' : 'user.enable', entityType: 'user' },
  })
  return present(ctx, updated)
}

/** Set a temporary password; it counts as expired so the owner must change it at next login. */
export async function resetUserPassword(ctx: Ctx, id: number, password: string): Promise<User> {
  const u = await loadManagedUser(ctx, id)
  authorize(ctx.actor, 'user.resetPassword', u)
  const problem = passwordPolicyProblem(password)
  if (problem) throw invalidInput([{ field: 'password', message: problem }], problem)
  const hash = await hashPassword(password)
  const updated = await commitChange(ctx, {
    entityId: id,
    apply: (tx: Db) => updateUser(tx, id, { passwordHash: hash, passwordChangedAt: ctx.now, mustChangePassword: true, failedLogins: 0, lockedUntil: null }),
    after: (tx) => deleteUserSessions(tx, id),
    audit: { action: 'user.resetPassword', entityType: 'user' },
  })
  return present(ctx, updated)
}

/**
 * Reset an account's second factor (a lost or replaced phone): its secret and recovery codes go and
 * its sessions end. At its next login it enrols again if its role requires one. Never one's own.
 */
export async function resetUserMfa(ctx: Ctx, id: number): Promise<User> {
  const u = await loadManagedUser(ctx, id)
  authorize(ctx.actor, 'user.resetMfa', u)
  if (!u.totpEnabledAt) throw new AppError('MFA_NOT_ENABLED')
  const updated = await commitChange(ctx, {
    entityId: id,
    apply: (tx: Db) => removeSecondFactor(tx, id),
    after: (tx) => deleteUserSessions(tx, id),
    audit: { action: 'user.mfaReset', entityType: 'user', before: { mfaEnabledAt: u.totpEnabledAt } },
  })
  return present(ctx, updated)
}
