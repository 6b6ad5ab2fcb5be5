/**
 * Statistics (DOMAIN §3.5) on a small data set built through the real HTTP API with the test clock,
 * every figure worked out by hand below and asserted for a grid, a community, a street, the county
 * and a department; the ranking of child places (排队抓尾); periods in Asia/Shanghai days; who may see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/setup'
import { act, BEIJIE_GRID_1, BEIJIE_GRID_2, getAppeal, submitAppeal, uploadPhoto, YANPENG_GRID_1 } from '../../../test/appeal-helpers'
import { giveSecondFactor } from '../../../test/factories'
import { sweepDeadlines } from '../../jobs/deadline-sweeper'
import { rowsOf } from '../../db/client'
import type { Appeal, Candidate } from '#contracts/appeals'
import type { Figures, StatsOverview } from '#contracts/stats'

const BEIJIE = '520423002013'
const YANPENG = '520423002014'
const HUANCUI = '520423002'
const BAIMAHU = '520423001'
const COUNTY = '520423'
const ZJJ = '520423-zjj'
const ZFJ = '520423-zhzfj'
/** The main period: Mon 2026-11-23 up to (not including) Thu 2026-11-26. */
const PERIOD = 'from=2026-11-23&to=2026-11-26'

let t: TestApp
let bmhGrid: string
const A: Record<string, Appeal> = {}

// ---- driving the API ------------------------------------------------------------------------------

const tokens = new Map<string, { token: string; at: number }>()
/** A token for a demo account, logged in again whenever the clock has moved (10-minute idle logout). */
async function as(username: string): Promise<string> {
  const now = t.clock.now().getTime()
  const cached = tokens.get(username)
  if (cached && now - cached.at < 5 * 60_000 && now >= cached.at) return cached.token
  const token = await t.login(username)
  tokens.set(username, { token, at: now })
  return token
}

/** Set the clock to a Shanghai wall time, e.g. at('11-23 09:40'). */
function at(dayTime: string): void {
  const [day, time] = dayTime.split(' ')
  t.clock.set(`2026-${day}T${time}:00+08:00`)
}

async function raise(key: string, username: string, body: Record<string, unknown>) {
  A[key] = await submitAppeal(t, await as(username), body)
  return A[key]!
}

/** Perform an action on appeal `key` as `username`, on the version the caller sees now. */
async function step(key: string, username: string, action: string, fields: Record<string, unknown> = {}) {
  const token = await as(username)
  const current = await getAppeal(t, token, A[key]!.id)
  A[key] = await act(t, token, current, action, fields)
  return A[key]!
}

async function onSpot(key: string, username: string, result: string) {
  const photo = await uploadPhoto(t, await as(username))
  return step(key, username, 'resolveOnSpot', { result, photoIds: [photo] })
}

async function candidate(key: string, username: string, pick: (c: Candidate) => boolean): Promise<Candidate> {
  const res = await t.request(await as(username), 'GET', `/api/v1/appeals/${A[key]!.id}/candidates?action=dispatch`)
  expect(res.statusCode, res.body).toBe(200)
  const found = res.json<Candidate[]>().find(pick)
  expect(found).toBeDefined()
  return found!
}

async function dispatchToLongcheng(key: string) {
  const c = await candidate(key, 'bj_sq', (x) => x.type === 'property' && x.id === '1')
  return step(key, 'bj_sq', 'dispatch', { assigneeType: 'property', assigneeId: c.id })
}

async function get<T>(username: string, url: string, status = 200): Promise<T> {
  const res = await t.request(await as(username), 'GET', url)
  expect(res.statusCode, `${username} GET ${url}: ${res.body}`).toBe(status)
  return res.json<T>()
}

const overview = (username: string, query: string) => get<StatsOverview>(username, `/api/v1/stats/overview?${query}`)
type Children = { scope: StatsOverview['scope']; from: string; to: string; items: { place: StatsOverview['scope']; figures: Figures }[] }
const children = (username: string, query: string) => get<Children>(username, `/api/v1/stats/children?${query}`)

// ---- what the figures must be -------------------------------------------------------------------

interface Expected {
  received: number
  respondedOnTime: number
  resolved: number
  closed: number
  rejected: number
  merged: number
  rated: number
  satisfied: number
  basic: number
  unsatisfied: number
  /** 超期未受理, 超期未办结, 超期办结 */
  /** 超期未受理, 超期未办结, 超期办结, and (when any) 超期未分派, 超期未审单 */
  overdue: [number, number, number, number?, number?]
  /** yellow (every appeal carded, red included), red */
  cards: [number, number]
  /** building, grid, community, street, department */
  levels: [number, number, number, number, number]
  /** responseRate, resolutionRate, satisfactionRate as hand-computed fractions (null: no denominator) */
  rates: [number | null, number | null, number | null]
}

const ZERO: Expected = {
  received: 0,
  respondedOnTime: 0,
  resolved: 0,
  closed: 0,
  rejected: 0,
  merged: 0,
  rated: 0,
  satisfied: 0,
  basic: 0,
  unsatisfied: 0,
  overdue: [0, 0, 0],
  cards: [0, 0],
  levels: [0, 0, 0, 0, 0],
  rates: [null, null, null],
}

function closeOrNull(actual: number | null, expected: number | null, label: string) {
  if (expected === null) expect(actual, label).toBeNull()
  else {
    expect(actual, label).not.toBeNull()
    expect(actual!, label).toBeCloseTo(expected, 10)
  }
}

