/** The only SQL of the QR report: the public facts a grid's poster shows. */
import { and, eq, inArray, isNull } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { grid, region, userAccount } from '../../db/schema/index'

export async function findGridWithNames(db: Db, code: string) {
  const rows = await db.select({ grid, community: region }).from(grid).innerJoin(region, eq(region.code, grid.communityCode)).where(eq(grid.code, code)).limit(1)
  const r = rows[0]
  if (!r) return undefined
  const parents = await db.select({ code: region.code, name: region.name }).from(region).where(inArray(region.code, [code.slice(0, 9), code.slice(0, 6)]))
  const name = (c: string) => parents.find((p) => p.code === c)?.name ?? ''
  return { ...r, streetName: name(code.slice(0, 9)), countyName: name(code.slice(0, 6)) }
}

/** Grid staff and 联户长 accounts of the grid (names only; shown on the printed poster). */
export function listGridTeam(db: Db, gridPath: string) {
  return db
    .select({ role: userAccount.role, name: userAccount.displayName })
    .from(userAccount)
    .where(and(eq(userAccount.scope, gridPath), inArray(userAccount.role, ['gridHead', 'gridWorker', 'householdLeader']), isNull(userAccount.disabledAt)))
    .orderBy(userAccount.role, userAccount.id)
}
