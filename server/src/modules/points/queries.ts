/** Every SQL statement of 党建+积分 and 红黑榜. Each takes a handle that may be a transaction. */
import { and, asc, desc, eq, gte, inArray, isNull, like, lt, or, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../../db/client'
import { newestFirst, olderThan } from '../../db/keyset'
import { byKey, figureKey, inPeriod, underPlace, type FigureScope } from '../../db/figures'
import { honourBoard, partyMember, partyRegistration, pointsBalance, pointsEntry, pointsRule, pointsSetting, region, userAccount } from '../../db/schema/index'

export type PointsEntryRow = typeof pointsEntry.$inferSelect
export type PointsEntryInsert = typeof pointsEntry.$inferInsert
export type BoardRow = typeof honourBoard.$inferSelect
export type BoardInsert = typeof honourBoard.$inferInsert

/** An account that may hold points. */
export interface EarnerRow {
  id: number
  displayName: string
  role: string
  scope: string
  partyMemberId: number | null
}

const earnerColumns = {
  id: userAccount.id,
  displayName: userAccount.displayName,
  role: userAccount.role,
  scope: userAccount.scope,
  partyMemberId: userAccount.partyMemberId,
}

/** A live party member or resident account. */
export async function findEarner(db: Db, userId: number): Promise<EarnerRow | undefined> {
  const [r] = await db
    .select(earnerColumns)
    .from(userAccount)
    .where(and(eq(userAccount.id, userId), inArray(userAccount.role, ['partyMember', 'resident']), isNull(userAccount.disabledAt)))
    .limit(1)
  return r
}

/** The live account of a party member (a wish's claimant, a pledge's member), if they have one. */
export async function findEarnerOfPartyMember(db: Db, partyMemberId: number): Promise<EarnerRow | undefined> {
  const [r] = await db
    .select(earnerColumns)
    .from(userAccount)
    .where(and(eq(userAccount.partyMemberId, partyMemberId), eq(userAccount.role, 'partyMember'), isNull(userAccount.disabledAt)))
    .orderBy(asc(userAccount.id))
    .limit(1)
  return r
}

export async function findCommunityName(db: Db, code: string): Promise<string | undefined> {
  const [r] = await db.select({ name: region.name, level: region.level }).from(region).where(eq(region.code, code)).limit(1)
  return r?.level === 'community' ? r.name : undefined
}

// ---- rules ---------------------------------------------------------------------------------

export async function findRules(db: Db, countyCode: string) {
  return db.select().from(pointsRule).where(eq(pointsRule.countyCode, countyCode))
}

export async function findSetting(db: Db, countyCode: string) {
  const [r] = await db.select().from(pointsSetting).where(eq(pointsSetting.countyCode, countyCode)).limit(1)
  return r
}

export async function findAccountName(db: Db, userId: number): Promise<string | undefined> {
  const [r] = await db.select({ name: userAccount.displayName }).from(userAccount).where(eq(userAccount.id, userId)).limit(1)
  return r?.name
}

/** Replace a county's rules and setting (the kinds given; others keep theirs). */
export async function saveRules(
  db: Db,
  countyCode: string,
  rules: { kind: string; pointsPerUnit: number; monthlyCap: number | null }[],
  blackListMonths: number,
  by: number,
  now: Date,
): Promise<void> {
  for (const r of rules) {
    await db
      .insert(pointsRule)
      .values({ countyCode, ...r, updatedAt: now, updatedByUserId: by })
      .onConflictDoUpdate({
        target: [pointsRule.countyCode, pointsRule.kind],
        set: { pointsPerUnit: r.pointsPerUnit, monthlyCap: r.monthlyCap, updatedAt: now, updatedByUserId: by },
      })
  }
  await db
    .insert(pointsSetting)
    .values({ countyCode, blackListMonths, updatedAt: now, updatedByUserId: by })
    .onConflictDoUpdate({ target: pointsSetting.countyCode, set: { blackListMonths, updatedAt: now, updatedByUserId: by } })
}

// ---- ledger --------------------------------------------------------------------------------

export async function findEntry(db: Db, id: number): Promise<PointsEntryRow | undefined> {
  const [r] = await db.select().from(pointsEntry).where(eq(pointsEntry.id, id)).limit(1)
  return r
}

/** The entry of a (kind, source, earner), if it was credited already. */
export async function findSourceEntry(db: Db, kind: string, sourceId: string, userId: number): Promise<PointsEntryRow | undefined> {
  const [r] = await db
    .select()
    .from(pointsEntry)
    .where(and(eq(pointsEntry.kind, kind), eq(pointsEntry.sourceId, sourceId), eq(pointsEntry.userId, userId)))
    .limit(1)
  return r
}

/** Points of one kind an earner got in [from, to) (for a monthly cap). */
export async function sumKindBetween(db: Db, userId: number, kind: string, from: Date, to: Date): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`coalesce(sum(${pointsEntry.points}), 0)::int` })
    .from(pointsEntry)
    .where(and(eq(pointsEntry.userId, userId), eq(pointsEntry.kind, kind), gte(pointsEntry.occurredAt, from), lt(pointsEntry.occurredAt, to)))
  return r?.n ?? 0
}

