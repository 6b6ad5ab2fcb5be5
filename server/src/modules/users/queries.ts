import { and, asc, eq, gt, like, or, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { session, userAccount } from '../../db/schema/index'

export type UserRow = typeof userAccount.$inferSelect

export async function insertUser(db: Db, u: typeof userAccount.$inferInsert): Promise<UserRow | undefined> {
  const rows = await db.insert(userAccount).values(u).onConflictDoNothing().returning()
  return rows[0]
}

export function listUsers(db: Db, f: { role?: string; q?: string; afterId?: number; limit: number; scopePrefix: string }) {
  const q = f.q?.replace(/[\\%_]/g, (c) => `\\${c}`)
  return db
    .select()
    .from(userAccount)
    .where(
      and(
        or(like(userAccount.scope, `${f.scopePrefix}%`), like(userAccount.scope, 'department:%'), like(userAccount.scope, 'property:%')),
        f.role ? eq(userAccount.role, f.role) : undefined,
        q ? or(like(userAccount.username, `%${q}%`), like(userAccount.displayName, `%${q}%`)) : undefined,
        f.afterId ? gt(userAccount.id, f.afterId) : undefined,
      ),
    )
    .orderBy(asc(userAccount.id))
    .limit(f.limit + 1)
}

export async function updateUser(db: Db, id: number, patch: Partial<typeof userAccount.$inferInsert>) {
  const rows = await db.update(userAccount).set(patch).where(eq(userAccount.id, id)).returning()
  return rows[0]
}

export async function deleteUserSessions(db: Db, userId: number) {
  await db.delete(session).where(eq(session.userId, userId))
}

export async function countUsers(db: Db): Promise<number> {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(userAccount)
  return rows[0]?.n ?? 0
}
