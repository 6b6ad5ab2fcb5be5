/**
 * 双报到 in the demo county: a dozen units (机关、事业单位、企业 and two 新兴领域 organisations) paired with
 * 北街社区 under 共驻共建 agreements, most of them confirmed; the demo's in-service members registered at
 * 北街 naming their unit, most confirmed, a few waiting for the community; the 县人民医院's party
 * organisation has the demo login `bj_dw`. Deterministic (the seed PRNG); every row is a demo row.
 */
import type { Db } from '../db/client'
import type { Pii } from '../lib/pii'
import { Prng } from '../lib/prng'
import { sharedTimeline, type TimelineRecord } from '../core'
import { insertRegistration } from '../modules/registrations'
import { insertUnit, insertUnitRegistration } from '../modules/units'
import { POSTS } from '#contracts/registrations'
import { insertAccount } from './queries'
import { WORK_UNITS } from './names'

interface UnitPlan {
  name: string
  kind: 'organ' | 'institution' | 'enterprise' | 'newField'
  partyOrgName: string
  resources: string[]
}

const short = (name: string) => name.replace('镇宁自治县', '县')

/** The units of WORK_UNITS (the demo members work there) and two 新兴领域 organisations. */
const UNITS: UnitPlan[] = [
  ...WORK_UNITS.map((name): UnitPlan => {
    const kind = /医院|中学|联社/.test(name) ? (name.includes('联社') ? 'enterprise' : 'institution') : name.includes('供电局') ? 'enterprise' : 'organ'
    const org = kind === 'organ' ? '机关党支部' : kind === 'institution' ? '党委' : '党总支'
    const resources: Record<string, string[]> = {
      '镇宁自治县人民医院': ['每月义诊一次', '家庭医生签约上门', '急救知识培训'],
      '镇宁自治县第一中学': ['周末开放操场', '青少年课后辅导志愿者'],
      '镇宁自治县税务局': ['办税政策宣讲', '党员志愿者 10 名'],
      '镇宁自治县供电局': ['楼道线路安全检查', '用电故障上门抢修'],
      '镇宁自治县住房和城乡建设局': ['老旧小区改造政策咨询', '工程质量协管'],
      '镇宁自治县民政局': ['困难群众救助政策宣讲', '慰问物资'],
    }
    return { name, kind, partyOrgName: `${name}${org}`, resources: resources[name] ?? ['党员志愿者', '会议室共享'] }
  }),
  { name: '镇宁顺达物流有限公司', kind: 'newField', partyOrgName: '镇宁顺达物流有限公司党支部', resources: ['快递小哥兼职网格员', '爱心物资免费配送'] },
  { name: '镇宁自治县个体私营经济协会', kind: 'newField', partyOrgName: '镇宁自治县个体私营经济协会党支部', resources: ['商户参与爱心超市', '就业岗位信息'] },
]

export interface DemoUnitsInput {
  asOf: Date
  asOfYear: number
  countyCode: string
  communityCode: string
  /** the community account that confirmed (北街's bj_sq) */
  communityUserId: number
  /** the demo's in-service members registered at 北街 (the first one is bj_dy) */
  members: { id: number; name: string; workUnit: string | null }[]
  /** the demo member account (bj_dy), who submitted their own registration */
  memberAccount: { id: number; partyMemberId: number }
  passwordHash: string
}

const DAY = 24 * 3600_000