/** A new entry; undefined when that service (or that reversal) is already in the ledger. */
export async function insertEntry(db: Db, row: PointsEntryInsert): Promise<PointsEntryRow | undefined> {
  const [r] = await db.insert(pointsEntry).values(row).onConflictDoNothing().returning()
  return r
}

/** Add earned points to a balance (creating it). */
export async function addToBalance(db: Db, userId: number, points: number, now: Date): Promise<void> {
  await db
    .insert(pointsBalance)
    .values({ userId, balance: points, earned: points, spent: 0, updatedAt: now })
    .onConflictDoUpdate({
      target: pointsBalance.userId,
      set: { balance: sql`${pointsBalance.balance} + ${points}`, earned: sql`${pointsBalance.earned} + ${points}`, updatedAt: now },
    })
}

/**
 * Take points off a balance, only if it holds them: `UPDATE … WHERE balance >= n`. Under concurrency the
 * second of two takers re-reads the row after the first commits and finds too little: false, nothing
 * taken. `spent` counts a redemption; a reversal takes back what was earned.
 */
export async function takeFromBalance(db: Db, userId: number, points: number, as: 'spent' | 'reversed', now: Date): Promise<boolean> {
  const rows = await db
    .update(pointsBalance)
    .set({
      balance: sql`${pointsBalance.balance} - ${points}`,
      ...(as === 'spent' ? { spent: sql`${pointsBalance.spent} + ${points}` } : { earned: sql`${pointsBalance.earned} - ${points}` }),
      updatedAt: now,
    })
    .where(and(eq(pointsBalance.userId, userId), gte(pointsBalance.balance, points)))
    .returning({ userId: pointsBalance.userId })
  return rows.length > 0
}

export async function findBalance(db: Db, userId: number) {
  const [r] = await db.select().from(pointsBalance).where(eq(pointsBalance.userId, userId)).limit(1)
  return r
}

const creator = alias(userAccount, 'creator')
const reversal = alias(pointsEntry, 'reversal')

export interface EntryWithNames {
  entry: PointsEntryRow
  earnerName: string
  earnerRole: string
  createdByName: string | null
  reversedById: number | null
}

function selectEntries(db: Db) {
  return db
    .select({
      entry: pointsEntry,
      earnerName: userAccount.displayName,
      earnerRole: userAccount.role,
      createdByName: creator.displayName,
      reversedById: reversal.id,
    })
    .from(pointsEntry)
    .innerJoin(userAccount, eq(userAccount.id, pointsEntry.userId))
    .leftJoin(creator, eq(creator.id, pointsEntry.createdByUserId))
    .leftJoin(
      reversal,
      and(eq(reversal.kind, 'reversal'), eq(reversal.userId, pointsEntry.userId), eq(reversal.sourceId, sql`${pointsEntry.id}::text`)),
    )
}

export async function findEntryWithNames(db: Db, id: number): Promise<EntryWithNames | undefined> {
  const [r] = await selectEntries(db).where(eq(pointsEntry.id, id)).limit(1)
  return r
}

/** An earner's entries, newest first (by the time they were recorded). */
export function listEntries(db: Db, f: { userId: number; kind?: string; cursor?: { t: string; id: number }; limit: number }): Promise<EntryWithNames[]> {
  return selectEntries(db)
    .where(
      and(
        eq(pointsEntry.userId, f.userId),
        f.kind ? eq(pointsEntry.kind, f.kind) : undefined,
        olderThan(pointsEntry.createdAt, pointsEntry.id, f.cursor),
      ),
    )
    .orderBy(...newestFirst(pointsEntry.createdAt, pointsEntry.id))
    .limit(f.limit + 1)
}

export async function countEntries(db: Db, userId: number, kind?: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(pointsEntry)
    .where(and(eq(pointsEntry.userId, userId), kind ? eq(pointsEntry.kind, kind) : undefined))
  return r?.n ?? 0
}

export interface AccountRow extends EarnerRow {
  balance: number
  earned: number
  spent: number
}

