/** Every SQL statement of 双报到 registrations. Each takes a handle that may be a transaction. */
import { and, eq, inArray, like, or, sql } from 'drizzle-orm'
import { rowsOf, type Db } from '../../db/client'
import { newestFirst, olderThan } from '../../db/keyset'
import { partyMember, partyRegistration, partyUnit, region } from '../../db/schema/index'
import { byKey, figureKey, underPlace, type FigureScope } from '../../db/figures'

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

/** A new member as an import creates it. */
export interface ImportedMember {
  name: string
  workUnit: string
  phoneEnc: string
  phoneIdx: string
  idNumberEnc: string | null
  idNumberIdx: string | null
  communityCode: string
}

/**
 * In-service members created by an import, in one statement: the rows travel as one JSON parameter (a
 * multi-row VALUES of thousands of rows costs ten parameters a row). Returns what identifies each.
 */
export async function insertImportedMembers(db: Db, rows: ImportedMember[]): Promise<{ id: number; name: string; phoneIdx: string; idNumberIdx: string | null }[]> {
  if (!rows.length) return []
  const res = await db.execute(sql`
    INSERT INTO party_member (name, kind, work_unit, phone_enc, phone_idx, id_number_enc, id_number_idx, community_code)
    SELECT x.name, 'inService', x."workUnit", x."phoneEnc", x."phoneIdx", x."idNumberEnc", x."idNumberIdx", x."communityCode"
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS x(name text, "workUnit" text, "phoneEnc" text, "phoneIdx" text, "idNumberEnc" text, "idNumberIdx" text, "communityCode" varchar)
    RETURNING id, name, phone_idx, id_number_idx`)
  return rowsOf<{ id: number | string; name: string; phone_idx: string; id_number_idx: string | null }>(res).map((r) => ({
    id: Number(r.id),
    name: r.name,
    phoneIdx: r.phone_idx,
    idNumberIdx: r.id_number_idx,
  }))
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

/** A registration as an import creates it: confirmed at once by the importing community. */
export interface ImportedRegistration {
  partyMemberId: number
  communityCode: string
  workUnit: string
  partyOrgName: string | null
  post: string | null
  skills: string | null
}

/** Confirmed registrations created by an import, in one statement (one JSON parameter); their ids. */
export async function insertImportedRegistrations(db: Db, rows: ImportedRegistration[], by: { userId: number; at: Date }): Promise<{ id: number; communityCode: string }[]> {
  if (!rows.length) return []
  const res = await db.execute(sql`
    INSERT INTO party_registration (party_member_id, community_code, status, work_unit, party_org_name, post, skills,
                                    submitted_by_user_id, submitted_at, decided_at, decided_by_user_id, updated_at)
    SELECT x."partyMemberId", x."communityCode", 'confirmed', x."workUnit", x."partyOrgName", x.post, x.skills,
           ${by.userId}, ${by.at.toISOString()}::timestamptz, ${by.at.toISOString()}::timestamptz, ${by.userId}, ${by.at.toISOString()}::timestamptz
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS x("partyMemberId" bigint, "communityCode" varchar, "workUnit" text, "partyOrgName" text, post text, skills text)
    RETURNING id, community_code`)
  return rowsOf<{ id: number | string; community_code: string }>(res).map((r) => ({ id: Number(r.id), communityCode: r.community_code }))
}

// ---- figures (统计: 党建引领) ------------------------------------------------------------------------

/** 在职党员报到: members with a confirmed registration at a community of the place (a member counts once per group). */
export function countRegisteredMembers(db: Db, s: FigureScope) {
  return db
    .select({ key: figureKey(partyRegistration.communityCode, s), members: sql<number>`count(DISTINCT ${partyRegistration.partyMemberId})::int` })
    .from(partyRegistration)
    .where(and(underPlace(partyRegistration.communityCode, s), eq(partyRegistration.status, 'confirmed')))
    .groupBy(byKey)
}
