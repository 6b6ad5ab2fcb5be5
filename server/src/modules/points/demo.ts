/**
 * Demo ledger of a community (北街社区), credited from the demo's own recorded service — the volunteers'
 * checked-out sign-ups, the pledged-household visits, the fulfilled wishes — each priced as `creditService`
 * prices it (the county's rules, `priceService`), once per service; then a few community awards and
 * redemptions at the 爱心超市, and last month's 红黑榜 confirmed by the community. Written straight through
 * the module's queries (no audit rows: nobody did this), keeping every balance equal to the sum of its entries.
 */
import { actorColumns, sharedTimeline } from '../../core'
import type { Db } from '../../db/client'
import { computeBoardLists } from './boards'
import { priceService, type ServiceCredit } from './ledger'
import { addMonthsTo, monthOf, monthStart } from './months'
import { addToBalance, findAccountByUsername, findBalance, findSourceEntry, insertBoard, insertEntry, takeFromBalance } from './queries'

const ITEMS: [string, number][] = [
  ['洗衣液 1 瓶', 30],
  ['大米 5 斤', 50],
  ['食用油 1 桶', 80],
]

const HOUR = 3_600_000

/** Credit the community's recorded `services`, then write the awards, redemptions and last month's published board, as of `asOf`. */
export async function seedPointsDemo(db: Db, o: { asOf: Date; communityCode: string; keeperUsername: string; services: ServiceCredit[] }): Promise<void> {
  const keeper = await findAccountByUsername(db, o.keeperUsername)
  if (!keeper) return
  const thisMonth = monthOf(o.asOf)

  // what each earner was credited when, so a redemption only spends points earned before it
  const credited = new Map<number, { at: Date; points: number }[]>()
  const entry = async (userId: number, kind: ServiceCredit['source']['kind'] | 'manual', points: number, reason: string, at: Date, sourceId: string | null) => {
    // a service is recorded by whoever checked it out or by the member (the system here); an award is the community's
    const row = await insertEntry(db, { userId, communityCode: o.communityCode, points, kind, sourceId, reason, occurredAt: at, createdAt: at, createdByUserId: kind === 'manual' ? keeper.id : null })
    if (!row) return
    await addToBalance(db, userId, points, at)
    credited.set(userId, [...(credited.get(userId) ?? []), { at, points }])
  }
  const earnedBefore = (userId: number, at: Date) => (credited.get(userId) ?? []).filter((c) => c.at < at).reduce((n, c) => n + c.points, 0)

  // the recorded service, oldest first (the monthly caps count in that order), credited at the moment it was done
  const earned = new Set<number>()
  for (const c of [...o.services].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())) {
    if (c.occurredAt > o.asOf || (await findSourceEntry(db, c.source.kind, String(c.source.id), c.earnerUserId))) continue
    const { points, reason } = await priceService(db, c)
    await entry(c.earnerUserId, c.source.kind, points, reason, c.occurredAt, String(c.source.id))
    earned.add(c.earnerUserId)
  }

  // two awards for offline service, and a few redemptions at the 爱心超市 (only what the balance holds)
  const active = [...earned]
  const lastMonthStart = monthStart(addMonthsTo(thisMonth, -1)).getTime()
  for (const [j, userId] of active.slice(0, 2).entries()) {
    await entry(userId, 'manual', 20 + 10 * j, j === 0 ? '协助社区疫苗接种点维持秩序' : '参加防汛值守', new Date(lastMonthStart + (5 + j) * 24 * HOUR + 10 * HOUR), null)
  }
  for (const [j, userId] of active.slice(0, ITEMS.length).entries()) {
    const [item, points] = ITEMS[j]!
    const at = new Date(Math.min(o.asOf.getTime() - 2 * HOUR, lastMonthStart + (20 + j) * 24 * HOUR + 15 * HOUR))
    const balance = (await findBalance(db, userId))?.balance ?? 0
    if (balance < points || earnedBefore(userId, at) < points || !(await takeFromBalance(db, userId, points, 'spent', at))) continue
    await insertEntry(db, { userId, communityCode: o.communityCode, points: -points, kind: 'redemption', sourceId: null, reason: `兑换：${item}`, occurredAt: at, createdAt: at, createdByUserId: keeper.id })
  }

  // last month's board, computed on the 1st and confirmed by the community the next morning
  const lastMonth = addMonthsTo(thisMonth, -1)
  const computedAt = new Date(Math.min(o.asOf.getTime(), monthStart(thisMonth).getTime() + 9 * HOUR))
  const confirmedAt = new Date(Math.min(o.asOf.getTime(), monthStart(thisMonth).getTime() + 34 * HOUR))
  const lists = await computeBoardLists(db, o.communityCode, lastMonth, computedAt)
  const board = await insertBoard(db, {
    communityCode: o.communityCode,
    month: lastMonth,
    status: 'published',
    version: 2,
    red: lists.red,
    black: lists.black,
    blackListMonths: lists.blackListMonths,
    asOf: lists.asOf,
    computedAt,
    computedByUserId: keeper.id,
    confirmedAt,
    confirmedByUserId: keeper.id,
    updatedAt: confirmedAt,
  })
  if (!board) return
  const by = actorColumns({ userId: keeper.id, role: 'community', displayName: keeper.displayName } as Parameters<typeof actorColumns>[0])
  const timeline = sharedTimeline('honourBoard')
  await timeline(db, board.id, { action: 'compute', fromStatus: null, toStatus: 'draft', fields: { month: lastMonth, red: lists.red.length, black: lists.black.length }, ...by, createdAt: computedAt })
  await timeline(db, board.id, { action: 'confirm', fromStatus: 'draft', toStatus: 'published', fields: { red: lists.red.length, black: lists.black.length }, ...by, createdAt: confirmedAt })
}