/** The earners under a scope path with their balances, highest balance first (keyset on balance, id). */
export function listAccounts(db: Db, f: { scopePrefix: string; cursor?: { b: number; id: number }; limit: number }): Promise<AccountRow[]> {
  const balance = sql<number>`coalesce(${pointsBalance.balance}, 0)`
  return db
    .select({
      ...earnerColumns,
      balance: sql<number>`coalesce(${pointsBalance.balance}, 0)::int`,
      earned: sql<number>`coalesce(${pointsBalance.earned}, 0)::int`,
      spent: sql<number>`coalesce(${pointsBalance.spent}, 0)::int`,
    })
    .from(userAccount)
    .leftJoin(pointsBalance, eq(pointsBalance.userId, userAccount.id))
    .where(
      and(
        inArray(userAccount.role, ['partyMember', 'resident']),
        isNull(userAccount.disabledAt),
        like(userAccount.scope, `${f.scopePrefix}%`),
        f.cursor ? or(lt(balance, f.cursor.b), and(eq(balance, f.cursor.b), sql`${userAccount.id} > ${f.cursor.id}`)) : undefined,
      ),
    )
    .orderBy(desc(balance), asc(userAccount.id))
    .limit(f.limit + 1)
}

export async function countAccounts(db: Db, scopePrefix: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(userAccount)
    .where(and(inArray(userAccount.role, ['partyMember', 'resident']), isNull(userAccount.disabledAt), like(userAccount.scope, `${scopePrefix}%`)))
  return r?.n ?? 0
}

// ---- 红黑榜 --------------------------------------------------------------------------------

export interface ServiceSum {
  userId: number
  name: string
  role: string
  points: number
  services: number
}

/** The top earners of service points at a community in [from, to) (ties: the older account first). */
export async function topServiceEarners(db: Db, communityCode: string, kinds: readonly string[], from: Date, to: Date, limit: number): Promise<ServiceSum[]> {
  const points = sql<number>`sum(${pointsEntry.points})::int`
  const kindList = sql.join(kinds.map((k) => sql`${k}`), sql`, `)
  // a reversal of a service takes its points back from the month the service was in (it carries its time)
  const serviceOrItsReversal = sql`(${pointsEntry.kind} IN (${kindList}) OR (${pointsEntry.kind} = 'reversal' AND EXISTS (
    SELECT 1 FROM points_entry o WHERE o.id::text = ${pointsEntry.sourceId} AND o.kind IN (${kindList}))))`
  return db
    .select({
      userId: pointsEntry.userId,
      name: userAccount.displayName,
      role: userAccount.role,
      points,
      services: sql<number>`(count(*) FILTER (WHERE ${pointsEntry.kind} <> 'reversal') - count(*) FILTER (WHERE ${pointsEntry.kind} = 'reversal'))::int`,
    })
    .from(pointsEntry)
    .innerJoin(userAccount, eq(userAccount.id, pointsEntry.userId))
    .where(and(eq(pointsEntry.communityCode, communityCode), serviceOrItsReversal, gte(pointsEntry.occurredAt, from), lt(pointsEntry.occurredAt, to)))
    .groupBy(pointsEntry.userId, userAccount.displayName, userAccount.role)
    .having(sql`sum(${pointsEntry.points}) > 0`)
    .orderBy(desc(points), asc(pointsEntry.userId))
    .limit(limit)
}

export interface RegisteredMember {
  partyMemberId: number
  name: string
  workUnit: string
  registeredAt: Date
  lastServiceAt: Date | null
}

/**
 * Members with a confirmed 双报到 registration at a community, confirmed at or before `registeredBy`,
 * with their last service there before `asOf` (through any of their accounts).
 */
export async function registeredMembersWithLastService(
  db: Db,
  communityCode: string,
  kinds: readonly string[],
  registeredBy: Date,
  asOf: Date,
): Promise<RegisteredMember[]> {
  const registeredAt = sql<Date>`coalesce(${partyRegistration.decidedAt}, ${partyRegistration.submittedAt})`
  const last = sql<Date | null>`(
    SELECT max(e.occurred_at) FROM points_entry e JOIN user_account u ON u.id = e.user_id
    WHERE u.party_member_id = ${partyRegistration.partyMemberId} AND e.community_code = ${communityCode}
      AND e.kind IN (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)}) AND e.occurred_at < ${asOf}
      AND NOT EXISTS (SELECT 1 FROM points_entry r WHERE r.kind = 'reversal' AND r.source_id = e.id::text AND r.user_id = e.user_id)
  )`
  const rows = await db
    .select({ partyMemberId: partyRegistration.partyMemberId, name: partyMember.name, workUnit: partyRegistration.workUnit, registeredAt, lastServiceAt: last })
    .from(partyRegistration)
    .innerJoin(partyMember, eq(partyMember.id, partyRegistration.partyMemberId))
    .where(and(eq(partyRegistration.communityCode, communityCode), eq(partyRegistration.status, 'confirmed'), sql`${registeredAt} <= ${registeredBy}`))
    .orderBy(asc(partyRegistration.partyMemberId))
  // raw sub-selects come back as text on some drivers
  return rows.map((r) => ({ ...r, registeredAt: new Date(r.registeredAt), lastServiceAt: r.lastServiceAt === null ? null : new Date(r.lastServiceAt) }))
}

