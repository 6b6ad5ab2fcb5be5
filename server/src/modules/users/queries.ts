import { and, asc, eq, gt, like, or, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { partyMember, session, userAccount } from '../../db/schema/index'

export type UserRow = typeof userAccount.$inferSelect

export async function insertUser(db: Db, u: typeof userAccount.$inferInsert): Promise<UserRow | undefined> {
  const rows = await db.insert(userAccount).values(u).onConflictDoNothing().returning()
  return rows[0]
}

export interface UserFilter {
  role?: string
  q?: string
  county: string
}

function usersWhere(f: UserFilter) {
  const q = f.q?.replace(/[\\%_]/g, (c) => `\\${c}`)
  return and(
    // The county's own places, departments and property companies — never another county's.
    or(
      eq(userAccount.scope, f.county),
      like(userAccount.scope, `${f.county}.%`),
      sql`${userAccount.scope} IN (SELECT 'department:' || d.code FROM department d WHERE d.county_code = ${f.county})`,
      sql`${userAccount.scope} IN (SELECT 'property:' || p.id FROM property_company p WHERE p.county_code = ${f.county})`,
    ),
    f.role ? eq(userAccount.role, f.role) : undefined,
    q ? or(like(userAccount.username, `%${q}%`), like(userAccount.displayName, `%${q}%`)) : undefined,
  )
}

export function listUsers(db: Db, f: UserFilter & { afterId?: number; limit: number }) {
  return db
    .select()
    .from(userAccount)
    .where(and(usersWhere(f), f.afterId ? gt(userAccount.id, f.afterId) : undefined))
    .orderBy(asc(userAccount.id))
    .limit(f.limit + 1)
}

export async function countUsers(db: Db, f: UserFilter): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(userAccount).where(usersWhere(f))
  return r?.n ?? 0
}

export async function updateUser(db: Db, id: number, patch: Partial<typeof userAccount.$inferInsert>) {
  const rows = await db.update(userAccount).set(patch).where(eq(userAccount.id, id)).returning()
  return rows[0]
}

export async function deleteUserSessions(db: Db, userId: number) {
  await db.delete(session).where(eq(session.userId, userId))
}

export async function findPartyMemberById(db: Db, id: number) {
  const rows = await db.select().from(partyMember).where(eq(partyMember.id, id)).limit(1)
  return rows[0]
}
