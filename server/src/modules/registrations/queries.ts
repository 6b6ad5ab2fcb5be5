/** Every SQL statement of 双报到 registrations. Each takes a handle that may be a transaction. */
import { and, eq, inArray, like, or, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { newestFirst, olderThan } from '../../db/keyset'
import { partyMember, partyRegistration, region } from '../../db/schema/index'

export type RegistrationRow = typeof partyRegistration.$inferSelect
export type RegistrationInsert = typeof partyRegistration.$inferInsert

/** A registration with the names its presentation needs. */
export interface RegistrationWithNames {
  registration: RegistrationRow
  memberName: string
  communityName: string
}

const withNames = { registration: partyRegistration, memberName: partyMember.name, communityName: region.name }

function selectWithNames(db: Db) {
  return db
    .select(withNames)
    .from(partyRegistration)
    .innerJoin(partyMember, eq(partyMember.id, partyRegistration.partyMemberId))
    .innerJoin(region, eq(region.code, partyRegistration.communityCode))
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
  statuses?: string[]
}

function registrationsWhere(f: RegistrationFilter) {
  return and(
    f.partyMemberId !== undefined ? eq(partyRegistration.partyMemberId, f.partyMemberId) : undefined,
    f.placePrefix ? like(partyRegistration.communityCode, `${f.placePrefix}%`) : undefined,
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

// ---- the Excel import (import.ts) ----------------------------------------------------------------

export type PartyMemberRow = typeof partyMember.$inferSelect
export type PartyMemberInsert = typeof partyMember.$inferInsert

/** Every community of a county (code prefix), for resolving a sheet's 报到社区 by code or name. */
export function listCountyCommunities(db: Db, countyCode: string) {
  return db
    .select({ code: region.code, name: region.name })
    .from(region)
    .where(and(eq(region.level, 'community'), like(region.code, `${countyCode}%`)))
}

/** Members an imported sheet may mean: by ID number or by phone (blind indexes). */
export function findPartyMembersByKeys(db: Db, idIdxs: string[], phoneIdxs: string[]): Promise<PartyMemberRow[]> {
  if (!idIdxs.length && !phoneIdxs.length) return Promise.resolve([])
  return db
    .select()
    .from(partyMember)
    .where(
      or(
        idIdxs.length ? inArray(partyMember.idNumberIdx, idIdxs) : undefined,
        phoneIdxs.length ? inArray(partyMember.phoneIdx, phoneIdxs) : undefined,
      ),
    )
}

export function insertPartyMembers(db: Db, rows: PartyMemberInsert[]): Promise<PartyMemberRow[]> {
  return rows.length ? db.insert(partyMember).values(rows).returning() : Promise.resolve([])
}

export async function updatePartyMember(db: Db, id: number, patch: Partial<PartyMemberInsert>): Promise<void> {
  await db
    .update(partyMember)
    .set({ ...patch, version: sql`${partyMember.version} + 1` })
    .where(eq(partyMember.id, id))
}

/** The live (submitted or confirmed) registrations of some members. */
export function listLiveRegistrationsOf(db: Db, memberIds: number[]): Promise<RegistrationRow[]> {
  if (!memberIds.length) return Promise.resolve([])
  return db
    .select()
    .from(partyRegistration)
    .where(and(inArray(partyRegistration.partyMemberId, memberIds), inArray(partyRegistration.status, ['submitted', 'confirmed'])))
}

export function insertRegistrations(db: Db, rows: RegistrationInsert[]): Promise<RegistrationRow[]> {
  return rows.length ? db.insert(partyRegistration).values(rows).returning() : Promise.resolve([])
}
