/**
 * Demo history for 北街社区: a couple of months of appeals driven through the real services on a
 * simulated clock, so that timelines, audit rows, deadlines and figures are what the loop itself
 * produces — nothing is written around it. Deterministic for a given asOf.
 */
import type { AppDeps, Ctx } from '../context'
import type { Db } from '../db/client'
import { Prng } from '../lib/prng'
import type { Actor } from '../permissions'
import { createAppeal, dispatchCandidates, loadAppeal, performAction } from '../modules/appeals'
import { findUserById, loadActorByUsername } from '../modules/auth'
import { storeUpload } from '../modules/files'
import { hasAppealIn } from './queries'
import type { AppealActionBody } from '#contracts/appeals'
import { BEIJIE } from './demo'

const STORIES: [category: string, title: string, description: string][] = [
  ['elevator.fault', '{b}电梯故障停运', '{b}{u}电梯停在{f}楼不动，家里有老人，上下楼很困难。'],
  ['elevator.maintenance', '{b}电梯异响', '电梯运行时有很大的异响，担心安全，请物业检修。'],
  ['parking.illegal', '{c}小区门口车辆乱停', '小区出入口被私家车堵住，早上出不去。'],
  ['parking.firelane', '{b}旁消防通道被占用', '消防通道长期停放车辆，存在安全隐患。'],
  ['ebike.indoor', '{b}{u}有人在楼道给电瓶车充电', '楼道里拉线给电瓶车充电，晚上不拔，很危险。'],
  ['ebike.facility', '{c}充电桩不够用', '小区只有两个充电桩，每天排队，希望增加。'],
  ['sanitation.garbage', '{b}垃圾桶满了没人清运', '垃圾已经两天没有清运，气味很大。'],
  ['sanitation.sewage', '{b}化粪池堵塞外溢', '化粪池冒出污水，流到人行道上。'],
  ['noise.business', '楼下烧烤店噪音扰民', '每天晚上十二点后仍然很吵，影响休息。'],
  ['noise.neighbour', '{b}{u}{f}楼装修噪音', '周末早上七点就开始装修，请协调。'],
  ['dispute.neighbour', '{b}邻居漏水纠纷', '楼上卫生间漏水到我家，协商不成，请社区调解。'],
  ['dispute.property', '{c}物业费收费争议', '物业费上涨没有公示，业主有意见。'],
  ['construction.illegal', '{b}楼顶违章搭建', '顶楼住户在楼顶搭建彩钢房。'],
  ['construction.nonresidential', '{c}车库改作经营用房', '地下车库被改成麻将馆，噪音和消防问题。'],
  ['utility.water', '{c}停水没有提前通知', '{b}一早停水，没有任何通知。'],
  ['utility.power', '{b}{u}楼道灯不亮', '楼道灯坏了一个多星期，晚上看不清台阶。'],
  ['care.alone', '独居老人需要上门看望', '{b}{u}{f}楼独居老人腿脚不便，近期身体不好，希望有人上门看看。'],
  ['care.homecare', '咨询居家养老助餐服务', '家里老人想订社区助餐，怎么报名？'],
  ['employment.job', '咨询就业岗位', '刚毕业，想了解社区有没有就业岗位推荐。'],
  ['policy.insurance', '咨询城乡居民医保缴费', '今年医保怎么缴费，可以在社区办理吗？'],
  ['policy.assistance', '咨询低保申请条件', '家里困难，想了解低保申请需要什么材料。'],
  ['safety.road', '{c}门口井盖松动', '路口井盖松动，车辆经过有响声，怕有人踩空。'],
  ['property.facility', '{b}单元门禁损坏', '单元门禁刷卡没反应，外人可以随便进出。'],
  ['property.security', '{c}夜间保安不在岗', '晚上门岗经常没人。'],
]

const GRID_COMPOUND: Record<number, string> = { 1: '龙城印象', 2: '龙城印象', 3: '锦绘新都', 4: '锦绘新都', 5: '翡翠丽都', 6: '安庄卫安置回迁房', 7: '安庄卫安置回迁房' }

const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

const MIN = 60_000
const HOUR = 3_600_000
const DAY = 86_400_000