function expectFigures(f: Figures, e: Expected, label = '') {
  const { responseRate, resolutionRate, satisfactionRate, resolutionLevels, ...counts } = f
  expect(counts, label).toEqual({
    received: e.received,
    respondedOnTime: e.respondedOnTime,
    resolved: e.resolved,
    closed: e.closed,
    rejected: e.rejected,
    merged: e.merged,
    rated: e.rated,
    satisfied: e.satisfied,
    basic: e.basic,
    unsatisfied: e.unsatisfied,
    overdue: { response: e.overdue[0], resolve: e.overdue[1], resolvedLate: e.overdue[2], dispatch: e.overdue[3] ?? 0, review: e.overdue[4] ?? 0 },
    cards: { yellow: e.cards[0], red: e.cards[1] },
  })
  closeOrNull(responseRate, e.rates[0], `${label} responseRate`)
  closeOrNull(resolutionRate, e.rates[1], `${label} resolutionRate`)
  closeOrNull(satisfactionRate, e.rates[2], `${label} satisfactionRate`)
  const names = ['building', 'grid', 'community', 'street', 'department'] as const
  names.forEach((n, i) => {
    expect(resolutionLevels[n].count, `${label} level ${n}`).toBe(e.levels[i])
    closeOrNull(resolutionLevels[n].share, e.resolved > 0 ? e.levels[i]! / e.resolved : null, `${label} share ${n}`)
  })
  expect(e.levels.reduce((x, y) => x + y, 0), `${label}: levels add up to resolved`).toBe(e.resolved)
}

/*
 * THE DATA SET (clock in Asia/Shanghai; Mon 11-23, Tue 11-24 and Wed 11-25 are working days).
 * Limits: red response 30 min, orange 2 h (calendar), yellow/blue 1 working day (8.5 working hours,
 * so Mon 09:30 → Tue 09:30); red resolve 24 h. Sweeps at Mon 10:05, Mon 11:35, Tue 09:35, Tue 10:15
 * and Wed 10:15 fire the cards.
 *
 * id  place        received   colour  response (due)                    what happened                                   level       rating              overdue             card
 * A1  北街 g001    Mon 09:30  yellow  accepted 09:40 ✓ (Tue 09:30)       → 龙城物业, resolved, verified, replied, closed  community   satisfied (self)    –                   –
 * A2  北街 g001    Mon 09:30  blue    on the spot 09:40 ✓                replied, closed                                 grid        basic (self)        –                   –
 * A3  北街 g001    Mon 09:30  blue    on the spot 09:40 ✓ (patrol)       replied, rated on behalf → reopened             grid        unsatisfied (phone) –                   –
 * A6  北街 g001    Mon 09:30  yellow  –                                  merged into A1 at 09:40                         –           –                   –                   –
 * W1  北街 g001    Mon 09:30  blue    accepted 09:40 ✓                   escalated, whistled 住建局 (lead) + 综合执法局,   department  satisfied (self)    –                   yellow (执法局
 *                                                                        report-by 11:30; 住建局 claims 10:05 (on time),                                                         report-in, 11:35)
 *                                                                        执法局 reports in 12:00 (late); resolved 14:00,
 *                                                                        verified, replied, closed
 * A4  北街 g002    Mon 09:30  blue    accepted Tue 10:00 ✗ (Tue 09:30)   → 龙城物业, claimed: in progress (patrol)         –           –                   超期未受理           yellow (Tue 09:35)
 * A5  北街 g002    Mon 09:30  red     accepted 10:10 ✗ (10:00)           → 龙城物业 10:10 (resolve due Tue 10:10),         –           –                   超期未受理,          red (yellow Mon 10:05
 *                                                                        claimed, never resolved                                                         超期未办结           and Tue 10:15, red Wed 10:15)
 * A7  北街 g002    Mon 09:30  blue    –                                  rejected 09:40                                  –           –                   –                   –
 * B1  北街 g002    Tue 07:50  red     accepted 08:00 ✓ (08:20)           → 龙城物业 08:00 (due Wed 08:00), resolved       community   –                   超期办结             –
 *                 (= Mon 23:50 UTC)                                      Wed 09:00 (late), waiting for the check
 * Y1  烟棚 g001    Mon 09:30  blue    on the spot 09:40 ✓                replied, closed                                 grid        satisfied (self)    –                   –
 * Y2  烟棚 g001    Mon 09:30  orange  accepted 12:00 ✗ (11:30)           → 网格员 (community), resolved, verified,         community   – (left unrated)    超期未受理           yellow (11:35)
 *                                                                        replied
 * Y3  烟棚 g001    Tue 10:30  blue    accepted 10:30 ✓ (patrol)          escalated, whistled 住建局 alone (report-by      –           –                   –                   –
 *                                                                        Wed 10:30), never claimed
 * Z1  白马湖 g…    Mon 09:30  blue    never (Tue 09:30) (hotline)        left waiting                                    –           –                   超期未受理           red (yellow Tue 09:35,
 *                                                                                                                                                                            red Wed 10:15)
 *
 * TOTALS  (resolved = A1 A2 A3 W1 B1 Y1 Y2; on time = A1 A2 A3 W1 B1 Y1 Y3)
 * scope        recv onTime resolved closed rej merged rated sat basic unsat | ovd resp/resolve/late | yellow red | levels grid/comm/dept | respRate  resRate      satRate
 * 北街 g001      5    4      4        4     0    1     4    2    1     1   |     0 / 0 / 0         |   1     0  |   2 / 1 / 1           | 4/5       4/(5-0-1)=1  3/4
 * 北街 g002      4    1      1        1     1    0     0    0    0     0   |     2 / 1 / 1         |   2     1  |   0 / 1 / 0           | 1/4       1/(4-1-0)    null
 * 北街社区        9    5      5        5     1    1     4    2    1     1   |     2 / 1 / 1         |   3     1  |   2 / 2 / 1           | 5/9       5/7          3/4
 * 烟棚社区        3    2      2        1     0    0     1    1    0     0   |     1 / 0 / 0         |   1     0  |   1 / 1 / 0           | 2/3       2/3          1/1
 * 环翠街道       12    7      7        6     1    1     5    3    1     1   |     3 / 1 / 1         |   4     1  |   3 / 3 / 1           | 7/12      7/10         4/5
 * 白马湖街道      1    0      0        0     0    0     0    0    0     0   |     1 / 0 / 0         |   1     1  |   0 / 0 / 0           | 0/1       0/1          null
 * 县            13    7      7        6     1    1     5    3    1     1   |     4 / 1 / 1         |   5     2  |   3 / 3 / 1           | 7/13      7/11         4/5
 * 住建局 (led)    2    2      1        1     0    0     1    1    0     0   |     0 / 0 / 0         |   1     0  |   0 / 0 / 1           | 2/2       1/2          1/1
 *   (W1, Y3)   report-in over whistles made in the period: whistled 2, as lead 2, reported in 1 (W1, by its
 *              claim, on time), late 0, not reported 1 (Y3), returned 0
 * 综合执法局 (led) 0 … (zeros)  report-in: whistled 1, as lead 0, reported in 1, late 1, not reported 0
 *
 * 超期未办结 and 超期办结 do not overlap: B1 ran past its resolve limit and then finished late, so it is
 * 超期办结 only; A5 is past its limit and not resolved, so it is 超期未办结.
 */
