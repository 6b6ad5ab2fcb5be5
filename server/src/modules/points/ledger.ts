/**
 * The points ledger (党建+积分): service credited by the modules that record it (`creditService`, inside
 * their own transaction), a community's award for offline service, a redemption at the 爱心超市, and a
 * reversal of a mistaken entry. Every entry is written with its audit row through the core, and moves the
 * earner's balance in the same transaction; the ledger itself is never updated (a database trigger).
 */
import type { Ctx } from '../../context'
import { commitChange, writeChange, type NotificationIntent } from '../../core'
import type { Db } from '../../db/client'
import { AppError, notFound } from '../../errors'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { authorize, can, placePath } from '../../permissions'
import type { PageOf } from '#contracts/common'
import {
  POINTS_SOURCE_NAMES,
  SERVICE_KINDS,
  type AwardPointsBody,
  type ListPointsAccountsQuery,
  type ListPointsEntriesQuery,
  type PointsAccount,
  type PointsEntry,
  type RedeemPointsBody,
  type ReverseEntryBody,
  type ServiceKind,
} from '#contracts/points'
import { addMonthsTo, monthOf, monthStart } from './months'
import { presentAccount, presentEntry } from './presenter'
import {
  addToBalance,
  countAccounts,
  countEntries,
  findBalance,
  findEarner,
  findEarnerOfPartyMember,
  findEntry,
  findEntryWithNames,
  findSourceEntry,
  insertEntry,
  listAccounts,
  listEntries,
  sumKindBetween,
  takeFromBalance,
  type EarnerRow,
  type PointsEntryRow,
} from './queries'
import { countyRules } from './rules'

/** A service to credit: who did it, where, which recorded work, how much of it. */
export interface ServiceCredit {
  /** the earner's user account id (a party member's or a resident volunteer's account) */
  earnerUserId: number
  /** the community the service was done in (12 digits); its county's rules price it */
  communityCode: string
  /** the recorded work: e.g. {kind: 'activity', id: signUpId}; credited once per (kind, id, earner) */
  source: { kind: ServiceKind; id: string | number }
  /** hours for an activity (may be fractional, e.g. 2.5), 1 for a wish, a visit, an appeal, a project */
  quantity: number
  /** when the service was done (the month it counts in for caps and boards) */
  occurredAt: Date
  /** what a person reads in the ledger, in Chinese: 参加“敬老院义务理发”志愿服务 2.5 小时 */
  reason: string
}

export interface CreditResult {
  entryId: number
  /** the points written (0 when the monthly cap was already reached: the service is still recorded) */
  points: number
  /** false: this service was already credited; nothing was written */
  created: boolean
}

const toEarner = (userId: number, title: string, body: string): NotificationIntent => ({ to: [{ kind: 'user', userId }], kind: 'points', title, body })

const entryAudit = (action: 'pointsEntry.credit' | 'pointsEntry.award' | 'pointsEntry.redeem' | 'pointsEntry.reverse', e: PointsEntryRow) => ({
  action,
  entityType: 'pointsEntry',
  after: { userId: e.userId, communityCode: e.communityCode, points: e.points, kind: e.kind, sourceId: e.sourceId, reason: e.reason },
})

/**
 * Credit a service inside the caller's transaction (check-out, wish fulfilled, visit, appeal handled,
 * project done): the points come from the county's rules (points per unit × quantity, rounded, within
 * the monthly cap); the entry, its audit row, the balance and the earner's notification are written in
 * `tx`. Idempotent: a service already credited to this earner returns `{created: false}` and writes
 * nothing. The caller has authorised its own use case; this records its consequence.
 */
export async function creditService(ctx: Ctx, tx: Db, c: ServiceCredit): Promise<CreditResult> {
  checkCredit(c)
  const sourceId = String(c.source.id)
  const done = await findSourceEntry(tx, c.source.kind, sourceId, c.earnerUserId)
  if (done) return { entryId: done.id, points: done.points, created: false }
  const earner = await findEarner(tx, c.earnerUserId)
  if (!earner) throw new AppError('UNKNOWN_EARNER')
  const { points, reason } = await priceService(tx, c)
  const row = await writeChange<PointsEntryRow>(ctx, tx, {
    entityId: (e) => e.id,
    apply: (t) =>
      insertEntry(t, {
        userId: c.earnerUserId,
        communityCode: c.communityCode,
        points,
        kind: c.source.kind,
        sourceId,
        reason,
        occurredAt: c.occurredAt,
        createdAt: ctx.now,
        createdByUserId: ctx.actor.role === 'system' ? null : ctx.actor.userId,
      }),
    conflict: { code: 'POINTS_ALREADY_CREDITED' },
    after: (t, e) => addToBalance(t, e.userId, e.points, ctx.now),
    audit: (e) => entryAudit('pointsEntry.credit', e),
    notify: points > 0 ? [toEarner(c.earnerUserId, `获得 ${points} 积分`, reason)] : [],
  })
  return { entryId: row.id, points, created: true }
}

