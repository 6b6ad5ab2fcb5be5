/**
 * Demo ledger of a community (北街社区): four months of service by its party members and resident
 * volunteers — activities, household visits, wishes, appeals handled — priced by the default rules, a
 * few community awards and redemptions at the 爱心超市, and last month's 红黑榜 confirmed by the community.
 * Deterministic (seeded PRNG). Written straight through the module's queries (no audit rows: nobody did
 * this), keeping every balance equal to the sum of its entries.
 */
import { DEFAULT_POINTS_RULES, type ServiceKind } from '#contracts/points'
import { actorColumns, sharedTimeline } from '../../core'
import type { Db } from '../../db/client'
import { Prng } from '../../lib/prng'
import { placePath } from '../../permissions'
import { computeBoardLists } from './boards'
import { addMonthsTo, monthOf, monthStart } from './months'
import { addToBalance, findAccountByUsername, findBalance, insertBoard, insertEntry, listEarnersUnder, takeFromBalance } from './queries'

const ACTIVITIES = ['敬老院义务理发', '背街小巷环境整治', '文明交通劝导', '防溺水安全宣传', '独居老人上门探访', '社区义诊志愿服务', '垃圾分类宣传引导']
const COMPOUNDS = ['龙城印象', '锦绘新都', '翡翠丽都', '安庄卫安置回迁房']
const WISHES = ['为独居老人修理电饭煲', '给留守儿童送一套课外书', '帮困难家庭更换门锁', '为残疾人购买助行器']
const APPEALS = ['楼道灯不亮', '下水道堵塞', '小区门口占道经营', '楼顶漏水']
const ITEMS: [string, number][] = [
  ['洗衣液 1 瓶', 30],
  ['大米 5 斤', 50],
  ['食用油 1 桶', 80],
]

const HOUR = 3_600_000

function reasonOf(prng: Prng, kind: ServiceKind, hours: number): string {
  switch (kind) {
    case 'activity':
      return `参加“${prng.pick(ACTIVITIES)}”志愿服务 ${hours} 小时`
    case 'visit':
      return `走访包保户（${prng.pick(COMPOUNDS)}）`
    case 'wish':
      return `完成微心愿：${prng.pick(WISHES)}`
    case 'appeal':
      return `党员接单：${prng.pick(APPEALS)}`
    case 'project':
      return '参与共建项目：老旧小区楼道改造'
  }
}

/** Write the demo ledger and last month's published board of a community, as of `asOf`. */
export async function seedPointsDemo(db: Db, o: { asOf: Date; communityCode: string; keeperUsername: string }): Promise<void> {
  const keeper = await findAccountByUsername(db, o.keeperUsername)
  if (!keeper) return
  const earners = await listEarnersUnder(db, placePath(o.communityCode))
  const prng = new Prng('points')
  const thisMonth = monthOf(o.asOf)
  let n = 0

  const entry = async (userId: number, kind: ServiceKind | 'manual', points: number, reason: string, at: Date, sourceId: string | null) => {
    const row = await insertEntry(db, { userId, communityCode: o.communityCode, points, kind, sourceId, reason, occurredAt: at, createdAt: at, createdByUserId: keeper.id })
    if (row) await addToBalance(db, userId, points, at)
  }

  for (const [i, earner] of earners.entries()) {
    // every fifth person has lapsed: served only four or five months ago
    const lapsed = i % 5 === 4
    const months = lapsed ? [-5, -4] : [-3, -2, -1, 0]
    for (const offset of months) {
      const month = addMonthsTo(thisMonth, offset)
      const from = monthStart(month).getTime()
      const to = Math.min(monthStart(addMonthsTo(month, 1)).getTime(), o.asOf.getTime() - 24 * HOUR)
      if (to <= from) continue
      const count = prng.int(lapsed ? 0 : 1, earner.role === 'resident' ? 2 : 4) + (lapsed ? 1 : 0)
      for (let k = 0; k < count; k++) {
        const kind: ServiceKind = earner.role === 'resident' ? 'activity' : prng.weighted<ServiceKind>([['activity', 4], ['visit', 3], ['wish', 1], ['appeal', 1], ['project', 0.2]])
        const hours = kind === 'activity' ? prng.int(2, 8) / 2 : 1
        // a day of the window, between 08:00 and 19:59 Beijing time
        const day = Math.floor((from + prng.next() * (to - from) + 8 * HOUR) / (24 * HOUR)) * 24 * HOUR - 8 * HOUR
        const at = new Date(Math.min(to - HOUR, Math.max(from, day + prng.int(8 * 60, 20 * 60 - 1) * 60_000)))
        const points = Math.round(DEFAULT_POINTS_RULES[kind].pointsPerUnit * hours)
        await entry(earner.id, kind, points, reasonOf(prng, kind, hours), at, `demo-${kind}-${++n}`)
      }
    }
  }

  // two awards for offline service, and a few redemptions at the 爱心超市 (only what the balance holds)
  const active = earners.filter((_, i) => i % 5 !== 4)
  const lastMonthStart = monthStart(addMonthsTo(thisMonth, -1)).getTime()
  for (const [j, e] of active.slice(0, 2).entries()) {
    await entry(e.id, 'manual', 20 + 10 * j, j === 0 ? '协助社区疫苗接种点维持秩序' : '参加防汛值守', new Date(lastMonthStart + (5 + j) * 24 * HOUR + 10 * HOUR), null)
  }
  for (const [j, e] of active.slice(0, ITEMS.length).entries()) {
    const [item, points] = ITEMS[j]!
    const at = new Date(Math.min(o.asOf.getTime() - 2 * HOUR, lastMonthStart + (20 + j) * 24 * HOUR + 15 * HOUR))
    const balance = (await findBalance(db, e.id))?.balance ?? 0
    if (balance < points || !(await takeFromBalance(db, e.id, points, 'spent', at))) continue
    await insertEntry(db, { userId: e.id, communityCode: o.communityCode, points: -points, kind: 'redemption', sourceId: null, reason: `兑换：${item}`, occurredAt: at, createdAt: at, createdByUserId: keeper.id })
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
