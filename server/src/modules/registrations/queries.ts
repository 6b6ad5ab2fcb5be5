/** Every SQL statement of 双报到 registrations. Each takes a handle that may be a transaction. */
import { and, eq, inArray, like, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { newestFirst, olderThan } from '../../db/keyset'
import { partyMember, partyRegistration, partyUnit, region } from '../../db/schema/index'

export type RegistrationRow = typeof partyRegistration.$inferSelect
export type RegistrationInsert = typeof partyRegistration.$inferInsert

/** A registration with the names its presentation needs. */
export interface RegistrationWithNames {
  registration: RegistrationRow
  memberName: string
  communityName: string
  unitName: string | null
}

const withNames = { registration: partyRegistration, memberName: partyMember.name, communityName: region.name, unitName: partyUnit.name }

function selectWithNames(db: Db) {
  return db
    .select(withNames)
    .from(partyRegistration)
    .innerJoin(partyMember, eq(partyMember.id, partyRegistration.partyMemberId))
    .innerJoin(region, eq(region.code, partyRegistration.communityCode))
    .leftJoin(partyUnit, eq(partyUnit.id, partyRegistration.unitId))
}

export async function findRegistration(db: Db, id: number): Promise<RegistrationWithNames | undefined> {
  const [r] = await selectWithNames(db).where(eq(partyRegistration.id, id)).limit(1)
  return r
}

/** A new registration; undefined when the member already has a live one (submitted or confirmed) at that community. */
export async function insertRegistration(db: Db, row: RegistrationInsert): Promise<RegistrationRow | undefined> {
  const [r] = await db.insert(partyRegistration).values(row).onConflictDoNothing().returning()
  return r
}

/** Optimistic update: only applies if nobody changed the registration since `version`. */
export async function updateRegistrationVersioned(
  db: Db,
  id: number,
  version: number,
  patch: Partial<RegistrationInsert>,
): Promise<RegistrationRow | undefined> {
  const [r] = await db
    .update(partyRegistration)
    .set({ ...patch, version: sql`${partyRegistration.version} + 1` })
    .where(and(eq(partyRegistration.id, id), eq(partyRegistration.version, version)))
    .returning()
  return r
}

export async function findCommunity(db: Db, code: string) {
  const [r] = await db.select({ code: region.code, name: region.name, level: region.level }).from(region).where(eq(region.code, code)).limit(1)
  return r?.level === 'community' ? r : undefined
}

export interface RegistrationFilter {
  /** the member's own registrations */
  partyMemberId?: number
  /** registrations at communities under this place code */
  placePrefix?: string
  /** the members naming this unit */
  unitId?: number
  statuses?: string[]
}

function registrationsWhere(f: RegistrationFilter) {
  return and(
    f.partyMemberId !== undefined ? eq(partyRegistration.partyMemberId, f.partyMemberId) : undefined,
    f.placePrefix ? like(partyRegistration.communityCode, `${f.placePrefix}%`) : undefined,
    f.unitId !== undefined ? eq(partyRegistration.unitId, f.unitId) : undefined,
    f.statuses?.length ? inArray(partyRegistration.status, f.statuses) : undefined,
  )
}

export function listRegistrations(db: Db, f: RegistrationFilter & { cursor?: { t: string; id: number }; limit: number }) {
  return selectWithNames(db)
    .where(and(registrationsWhere(f), olderThan(partyRegistration.submittedAt, partyRegistration.id, f.cursor)))
    .orderBy(...newestFirst(partyRegistration.submittedAt, partyRegistration.id))
    .limit(f.limit + 1)
}

export async function countRegistrations(db: Db, f: RegistrationFilter): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(partyRegistration).where(registrationsWhere(f))
  return r?.n ?? 0
}