export interface BoardWithNames {
  board: BoardRow
  communityName: string
  confirmedByName: string | null
}

const confirmer = alias(userAccount, 'confirmer')

function selectBoards(db: Db) {
  return db
    .select({ board: honourBoard, communityName: region.name, confirmedByName: confirmer.displayName })
    .from(honourBoard)
    .innerJoin(region, eq(region.code, honourBoard.communityCode))
    .leftJoin(confirmer, eq(confirmer.id, honourBoard.confirmedByUserId))
}

export async function findBoard(db: Db, id: number): Promise<BoardWithNames | undefined> {
  const [r] = await selectBoards(db).where(eq(honourBoard.id, id)).limit(1)
  return r
}

/** A new draft; undefined when the community already has a live board (draft or published) for the month. */
export async function insertBoard(db: Db, row: BoardInsert): Promise<BoardRow | undefined> {
  const [r] = await db.insert(honourBoard).values(row).onConflictDoNothing().returning()
  return r
}

export async function updateBoardVersioned(db: Db, id: number, version: number, patch: Partial<BoardInsert>): Promise<BoardRow | undefined> {
  const [r] = await db
    .update(honourBoard)
    .set({ ...patch, version: sql`${honourBoard.version} + 1` })
    .where(and(eq(honourBoard.id, id), eq(honourBoard.version, version)))
    .returning()
  return r
}

export interface BoardFilter {
  placePrefix: string
  month?: string
  statuses?: string[]
}

function boardsWhere(f: BoardFilter) {
  return and(
    like(honourBoard.communityCode, `${f.placePrefix}%`),
    f.month ? eq(honourBoard.month, f.month) : undefined,
    f.statuses?.length ? inArray(honourBoard.status, f.statuses) : undefined,
  )
}

export async function countBoards(db: Db, f: BoardFilter): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(honourBoard).where(boardsWhere(f))
  return r?.n ?? 0
}

/** Boards under a place, newest month first (keyset on month, id). */
export function listBoards(db: Db, f: BoardFilter & { cursor?: { m: string; id: number }; limit: number }) {
  return selectBoards(db)
    .where(
      and(
        boardsWhere(f),
        f.cursor ? or(lt(honourBoard.month, f.cursor.m), and(eq(honourBoard.month, f.cursor.m), lt(honourBoard.id, f.cursor.id))) : undefined,
      ),
    )
    .orderBy(desc(honourBoard.month), desc(honourBoard.id))
    .limit(f.limit + 1)
}

// ---- demo ----------------------------------------------------------------------------------

/** The party member and resident accounts under a scope path, oldest first. */
export function listEarnersUnder(db: Db, scopePrefix: string): Promise<EarnerRow[]> {
  return db
    .select(earnerColumns)
    .from(userAccount)
    .where(and(inArray(userAccount.role, ['partyMember', 'resident']), isNull(userAccount.disabledAt), like(userAccount.scope, `${scopePrefix}%`)))
    .orderBy(asc(userAccount.id))
}

export async function findAccountByUsername(db: Db, username: string) {
  const [r] = await db.select({ id: userAccount.id, displayName: userAccount.displayName }).from(userAccount).where(eq(userAccount.username, username)).limit(1)
  return r
}

// ---- figures (统计: 党建引领) ------------------------------------------------------------------------

/** 积分: points credited for service in the period (every entry but redemptions, so net of reversals), per group of the community. */
export function countPointsCredited(db: Db, s: FigureScope) {
  return db
    .select({ key: figureKey(pointsEntry.communityCode, s), points: sql<number>`coalesce(sum(${pointsEntry.points}), 0)::int` })
    .from(pointsEntry)
    .where(and(underPlace(pointsEntry.communityCode, s), inPeriod(pointsEntry.occurredAt, s), sql`${pointsEntry.kind} <> 'redemption'`))
    .groupBy(byKey)
}