const BJ1: Expected = {
  received: 5, respondedOnTime: 4, resolved: 4, closed: 4, rejected: 0, merged: 1,
  rated: 4, satisfied: 2, basic: 1, unsatisfied: 1,
  overdue: [0, 0, 0], cards: [1, 0], levels: [0, 2, 1, 0, 1], rates: [4 / 5, 4 / 4, 3 / 4],
}
const BJ2: Expected = {
  received: 4, respondedOnTime: 1, resolved: 1, closed: 1, rejected: 1, merged: 0,
  rated: 0, satisfied: 0, basic: 0, unsatisfied: 0,
  overdue: [2, 1, 1], cards: [2, 1], levels: [0, 0, 1, 0, 0], rates: [1 / 4, 1 / 3, null],
}
const BJ: Expected = {
  received: 9, respondedOnTime: 5, resolved: 5, closed: 5, rejected: 1, merged: 1,
  rated: 4, satisfied: 2, basic: 1, unsatisfied: 1,
  overdue: [2, 1, 1], cards: [3, 1], levels: [0, 2, 2, 0, 1], rates: [5 / 9, 5 / 7, 3 / 4],
}
const YP: Expected = {
  received: 3, respondedOnTime: 2, resolved: 2, closed: 1, rejected: 0, merged: 0,
  rated: 1, satisfied: 1, basic: 0, unsatisfied: 0,
  overdue: [1, 0, 0], cards: [1, 0], levels: [0, 1, 1, 0, 0], rates: [2 / 3, 2 / 3, 1],
}
const HC: Expected = {
  received: 12, respondedOnTime: 7, resolved: 7, closed: 6, rejected: 1, merged: 1,
  rated: 5, satisfied: 3, basic: 1, unsatisfied: 1,
  overdue: [3, 1, 1], cards: [4, 1], levels: [0, 3, 3, 0, 1], rates: [7 / 12, 7 / 10, 4 / 5],
}
const BMH: Expected = { ...ZERO, received: 1, overdue: [1, 0, 0], cards: [1, 1], rates: [0, 0, null] }
const XIAN: Expected = {
  received: 13, respondedOnTime: 7, resolved: 7, closed: 6, rejected: 1, merged: 1,
  rated: 5, satisfied: 3, basic: 1, unsatisfied: 1,
  overdue: [4, 1, 1], cards: [5, 2], levels: [0, 3, 3, 0, 1], rates: [7 / 13, 7 / 11, 4 / 5],
}
const ZJJ_LED: Expected = {
  received: 2, respondedOnTime: 2, resolved: 1, closed: 1, rejected: 0, merged: 0,
  rated: 1, satisfied: 1, basic: 0, unsatisfied: 0,
  overdue: [0, 0, 0], cards: [1, 0], levels: [0, 0, 0, 0, 1], rates: [1, 1 / 2, 1],
}

// ---- building it --------------------------------------------------------------------------------