export async function seedDemoHistory(
  deps: AppDeps,
  opts: { asOf: Date; count?: number; seed?: string } = { asOf: new Date() },
): Promise<number> {
  const db: Db = deps.database.db
  const prng = new Prng(opts.seed ?? 'beijie-history')
  const count = opts.count ?? 150
  const actors = new Map<string, Actor>()
  const as = async (username: string) => {
    if (!actors.has(username)) actors.set(username, await loadActorByUsername(db, username))
    return actors.get(username)!
  }
  const ctxAt = async (username: string, at: number): Promise<Ctx> => ({
    deps,
    db,
    actor: await as(username),
    ip: null,
    now: new Date(at),
  })

  // Appeals in creation order, so numbers rise with time.
  const starts = Array.from({ length: count }, () => {
    const daysAgo = prng.int(1, 60)
    const dayStart = Math.floor((opts.asOf.getTime() + 8 * HOUR) / DAY) * DAY - 8 * HOUR - daysAgo * DAY
    return dayStart + prng.int(8 * 60, 20 * 60) * MIN
  }).sort((a, b) => a - b)

  let made = 0
  for (const createdAt of starts) {
    const serial = prng.int(1, 7)
    const gridCode = `${BEIJIE}${String(serial).padStart(3, '0')}`
    const [categoryCode, titleT, descT] = prng.pick(STORIES)
    const fill = (s: string) =>
      s
        .replaceAll('{c}', GRID_COMPOUND[serial]!)
        .replaceAll('{b}', `${GRID_COMPOUND[serial]}${prng.int(1, 6)}栋`)
        .replaceAll('{u}', `${prng.int(1, 2)}单元`)
        .replaceAll('{f}', String(prng.int(2, 7)))
    const who = serial === 1 && prng.chance(0.25) ? 'bj_jm' : prng.chance(0.75) ? `bj_wgy${serial}` : 'bj_sq'
    const created = await createAppeal(await ctxAt(who, createdAt), {
      categoryCode,
      title: fill(titleT).slice(0, 100),
      description: fill(descT),
      ...(who === 'bj_jm' ? {} : { gridCode }),
      ...(who === 'bj_sq' ? { channel: 'hotline' as const } : {}),
    })
    made++
    const id = Number(created.appeal.id)
    let version = created.appeal.version
    let t = createdAt
    const gw = `bj_wgy${serial}`
    const step = async (username: string, delay: number, body: Omit<AppealActionBody, 'version'>) => {
      t += delay
      if (t >= opts.asOf.getTime()) return false
      await performAction(await ctxAt(username, t), id, { ...body, version } as AppealActionBody)
      version++
      return true
    }

    // Most are taken within the hour; some wait past their limit (the overdue ones the sweeper will find).
    const lateAccept = prng.chance(0.08)
    if (prng.chance(0.04)) {
      await step(gw, prng.int(10, 90) * MIN, { action: 'reject', reason: '不属于社区受理范围，已引导至相关部门' })
      continue
    }
    if (!(await step(gw, (lateAccept ? prng.int(26, 60) * HOUR : prng.int(5, 120) * MIN), { action: 'accept' }))) continue

    if (prng.chance(0.22)) {
      const photo = await storeUpload(await ctxAt(gw, t), TINY_PNG, 'onsite.png')
      if (!(await step(gw, prng.int(20, 180) * MIN, { action: 'resolveOnSpot', result: '网格员现场协调处理完毕', photoIds: [photo.id] })))
        continue
    } else {
      const row = (await loadAppeal(db, id))!
      const candidates = await dispatchCandidates(await ctxAt('bj_sq', t), row)
      const kind = prng.weighted([
        ['property', categoryCode.startsWith('elevator') || categoryCode.startsWith('property') || categoryCode.startsWith('parking') ? 8 : 2],
        ['gridWorker', 4],
        ['partyMember', categoryCode.startsWith('care') || categoryCode.startsWith('policy') ? 6 : 1],
        ['team', 1],
      ] as const)
      const target =
        kind === 'partyMember'
          ? candidates.find((c) => c.type === 'partyMember' && c.id === 'pool')!
          : (candidates.find((c) => c.type === kind) ?? candidates[0]!)
      if (!(await step('bj_sq', prng.int(15, 240) * MIN, { action: 'dispatch', assigneeType: target.type as 'property', assigneeId: target.id })))
        continue
      const handler =
        target.type === 'property'
          ? target.name.includes('龙城') ? 'lc_wy' : target.name.includes('锦绘') ? 'jh_wy' : null
          : target.type === 'gridWorker'
            ? ((await findUserById(db, Number(target.id)))?.username ?? null)
            : 'bj_dy'
      // Property companies without a demo login (翡翠丽都, 安庄卫) stay assigned: work waiting for them.
      if (!handler) continue
      if (!(await step(handler, prng.int(10, 180) * MIN, { action: 'claim' }))) continue
      const slow = prng.chance(0.1)
      if (!(await step(handler, (slow ? prng.int(6, 20) * DAY : prng.int(3, 96) * HOUR), { action: 'resolve', result: '已处理完毕，现场恢复正常' })))
        continue
      if (!(await step(gw, prng.int(1, 20) * HOUR, { action: 'verify', note: '现场核查属实' }))) continue
    }
    if (!(await step('bj_sq', prng.int(1, 20) * HOUR, { action: 'reply', message: '您反映的问题已处理，感谢您对社区工作的支持。' }))) continue
    const rating = prng.weighted([
      ['satisfied', 75],
      ['basic', 18],
      ['unsatisfied', 7],
    ] as const)
    if (who === 'bj_jm') {
      if (prng.chance(0.15)) continue // left unrated: auto-closes after 7 days
      await step('bj_jm', prng.int(1, 48) * HOUR, { action: 'rate', rating, ...(rating === 'unsatisfied' ? { comment: '问题没有彻底解决' } : {}) })
    } else {
      await step('bj_sq', prng.int(2, 48) * HOUR, {
        action: 'rateOnBehalf',
        rating,
        comment: rating === 'unsatisfied' ? '电话回访：群众反映问题仍未解决' : '电话回访：群众认可处理结果',
        via: prng.chance(0.7) ? 'phone' : 'visit',
      })
    }
  }
  return made
}

/** Whether the demo history was loaded already (any appeal in 北街). */
export async function hasDemoHistory(db: Db): Promise<boolean> {
  return hasAppealIn(db, BEIJIE)
}
