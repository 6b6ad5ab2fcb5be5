import { and, asc, eq, gt, like, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { household, resident } from '../../db/schema/index'

export type ResidentRow = typeof resident.$inferSelect

export async function findResidentById(db: Db, id: number) {
  const rows = await db
    .select({ resident, address: household.address, buildingId: household.buildingId })
    .from(resident)
    .leftJoin(household, eq(household.id, resident.householdId))
    .where(eq(resident.id, id))
    .limit(1)
  return rows[0]
}

export interface ResidentFilter {
  placePrefix: string
  name?: string
  phoneIdx?: string
  idNumberIdx?: string
  tag?: string
  afterId?: number
  limit: number
}

function residentConditions(f: ResidentFilter): SQL | undefined {
  return and(
    like(resident.gridCode, `${f.placePrefix}%`),
    f.name ? like(resident.name, `%${f.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
    f.phoneIdx ? eq(resident.phoneIdx, f.phoneIdx) : undefined,
    f.idNumberIdx ? eq(resident.idNumberIdx, f.idNumberIdx) : undefined,
    f.tag ? sql`${f.tag} = ANY(${resident.tags})` : undefined,
  )
}

export function listResidents(db: Db, f: ResidentFilter) {
  return db
    .select({ resident, address: household.address })
    .from(resident)
    .leftJoin(household, eq(household.id, resident.householdId))
    .where(and(residentConditions(f), f.afterId ? gt(resident.id, f.afterId) : undefined))
    .orderBy(asc(resident.id))
    .limit(f.limit + 1)
}

export async function countResidents(db: Db, f: ResidentFilter): Promise<number> {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(resident).where(residentConditions(f))
  return rows[0]?.n ?? 0
}