async function buildDataSet() {
  const grids = rowsOf<{ code: string }>(
    await t.database.db.execute(sql`SELECT code FROM grid WHERE code LIKE ${`${BAIMAHU}%`} AND retired_at IS NULL ORDER BY code LIMIT 1`),
  )
  bmhGrid = grids[0]!.code

  // Mon 09:30: everything of Monday is raised.
  at('11-23 09:30')
  await raise('A1', 'bj_jm', { categoryCode: 'elevator.fault', title: '1栋电梯停运', description: '电梯停在三楼不动' })
  await raise('A2', 'bj_jm', { categoryCode: 'sanitation.garbage', title: '垃圾两天未清运', description: '3栋门口垃圾堆积' })
  await raise('A3', 'bj_wgy1', { categoryCode: 'sanitation.greening', title: '绿化带枯树', description: '枯树有倒伏风险', gridCode: BEIJIE_GRID_1 })
  await raise('A6', 'bj_jm', { categoryCode: 'elevator.fault', title: '1栋电梯又坏了', description: '同一部电梯' })
  await raise('W1', 'bj_jm', { categoryCode: 'construction.illegal', title: '楼顶违建', description: '顶楼住户加盖彩钢房' })
  await raise('A4', 'bj_wgy2', { categoryCode: 'property.facility', title: '单元门禁损坏', description: '刷卡无反应', gridCode: BEIJIE_GRID_2 })
  await raise('A5', 'bj_jm', { categoryCode: 'elevator.trapped', title: '电梯困人', description: '2号楼电梯困人', gridCode: BEIJIE_GRID_2 })
  await raise('A7', 'bj_jm', { categoryCode: 'policy.certificate', title: '开具证明', description: '想开无犯罪记录证明', gridCode: BEIJIE_GRID_2 })
  await raise('Y1', 'yp_jm', { categoryCode: 'sanitation.garbage', title: '烟棚路垃圾', description: '垃圾桶满溢' })
  await raise('Y2', 'yp_jm', { categoryCode: 'noise.business', title: '烧烤店噪音', description: '深夜扰民', isUrgent: true })
  await raise('Z1', 'bmh_jd', { categoryCode: 'utility.water', title: '停水', description: '整栋楼停水', gridCode: bmhGrid })
  expect(A.A1!.color).toBe('yellow')
  expect(A.A5!.color).toBe('red')
  expect(A.Y2!.color).toBe('orange')
  expect(A.Z1!.color).toBe('blue')
  expect(A.Y1!.place.gridCode).toBe(YANPENG_GRID_1)

  // Mon 09:40
  at('11-23 09:40')
  await step('A6', 'bj_wgy1', 'merge', { duplicateOf: A.A1!.id })
  await step('A1', 'bj_wgy1', 'accept')
  await dispatchToLongcheng('A1')
  await step('A1', 'lc_wy', 'claim')
  await step('A1', 'lc_wy', 'resolve', { result: '更换控制板，电梯恢复运行' })
  await step('A1', 'bj_wgy1', 'verify')
  await step('A1', 'bj_sq', 'reply', { message: '电梯已修复' })
  await step('A1', 'bj_jm', 'rate', { rating: 'satisfied' })
  await onSpot('A2', 'bj_wgy1', '已联系保洁清运')
  await step('A2', 'bj_sq', 'reply', { message: '垃圾已清运' })
  await step('A2', 'bj_jm', 'rate', { rating: 'basic' })
  await onSpot('A3', 'bj_wgy1', '已联系园林清理枯树')
  await step('A3', 'bj_sq', 'reply', { message: '枯树已清理' })
  await step('A3', 'bj_sq', 'rateOnBehalf', { rating: 'unsatisfied', comment: '电话回访：树桩未清', via: 'phone' })
  await step('A7', 'bj_wgy2', 'reject', { reason: '证明事项请到派出所办理' })
  await onSpot('Y1', 'yp_wgy1', '已清运')
  await step('Y1', 'yp_sq', 'reply', { message: '已清运' })
  await step('Y1', 'yp_jm', 'rate', { rating: 'satisfied' })
  await step('W1', 'bj_wgy1', 'accept')
  await step('W1', 'bj_sq', 'escalate', { reason: '违建需住建和执法部门处理' })
  await step('W1', 'hc_jd', 'whistle', { departmentIds: [ZJJ, ZFJ], reportBy: '2026-11-23T11:30:00+08:00' })
  expect(A.A3!.status).toBe('reopened')
  expect(A.A2!.resolutionLevel).toBe('grid')

  // Mon 10:05: A5 (red) is past its 30-minute response limit → yellow card.
  at('11-23 10:05')
  expect((await sweepDeadlines(t.deps)).yellowCards).toBe(1)
  await step('W1', 'zn_zjj', 'claim') // the lead's claim is its report-in, on time

  // Mon 10:10: A5 accepted late and dispatched (red: resolve within 24 h).
  at('11-23 10:10')
  await step('A5', 'bj_wgy2', 'accept')
  await dispatchToLongcheng('A5')
  await step('A5', 'lc_wy', 'claim')
  expect(A.A5!.overdue.response).toBe(true)

  // Mon 11:35: Y2 (orange, due 11:30) and 执法局's report-in (due 11:30) run over.
  at('11-23 11:35')
  expect((await sweepDeadlines(t.deps)).yellowCards).toBe(2)

  at('11-23 12:00')
  await step('W1', 'zn_zfj', 'reportIn', { note: '已派执法队员到场' })
  await step('Y2', 'yp_wgy1', 'accept')
  const me = await get<{ id: string }>('yp_wgy1', '/api/v1/me')
  const ypWorker = await candidate('Y2', 'yp_sq', (c) => c.type === 'gridWorker' && c.id === String(me.id))
  await step('Y2', 'yp_sq', 'dispatch', { assigneeType: 'gridWorker', assigneeId: ypWorker.id })
  await step('Y2', 'yp_wgy1', 'claim')
  await step('Y2', 'yp_wgy1', 'resolve', { result: '已劝导店主，十点后停止营业' })
  await step('Y2', 'yp_wgy1', 'verify')
  await step('Y2', 'yp_sq', 'reply', { message: '已协调' })

  at('11-23 14:00')
  await step('W1', 'zn_zjj', 'resolve', { result: '违建已拆除' })
  await step('W1', 'bj_wgy1', 'verify')
  await step('W1', 'bj_sq', 'reply', { message: '违建已拆除' })
  await step('W1', 'bj_jm', 'rate', { rating: 'satisfied' })
  expect(A.W1!.resolutionLevel).toBe('department')

  // Tue 07:50 (still Monday in UTC): B1 raised, accepted and dispatched at 08:00.
  at('11-24 07:50')
  await raise('B1', 'bj_jm', { categoryCode: 'elevator.trapped', title: '电梯再次困人', description: '5号楼电梯困人', gridCode: BEIJIE_GRID_2 })
  at('11-24 08:00')
  await step('B1', 'bj_wgy2', 'accept')
  await dispatchToLongcheng('B1')
  await step('B1', 'lc_wy', 'claim')
  expect(A.B1!.deadlines.resolveDueAt).toBe('2026-11-25T08:00:00.000+08:00')

  // Tue 09:35: A4 and Z1 (blue, due Tue 09:30) have not been accepted → yellow cards.
  at('11-24 09:35')
  expect((await sweepDeadlines(t.deps)).yellowCards).toBe(2)
  at('11-24 10:00')
  await step('A4', 'bj_wgy2', 'accept')
  await dispatchToLongcheng('A4')
  await step('A4', 'lc_wy', 'claim')

  // Tue 10:15: A5's resolve limit (Tue 10:10) has passed → a second yellow card (超期未办结).
  at('11-24 10:15')
  expect((await sweepDeadlines(t.deps)).yellowCards).toBe(1)

  at('11-24 10:30')
  await raise('Y3', 'yp_wgy1', { categoryCode: 'construction.illegal', title: '占道搭建', description: '商户占道搭建雨棚', gridCode: YANPENG_GRID_1 })
  await step('Y3', 'yp_wgy1', 'accept')
  await step('Y3', 'yp_sq', 'escalate', { reason: '需住建局处理' })
  await step('Y3', 'hc_jd', 'whistle', { departmentIds: [ZJJ] })

  // Wed 09:00: B1 resolved an hour after its limit (no sweep saw it late).
  at('11-25 09:00')
  await step('B1', 'lc_wy', 'resolve', { result: '已解救，电梯停用检修' })
  // the appeal view says 超期办结 only, as the statistics count it
  expect(A.B1!.overdue).toEqual({ response: false, resolve: false, resolvedLate: true, dispatch: false, review: false })

  // Wed 10:15: A5 (resolve red at Wed 10:10) and Z1 (response red at Wed 09:30) get red cards.
  at('11-25 10:15')
  const s = await sweepDeadlines(t.deps)
  expect(s.redCards).toBe(2)
  expect(s.yellowCards).toBe(0)
  at('11-25 11:00')
}