function checkCredit(c: ServiceCredit): void {
  if (!(SERVICE_KINDS as readonly string[]).includes(c.source.kind)) throw new AppError('VALIDATION_FAILED', '不是可计分的服务类型')
  if (!Number.isFinite(c.quantity) || c.quantity <= 0 || c.quantity > 1000) {
    throw new AppError('VALIDATION_FAILED', '服务数量须大于 0', [{ field: 'quantity', message: '服务数量须大于 0' }])
  }
}

/**
 * What a service is worth when credited: the county's points per unit × quantity, rounded, within the
 * monthly cap (the reason says when the cap cut it). The one pricing of the ledger — the demo uses it too.
 */
export async function priceService(db: Db, c: ServiceCredit): Promise<{ points: number; reason: string }> {
  checkCredit(c)
  const rule = (await countyRules(db, c.communityCode.slice(0, 6))).rules[c.source.kind]
  let points = Math.round(rule.pointsPerUnit * c.quantity)
  let reason = c.reason.trim()
  if (rule.monthlyCap !== null) {
    const month = monthOf(c.occurredAt)
    const got = await sumKindBetween(db, c.earnerUserId, c.source.kind, monthStart(month), monthStart(addMonthsTo(month, 1)))
    if (got + points > rule.monthlyCap) {
      points = Math.max(0, rule.monthlyCap - got)
      reason = `${reason}（本月${POINTS_SOURCE_NAMES[c.source.kind]}积分已达上限 ${rule.monthlyCap}）`
    }
  }
  return { points, reason }
}

/** The account a party member earns points on (undefined: they have none, so nothing is credited). */
export async function earnerOfPartyMember(db: Db, partyMemberId: number | null): Promise<number | undefined> {
  return partyMemberId === null ? undefined : (await findEarnerOfPartyMember(db, partyMemberId))?.id
}

/** The earner a community names, in its own community (400 UNKNOWN_EARNER otherwise, nothing said of others). */
async function earnerOfCommunity(ctx: Ctx, earnerId: string): Promise<EarnerRow> {
  authorize(ctx.actor, 'points.manage')
  const earner = await findEarner(ctx.db, Number(earnerId))
  if (!earner) throw new AppError('UNKNOWN_EARNER', undefined, [{ field: 'earnerId', message: '积分对象不存在或不在本社区' }])
  authorize(ctx.actor, 'points.manageEarner', { userId: earner.id, scope: earner.scope })
  return earner
}

async function accountOf(ctx: Ctx, earner: EarnerRow): Promise<PointsAccount> {
  const b = await findBalance(ctx.db, earner.id)
  return presentAccount(ctx.actor, { ...earner, balance: b?.balance ?? 0, earned: b?.earned ?? 0, spent: b?.spent ?? 0 })
}

/** POST /points/awards — 社区奖励: points for offline service, with its reason. */
export async function awardPoints(ctx: Ctx, body: AwardPointsBody): Promise<PointsAccount> {
  const earner = await earnerOfCommunity(ctx, body.earnerId)
  const reason = body.reason.trim()
  await commitChange(ctx, {
    entityId: (e: PointsEntryRow) => e.id,
    apply: (tx) =>
      insertEntry(tx, {
        userId: earner.id,
        communityCode: ctx.actor.placeCode!,
        points: body.points,
        kind: 'manual',
        sourceId: null,
        reason,
        occurredAt: ctx.now,
        createdAt: ctx.now,
        createdByUserId: ctx.actor.userId,
      }),
    after: (tx, e) => addToBalance(tx, e.userId, e.points, ctx.now),
    audit: (e) => entryAudit('pointsEntry.award', e),
    notify: [toEarner(earner.id, `社区奖励 ${body.points} 积分`, reason)],
  })
  return accountOf(ctx, earner)
}

/**
 * POST /points/redemptions — 积分兑换: the balance is taken first, only if it holds the points
 * (`UPDATE … WHERE balance >= n`), then the negative entry is written — one transaction. Too little →
 * 422 POINTS_INSUFFICIENT and nothing written; of two redemptions racing for the same points, the
 * second finds the balance already taken.
 */
export async function redeemPoints(ctx: Ctx, body: RedeemPointsBody): Promise<PointsAccount> {
  const earner = await earnerOfCommunity(ctx, body.earnerId)
  const item = body.item.trim()
  await commitChange(ctx, {
    entityId: (e: PointsEntryRow) => e.id,
    apply: async (tx) => {
      if (!(await takeFromBalance(tx, earner.id, body.points, 'spent', ctx.now))) {
        const have = (await findBalance(tx, earner.id))?.balance ?? 0
        throw new AppError('POINTS_INSUFFICIENT', `积分余额不足：现有 ${have} 分，兑换需要 ${body.points} 分`)
      }
      return insertEntry(tx, {
        userId: earner.id,
        communityCode: ctx.actor.placeCode!,
        points: -body.points,
        kind: 'redemption',
        sourceId: null,
        reason: `兑换：${item}`,
        occurredAt: ctx.now,
        createdAt: ctx.now,
        createdByUserId: ctx.actor.userId,
      })
    },
    audit: (e) => entryAudit('pointsEntry.redeem', e),
    notify: [toEarner(earner.id, `积分兑换 ${body.points} 分`, `兑换：${item}`)],
  })
  return accountOf(ctx, earner)
}