/** Units, their registrations at 北街, the members' registrations, and the unit account `bj_dw`. */
export async function seedDemoUnits(tx: Db, pii: Pii, o: DemoUnitsInput): Promise<void> {
  const prng = new Prng('units')
  const unitTimeline = sharedTimeline('unitRegistration')
  const memberTimeline = sharedTimeline('registration')
  const by = (userId: number, role: string, name: string, at: Date): Pick<TimelineRecord, 'actorUserId' | 'actorRole' | 'actorName' | 'createdAt'> => ({
    actorUserId: userId,
    actorRole: role,
    actorName: name,
    createdAt: at,
  })
  const unitIds = new Map<string, number>()
  for (const [i, plan] of UNITS.entries()) {
    const unit = (await insertUnit(tx, {
      countyCode: o.countyCode,
      name: plan.name,
      kind: plan.kind,
      partyOrgName: plan.partyOrgName,
      contactName: null,
      contactPhone: `0851-3622${String(1000 + i * 37).slice(-4)}`,
      address: null,
      isDemo: true,
      createdAt: new Date(o.asOf.getTime() - 200 * DAY),
    }))!
    unitIds.set(plan.name, unit.id)
    // the last unit is still waiting for the community, so the ledger has something to confirm
    const waiting = i === UNITS.length - 1
    const submittedAt = new Date(o.asOf.getTime() - (waiting ? 2 : 180 - i * 3) * DAY)
    const decidedAt = waiting ? null : new Date(submittedAt.getTime() + 2 * DAY)
    const reg = (await insertUnitRegistration(tx, {
      unitId: unit.id,
      communityCode: o.communityCode,
      status: waiting ? 'submitted' : 'confirmed',
      termStart: `${o.asOfYear}-01-01`,
      termEnd: `${o.asOfYear + 1}-12-31`,
      resources: plan.resources,
      yearPlan: `${o.asOfYear} 年：每季度到北街社区开展一次主题党日活动，认领社区需求清单项目，在职党员参与楼栋包保和志愿服务。`,
      submittedByUserId: o.communityUserId,
      submittedAt,
      decidedAt,
      decidedByUserId: waiting ? null : o.communityUserId,
      updatedAt: decidedAt ?? submittedAt,
      ...(waiting ? {} : { version: 2 }),
    }))!
    await unitTimeline(tx, reg.id, { action: 'submit', fromStatus: null, toStatus: 'submitted', fields: { communityCode: o.communityCode }, ...by(o.communityUserId, 'community', '北街社区', submittedAt) })
    if (decidedAt) await unitTimeline(tx, reg.id, { action: 'confirm', fromStatus: 'submitted', toStatus: 'confirmed', fields: {}, ...by(o.communityUserId, 'community', '北街社区', decidedAt) })
  }

  // The members: each names the unit they work at; most confirmed, every seventh one still waiting.
  for (const [i, m] of o.members.entries()) {
    const unitName = m.workUnit && unitIds.has(m.workUnit) ? m.workUnit : UNITS[i % (UNITS.length - 1)]!.name
    const plan = UNITS.find((u) => u.name === unitName)!
    const waiting = i > 0 && i % 7 === 0
    const submittedAt = new Date(o.asOf.getTime() - (waiting ? 1 + (i % 3) : 150 - i * 2) * DAY)
    const decidedAt = waiting ? null : new Date(submittedAt.getTime() + DAY)
    const own = m.id === o.memberAccount.partyMemberId
    const submitter = own ? o.memberAccount.id : o.communityUserId
    const phone = `139${String(8500_0000 + i * 7919).padStart(8, '0')}`
    const row = (await insertRegistration(tx, {
      partyMemberId: m.id,
      communityCode: o.communityCode,
      status: waiting ? 'submitted' : 'confirmed',
      unitId: unitIds.get(unitName)!,
      workUnit: unitName,
      partyOrgName: plan.partyOrgName,
      phoneEnc: pii.encrypt(phone),
      phoneIdx: pii.blindIndex(phone),
      post: prng.pick(POSTS),
      skills: prng.chance(0.5) ? prng.pick(['水电维修', '法律咨询', '心理疏导', '摄影宣传', '急救', '书法', '电脑维修']) : null,
      submittedByUserId: submitter,
      submittedAt,
      decidedAt,
      decidedByUserId: waiting ? null : o.communityUserId,
      updatedAt: decidedAt ?? submittedAt,
      ...(waiting ? {} : { version: 2 }),
    }))!
    await memberTimeline(tx, row.id, {
      action: 'submit',
      fromStatus: null,
      toStatus: 'submitted',
      fields: { communityCode: o.communityCode },
      ...by(submitter, own ? 'partyMember' : 'community', own ? m.name : '北街社区', submittedAt),
    })
    if (decidedAt) await memberTimeline(tx, row.id, { action: 'confirm', fromStatus: 'submitted', toStatus: 'confirmed', fields: {}, ...by(o.communityUserId, 'community', '北街社区', decidedAt) })
  }

  // 报到单位 login: the 县人民医院's party committee.
  const hospital = unitIds.get('镇宁自治县人民医院')!
  await insertAccount(tx, {
    username: 'bj_dw',
    passwordHash: o.passwordHash,
    role: 'unit',
    scope: `unit:${hospital}`,
    displayName: `${short('镇宁自治县人民医院')}党委`,
    passwordChangedAt: o.asOf,
    createdAt: o.asOf,
    isDemo: true,
  })
}