beforeAll(async () => {
  t = await createTestApp()
  await buildDataSet()
}, 180_000)
afterAll(async () => t?.close())

// ---- the figures --------------------------------------------------------------------------------

describe('the data set is what the table says', () => {
  it('each appeal ended where the table puts it', async () => {
    const token = await as('zn_xian')
    const got = async (k: string) => getAppeal(t, token, A[k]!.id)
    const expectations: [string, Partial<Appeal>][] = [
      ['A1', { status: 'closed', closeReason: 'satisfied', resolutionLevel: 'community', card: null }],
      ['A2', { status: 'closed', closeReason: 'basic', resolutionLevel: 'grid', card: null }],
      ['A3', { status: 'reopened', rating: 'unsatisfied', resolutionLevel: 'grid', card: null }],
      ['A6', { status: 'closed', closeReason: 'merged', card: null }],
      ['W1', { status: 'closed', closeReason: 'satisfied', resolutionLevel: 'department', card: 'yellow' }],
      ['A4', { status: 'in_progress', card: 'yellow', overdue: { response: true, resolve: false, resolvedLate: false, dispatch: false, review: false } }],
      ['A5', { status: 'in_progress', card: 'red', overdue: { response: true, resolve: true, resolvedLate: false, dispatch: false, review: false } }],
      ['A7', { status: 'closed', closeReason: 'rejected', card: null }],
      ['B1', { status: 'resolved', resolutionLevel: 'community', card: null }],
      ['Y1', { status: 'closed', closeReason: 'satisfied', resolutionLevel: 'grid', card: null }],
      ['Y2', { status: 'replied', rating: null, resolutionLevel: 'community', card: 'yellow' }],
      ['Y3', { status: 'dept_assigned', leadDepartmentCode: ZJJ, card: null }],
      ['Z1', { status: 'submitted', card: 'red', overdue: { response: true, resolve: false, resolvedLate: false, dispatch: false, review: false } }],
    ]
    for (const [k, e] of expectations) expect(await got(k), k).toMatchObject(e)
    expect(A.B1!.createdAt).toBe('2026-11-24T07:50:00.000+08:00')
  })
})

describe('place overview', () => {
  it('北街社区, as the community', async () => {
    const o = await overview('bj_sq', `place=${BEIJIE}&${PERIOD}`)
    expect(o.scope).toEqual({ kind: 'place', code: BEIJIE, name: '北街社区', level: 'community' })
    expect([o.from, o.to]).toEqual(['2026-11-23', '2026-11-26'])
    expect(o.reportIn).toBeUndefined()
    expectFigures(o.figures, BJ, '北街')
  })

  it('without a place, the caller’s own place', async () => {
    expectFigures((await overview('bj_sq', PERIOD)).figures, BJ, '北街 (own)')
    expectFigures((await overview('yp_sq', PERIOD)).figures, YP, '烟棚 (own)')
    expectFigures((await overview('bj_wgy1', PERIOD)).figures, BJ1, 'grid 001 (own)')
  })

  it('环翠街道, as the street and as the county', async () => {
    const o = await overview('hc_jd', `place=${HUANCUI}&${PERIOD}`)
    expect(o.scope).toMatchObject({ kind: 'place', code: HUANCUI, level: 'street' })
    expectFigures(o.figures, HC, '环翠')
    expectFigures((await overview('zn_xian', `place=${HUANCUI}&${PERIOD}`)).figures, HC, '环翠 (county)')
    expectFigures((await overview('hc_jd', `place=${YANPENG}&${PERIOD}`)).figures, YP, '烟棚 (street)')
  })

  it('the county', async () => {
    const o = await overview('zn_xian', `place=${COUNTY}&${PERIOD}`)
    expect(o.scope).toMatchObject({ kind: 'place', code: COUNTY, level: 'county' })
    expectFigures(o.figures, XIAN, '县')
    expectFigures((await overview('zn_xian', PERIOD)).figures, XIAN, '县 (own)')
  })

  it('grids, down to the grid worker', async () => {
    expectFigures((await overview('bj_sq', `place=${BEIJIE_GRID_1}&${PERIOD}`)).figures, BJ1, 'grid 001')
    expectFigures((await overview('bj_sq', `place=${BEIJIE_GRID_2}&${PERIOD}`)).figures, BJ2, 'grid 002')
    expectFigures((await overview('bj_wgy1', `place=${BEIJIE_GRID_1}&${PERIOD}`)).figures, BJ1, 'grid 001 by its worker')
    expectFigures((await overview('bj_wgz1', `place=${BEIJIE_GRID_1}&${PERIOD}`)).figures, BJ1, 'grid 001 by its head')
    expectFigures((await overview('bj_wgy2', `place=${BEIJIE_GRID_2}&${PERIOD}`)).figures, BJ2, 'grid 002 by its worker')
  })
})