/** POST /points/entries/:id/reverse — 冲正: take back an entry of earned points written in error (once). */
export async function reverseEntry(ctx: Ctx, id: number, body: ReverseEntryBody): Promise<PointsEntry> {
  authorize(ctx.actor, 'points.manage')
  const entry = await findEntry(ctx.db, id)
  const earner = entry ? await findEarner(ctx.db, entry.userId) : undefined
  if (!entry || !earner || !can(ctx.actor, 'points.manageEarner', { userId: earner.id, scope: earner.scope })) throw notFound('积分记录不存在或无权查看')
  if (entry.points <= 0 || entry.kind === 'redemption' || entry.kind === 'reversal') throw new AppError('ENTRY_NOT_REVERSIBLE')
  const reason = body.reason.trim()
  const row = await commitChange(ctx, {
    entityId: (e: PointsEntryRow) => e.id,
    apply: async (tx) => {
      const r = await insertEntry(tx, {
        userId: entry.userId,
        communityCode: entry.communityCode,
        points: -entry.points,
        kind: 'reversal',
        sourceId: String(entry.id),
        reason: `冲正：${reason}`,
        // in the month of the entry it takes back (the boards count it there)
        occurredAt: entry.occurredAt,
        createdAt: ctx.now,
        createdByUserId: ctx.actor.userId,
      })
      if (!r) return undefined
      if (!(await takeFromBalance(tx, entry.userId, entry.points, 'reversed', ctx.now))) {
        throw new AppError('POINTS_INSUFFICIENT', '积分余额不足以冲正（已兑换的积分不能收回）')
      }
      return r
    },
    conflict: { code: 'ENTRY_ALREADY_REVERSED' },
    audit: (e) => ({ ...entryAudit('pointsEntry.reverse', e), before: { entryId: String(entry.id), points: entry.points, kind: entry.kind } }),
    notify: [toEarner(entry.userId, `积分冲正 ${entry.points} 分`, reason)],
  })
  return presentEntry(ctx.actor, (await findEntryWithNames(ctx.db, row.id))!, earner.scope)
}

/** The earner whose points are asked about, if the caller may see them (404 otherwise). */
async function visibleEarner(ctx: Ctx, id: number): Promise<EarnerRow> {
  const earner = await findEarner(ctx.db, id)
  if (!earner || !can(ctx.actor, 'points.account.read', { userId: earner.id, scope: earner.scope })) throw notFound('积分账户不存在或无权查看')
  return earner
}

/** GET /points/accounts/:id — a person's balance (their own, or a person under the caller's place). */
export async function getAccount(ctx: Ctx, id: number): Promise<PointsAccount> {
  return accountOf(ctx, await visibleEarner(ctx, id))
}

/** GET /points/accounts/:id/entries — a person's ledger, newest first. */
export async function listAccountEntries(ctx: Ctx, id: number, q: ListPointsEntriesQuery): Promise<PageOf<PointsEntry>> {
  const earner = await visibleEarner(ctx, id)
  const limit = q.limit ?? 20
  const cursor = decodeCursor(q.cursor, { t: 'instant', id: 'id' })
  const rows = await listEntries(ctx.db, { userId: earner.id, ...(q.kind ? { kind: q.kind } : {}), limit, ...(cursor ? { cursor } : {}) })
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    items: page.map((r) => presentEntry(ctx.actor, r, earner.scope)),
    nextCursor: rows.length > limit && last ? encodeCursor({ t: last.entry.createdAt.toISOString(), id: last.entry.id }) : null,
    ...(q.withTotal ? { total: await countEntries(ctx.db, earner.id, q.kind) } : {}),
  }
}

/** GET /points/accounts — the party members and residents under the caller's place, highest balance first. */
export async function listPointsAccounts(ctx: Ctx, q: ListPointsAccountsQuery): Promise<PageOf<PointsAccount>> {
  authorize(ctx.actor, 'points.account.list')
  if (q.place) authorize(ctx.actor, 'points.listAt', q.place)
  const scopePrefix = q.place ? placePath(q.place) : ctx.actor.scope
  const limit = q.limit ?? 20
  const cursor = decodeCursor(q.cursor, { b: 'id', id: 'id' })
  const rows = await listAccounts(ctx.db, { scopePrefix, limit, ...(cursor ? { cursor } : {}) })
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    items: page.map((a) => presentAccount(ctx.actor, a)),
    nextCursor: rows.length > limit && last ? encodeCursor({ b: last.balance, id: last.id }) : null,
    ...(q.withTotal ? { total: await countAccounts(ctx.db, scopePrefix) } : {}),
  }
}