describe('the city and the province (county-level command centres above the county)', () => {
  /** A county-role account scoped to a city or the province: only a provincial deployment creates these. */
  async function centre(username: string, scope: string): Promise<void> {
    const res = await t.database.db.execute(sql`
      INSERT INTO user_account (username, password_hash, role, scope, display_name, password_changed_at, created_at)
      SELECT ${username}, password_hash, 'county', ${scope}, ${username}, password_changed_at, created_at
      FROM user_account WHERE username = 'zn_xian'
      ON CONFLICT (username) DO NOTHING
      RETURNING id`)
    // a county-level account uses a second factor, like every account of its role
    const created = rowsOf<{ id: number }>(res)[0]
    if (created) await giveSecondFactor(t, { id: Number(created.id), username })
  }

  // 镇宁 is the only county of 安顺市 (5204) and of 贵州 (52) in the test database: both add up to the county.
  it('安顺市: the same figures as its one county, and the county as its only child', async () => {
    await centre('as_shi', '52.5204')
    const o = await overview('as_shi', `place=5204&${PERIOD}`)
    expect(o.scope).toEqual({ kind: 'place', code: '5204', name: '安顺市', level: 'city' })
    expectFigures(o.figures, XIAN, '安顺市')
    expectFigures((await overview('as_shi', PERIOD)).figures, XIAN, '安顺市 (own)')
    const c = await children('as_shi', `place=5204&${PERIOD}`)
    expect(c.items.map((i) => i.place)).toEqual([{ kind: 'place', code: COUNTY, name: expect.stringContaining('镇宁'), level: 'county' }])
    expectFigures(c.items[0]!.figures, XIAN, '安顺市 › 镇宁')
    // the county below it, by the city's account
    expectFigures((await overview('as_shi', `place=${HUANCUI}&${PERIOD}`)).figures, HC, '环翠 (city)')
  })

  it('贵州省: the same figures again, with the city as its only child; Monday alone as well', async () => {
    await centre('gz_sheng', '52')
    const o = await overview('gz_sheng', `place=52&${PERIOD}`)
    expect(o.scope).toEqual({ kind: 'place', code: '52', name: '贵州省', level: 'province' })
    expectFigures(o.figures, XIAN, '贵州省')
    const c = await children('gz_sheng', `place=52&${PERIOD}`)
    expect(c.items.map((i) => i.place)).toEqual([{ kind: 'place', code: '5204', name: '安顺市', level: 'city' }])
    expectFigures(c.items[0]!.figures, XIAN, '贵州省 › 安顺市')
    // Monday alone: everything but B1 (北街, Tue) and Y3 (烟棚, Tue). On time: A1 A2 A3 W1 Y1; resolved: the same and Y2.
    expectFigures((await overview('gz_sheng', 'place=52&from=2026-11-23&to=2026-11-24')).figures, {
      received: 11, respondedOnTime: 5, resolved: 6, closed: 6, rejected: 1, merged: 1,
      rated: 5, satisfied: 3, basic: 1, unsatisfied: 1,
      overdue: [4, 1, 0], cards: [5, 2], levels: [0, 3, 2, 0, 1], rates: [5 / 11, 6 / 9, 4 / 5],
    }, '贵州省 Monday')
  })

  it('a city or province account sees nothing outside its place, and a county account nothing above it', async () => {
    await centre('as_shi', '52.5204')
    await centre('gz_sheng', '52')
    const status = async (u: string, q: string) => (await t.request(await as(u), 'GET', `/api/v1/stats/overview?${q}&${PERIOD}`)).statusCode
    expect(await status('as_shi', 'place=5201')).toBe(404) // 贵阳市
    expect(await status('as_shi', 'place=52')).toBe(404)
    expect(await status('gz_sheng', 'place=53')).toBe(404)
    expect(await status('zn_xian', 'place=5204')).toBe(404)
    expect(await status('zn_xian', 'place=52')).toBe(404)
  })
})

describe('department overview', () => {
  const zjjReportIn = { whistled: 2, asLead: 2, reportedIn: 1, reportedLate: 0, notReported: 1, returned: 0 }

  it('住建局 reads its own figures: the appeals it led, and its report-in record', async () => {
    const o = await overview('zn_zjj', `department=${ZJJ}&${PERIOD}`)
    expect(o.scope).toMatchObject({ kind: 'department', code: ZJJ, name: '镇宁自治县住房和城乡建设局' })
    expectFigures(o.figures, ZJJ_LED, '住建局')
    expect(o.reportIn).toEqual(zjjReportIn)
    // without a parameter, a department gets its own figures
    const own = await overview('zn_zjj', PERIOD)
    expect(own.scope.code).toBe(ZJJ)
    expectFigures(own.figures, ZJJ_LED, '住建局 (own)')
  })

  it('the county reads the same for any department of the county', async () => {
    const o = await overview('zn_xian', `department=${ZJJ}&${PERIOD}`)
    expectFigures(o.figures, ZJJ_LED, '住建局 (county)')
    expect(o.reportIn).toEqual(zjjReportIn)
  })

  it('综合执法局 assisted only: no led appeals, one late report-in', async () => {
    const o = await overview('zn_zfj', `department=${ZFJ}&${PERIOD}`)
    expectFigures(o.figures, ZERO, '执法局')
    expect(o.reportIn).toEqual({ whistled: 1, asLead: 0, reportedIn: 1, reportedLate: 1, notReported: 0, returned: 0 })
  })
})

describe('child places, worst first (排队抓尾)', () => {
  it('环翠街道: 烟棚 (解决率 2/3) before 北街 (5/7), then the places with no appeals', async () => {
    const c = await children('hc_jd', `place=${HUANCUI}&${PERIOD}`)
    expect(c.scope).toMatchObject({ code: HUANCUI, level: 'street' })
    expect(c.items.slice(0, 2).map((i) => i.place.code)).toEqual([YANPENG, BEIJIE])
    expect(c.items[0]!.place).toEqual({ kind: 'place', code: YANPENG, name: '烟棚社区', level: 'community' })
    expectFigures(c.items[0]!.figures, YP, 'child 烟棚')
    expectFigures(c.items[1]!.figures, BJ, 'child 北街')
    expect(c.items.length).toBeGreaterThan(2)
    for (const i of c.items.slice(2)) expectFigures(i.figures, ZERO, i.place.name)
    const rest = c.items.slice(2).map((i) => i.place.code)
    expect(rest).toEqual([...rest].sort())
  })

  it('北街社区: grid 002 (解决率 1/3) before grid 001 (4/4), then its other grids', async () => {
    const c = await children('bj_sq', `place=${BEIJIE}&${PERIOD}`)
    expect(c.items.map((i) => i.place.code)).toEqual([BEIJIE_GRID_2, BEIJIE_GRID_1, ...[3, 4, 5, 6, 7].map((n) => `${BEIJIE}00${n}`)])
    expect(c.items.every((i) => i.place.kind === 'place' && i.place.level === 'grid')).toBe(true)
    expectFigures(c.items[0]!.figures, BJ2, 'child grid 002')
    expectFigures(c.items[1]!.figures, BJ1, 'child grid 001')
    for (const i of c.items.slice(2)) expectFigures(i.figures, ZERO, i.place.code)
  })

  it('the county: 白马湖 (0/1) before 环翠 (7/10); the children add up to the county', async () => {
    const c = await children('zn_xian', `place=${COUNTY}&${PERIOD}`)
    expect(c.items.slice(0, 2).map((i) => i.place.code)).toEqual([BAIMAHU, HUANCUI])
    expectFigures(c.items[0]!.figures, BMH, 'child 白马湖')
    expectFigures(c.items[1]!.figures, HC, 'child 环翠')
    expect(c.items.reduce((n, i) => n + i.figures.received, 0)).toBe(XIAN.received)
  })

  it('a grid has no child places', async () => {
    const res = await t.request(await as('bj_wgy1'), 'GET', `/api/v1/stats/children?place=${BEIJIE_GRID_1}&${PERIOD}`)
    expect(res.statusCode).toBe(422)
  })
})

describe('periods: [from, to) in Asia/Shanghai days, over the appeals received', () => {
  it('Monday alone leaves out B1, raised Tuesday 07:50 in Shanghai (still Monday in UTC)', async () => {
    // 北街 on Monday: A1 A2 A3 A6 W1 A4 A5 A7. On time A1 A2 A3 W1; resolved the same four.
    const o = await overview('bj_sq', `place=${BEIJIE}&from=2026-11-23&to=2026-11-24`)
    expectFigures(o.figures, {
      received: 8, respondedOnTime: 4, resolved: 4, closed: 5, rejected: 1, merged: 1,
      rated: 4, satisfied: 2, basic: 1, unsatisfied: 1,
      overdue: [2, 1, 0], cards: [3, 1], levels: [0, 2, 1, 0, 1], rates: [4 / 8, 4 / 6, 3 / 4],
    }, '北街 Monday')
  })

  it('Tuesday alone is B1 for 北街, and Y3 for 住建局', async () => {
    const o = await overview('bj_sq', `place=${BEIJIE}&from=2026-11-24&to=2026-11-25`)
    expectFigures(o.figures, {
      ...ZERO, received: 1, respondedOnTime: 1, resolved: 1, overdue: [0, 0, 1], levels: [0, 0, 1, 0, 0], rates: [1, 1, null],
    }, '北街 Tuesday')
    const d = await overview('zn_zjj', `department=${ZJJ}&from=2026-11-24&to=2026-11-25`)
    expectFigures(d.figures, { ...ZERO, received: 1, respondedOnTime: 1, rates: [1, 0, null] }, '住建局 Tuesday')
    expect(d.reportIn).toEqual({ whistled: 1, asLead: 1, reportedIn: 0, reportedLate: 0, notReported: 1, returned: 0 })
  })

  it('a period with none of the data gives zeros and null rates', async () => {
    // (the last two blocks of this file add appeals on 11-26 and 11-27: the empty period after the data starts on 11-28)
    for (const q of ['from=2026-11-01&to=2026-11-23', 'from=2026-11-28&to=2026-12-01']) {
      const o = await overview('zn_xian', `place=${COUNTY}&${q}`)
      expectFigures(o.figures, ZERO, `county ${q}`)
      const d = await overview('zn_xian', `department=${ZJJ}&${q}`)
      expectFigures(d.figures, ZERO, `住建局 ${q}`)
      expect(d.reportIn).toEqual({ whistled: 0, asLead: 0, reportedIn: 0, reportedLate: 0, notReported: 0, returned: 0 })
      const c = await children('zn_xian', `place=${COUNTY}&${q}`)
      for (const i of c.items) expectFigures(i.figures, ZERO, i.place.name)
    }
  })

  it('by default: from the first of this month to tomorrow', async () => {
    at('11-25 11:00')
    const o = await overview('bj_sq', '')
    expect([o.from, o.to]).toEqual(['2026-11-01', '2026-11-26'])
    expectFigures(o.figures, BJ, '北街 default period')
  })

  it('from ≥ to is 422; a bad date is 400', async () => {
    for (const q of ['from=2026-11-25&to=2026-11-25', 'from=2026-11-26&to=2026-11-23']) {
      const res = await t.request(await as('bj_sq'), 'GET', `/api/v1/stats/overview?place=${BEIJIE}&${q}`)
      expect(res.statusCode, q).toBe(422)
      expect(res.json().code).toBe('INVALID_RANGE')
      const c = await t.request(await as('bj_sq'), 'GET', `/api/v1/stats/children?place=${BEIJIE}&${q}`)
      expect(c.statusCode, q).toBe(422)
      const d = await t.request(await as('zn_zjj'), 'GET', `/api/v1/stats/overview?department=${ZJJ}&${q}`)
      expect(d.statusCode, q).toBe(422)
    }
    const tooLong = await t.request(await as('zn_xian'), 'GET', '/api/v1/stats/overview?from=2020-01-01&to=2026-11-26')
    expect(tooLong.statusCode).toBe(422)
    expect(tooLong.json().code).toBe('RANGE_TOO_LONG')
    const bad = await t.request(await as('zn_xian'), 'GET', '/api/v1/stats/overview?from=2026-11-31&to=2026-12-02')
    expect(bad.statusCode).toBe(400)
  })
})

describe('who may see', () => {
  const status = async (username: string, query: string, path = 'overview') =>
    (await t.request(await as(username), 'GET', `/api/v1/stats/${path}?${query}`)).statusCode

  it('a grid worker sees their grid, nothing above or beside it', async () => {
    expect(await status('bj_wgy1', `place=${BEIJIE_GRID_1}&${PERIOD}`)).toBe(200)
    expect(await status('bj_wgy1', `place=${BEIJIE_GRID_2}&${PERIOD}`)).toBe(404)
    expect(await status('bj_wgy1', `place=${BEIJIE}&${PERIOD}`)).toBe(404)
    expect(await status('bj_wgy1', `place=${YANPENG}&${PERIOD}`)).toBe(404)
    expect(await status('bj_wgy1', `place=${YANPENG}&${PERIOD}`, 'children')).toBe(404)
  })

  it('a community and a street see their place and below, not their neighbours or above', async () => {
    expect(await status('yp_sq', `place=${BEIJIE}&${PERIOD}`)).toBe(404)
    expect(await status('bj_sq', `place=${HUANCUI}&${PERIOD}`)).toBe(404)
    expect(await status('bj_sq', `place=${YANPENG_GRID_1}&${PERIOD}`)).toBe(404)
    expect(await status('hc_jd', `place=${COUNTY}&${PERIOD}`)).toBe(404)
    expect(await status('bmh_jd', `place=${BEIJIE}&${PERIOD}`, 'children')).toBe(404)
    expect(await status('zn_xian', `place=520424&${PERIOD}`)).toBe(404)
    expect(await status('zn_xian', `place=520423999999&${PERIOD}`)).toBe(404)
  })

  it('residents, property companies and the system administrator may not read statistics', async () => {
    for (const u of ['lc_wy', 'bj_jm', 'sysadmin']) {
      expect(await status(u, `place=${BEIJIE}&${PERIOD}`), u).toBe(403)
      expect(await status(u, PERIOD), u).toBe(403)
      expect(await status(u, `place=${BEIJIE}&${PERIOD}`, 'children'), u).toBe(403)
      expect(await status(u, `department=${ZJJ}&${PERIOD}`), u).toBe(403)
    }
  })

  it('a department reads only its own figures; a place role reads none', async () => {
    expect(await status('zn_zfj', `department=${ZJJ}&${PERIOD}`)).toBe(404)
    expect(await status('zn_zjj', `department=${ZFJ}&${PERIOD}`)).toBe(404)
    expect(await status('zn_zjj', `place=${BEIJIE}&${PERIOD}`)).toBe(403)
    expect(await status('hc_jd', `department=${ZJJ}&${PERIOD}`)).toBe(404)
    expect(await status('zn_xian', `department=999999-nope&${PERIOD}`)).toBe(404)
    expect(await status('zn_xian', `department=${ZJJ}&place=${COUNTY}&${PERIOD}`)).toBe(422)
  })

  it('not logged in is 401', async () => {
    expect((await t.request(null, 'GET', `/api/v1/stats/overview?${PERIOD}`)).statusCode).toBe(401)
  })
})

describe('a returned whistle', () => {
  it('no longer counts as led by the department that returned it, nor as a missed report-in', async () => {
    at('11-26 09:30')
    await raise('Y4', 'yp_wgy1', { categoryCode: 'construction.occupy', title: '占道经营', description: '路口摊点占道', gridCode: YANPENG_GRID_1 })
    await step('Y4', 'yp_wgy1', 'accept')
    await step('Y4', 'yp_sq', 'escalate', { reason: '需部门处理' })
    await step('Y4', 'hc_jd', 'whistle', { departmentIds: [ZJJ] })
    await step('Y4', 'zn_zjj', 'return', { reason: '占道经营应由综合执法局处理' })
    await step('Y4', 'hc_jd', 'whistle', { departmentIds: [ZFJ] })
    const day = 'from=2026-11-26&to=2026-11-27'
    const zjj = await overview('zn_zjj', `department=${ZJJ}&${day}`)
    expectFigures(zjj.figures, ZERO, '住建局 Thursday')
    expect(zjj.reportIn).toEqual({ whistled: 1, asLead: 1, reportedIn: 0, reportedLate: 0, notReported: 0, returned: 1 })
    const zfj = await overview('zn_zfj', `department=${ZFJ}&${day}`)
    expectFigures(zfj.figures, { ...ZERO, received: 1, respondedOnTime: 1, rates: [1, 0, null] }, '执法局 Thursday')
    expect(zfj.reportIn).toEqual({ whistled: 1, asLead: 1, reportedIn: 0, reportedLate: 0, notReported: 1, returned: 0 })
    // the main period is untouched
    expectFigures((await overview('zn_xian', `department=${ZJJ}&${PERIOD}`)).figures, ZJJ_LED, '住建局 main period')
  })
})

describe('a retired grid', () => {
  it('still shows among the children for a period in which it received appeals', async () => {
    at('11-27 09:30')
    const created = await t.request(await as('sysadmin'), 'POST', `/api/v1/places/${YANPENG}/grids`, { name: '临时网格' })
    expect(created.statusCode, created.body).toBe(201)
    const temp = created.json<{ code: string }>().code
    await raise('Y5', 'yp_sq', { categoryCode: 'construction.illegal', title: '占道搭建（重复）', description: '同一处雨棚', gridCode: temp })
    await step('Y5', 'yp_sq', 'merge', { duplicateOf: A.Y3!.id })
    const retired = await t.request(await as('sysadmin'), 'POST', `/api/v1/grids/${temp}/retire`, { reason: '网格调整' })
    expect(retired.statusCode, retired.body).toBe(200)

    const day = 'from=2026-11-27&to=2026-11-28'
    const c = await children('yp_sq', `place=${YANPENG}&${day}`)
    expect(c.items[0]!.place.code).toBe(temp)
    expectFigures(c.items[0]!.figures, { ...ZERO, received: 1, closed: 1, merged: 1, rates: [0, null, null] }, 'retired grid')
    expect(c.items.reduce((n, i) => n + i.figures.received, 0)).toBe((await overview('yp_sq', `place=${YANPENG}&${day}`)).figures.received)
    // in a period without its appeals it is gone
    const before = await children('yp_sq', `place=${YANPENG}&${PERIOD}`)
    expect(before.items.map((i) => i.place.code)).not.toContain(temp)
  })
})
