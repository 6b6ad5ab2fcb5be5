/**
 * 走访 demo for 北街社区: the county's visit frequencies (镇宁 520423), special-group records filed from the demo
 * residents' tags when no special-groups demo has filed any (so it runs after that demo), eight weeks of visits by
 * the grid workers of 第一、第二网格 (bj_wgy1, bj_wgy2) — mostly on time, some missed so a few subjects are overdue —
 * and one active door-knocking campaign of the county, 冬季独居老人敲门行动, due in two weeks and about half done (第三、
 * 第四网格's workers knocked for it too; the other grids have not started).
 * Deterministic (seeded PRNG).
 */
import type { Db } from '../db/client'
import { Prng } from '../lib/prng'
import { specialGroupCategory, type SpecialGroupKind } from '#contracts/ledger-names'
import { insertCampaign, insertVisits, upsertVisitRule } from '../modules/visits'
import { findAccountId, insertSpecialGroups, listActiveSpecialGroups, listTaggedResidents } from './queries'

const COUNTY = '520423'
const BEIJIE = '520423002013'
const DAY = 86_400_000

/** The demo county's frequencies in days. */
export const DEMO_VISIT_RULES: Record<string, number> = {
  elderlyAlone: 7,
  advancedAge: 30,
  minimumLiving: 30,
  extremePoverty: 30,
  disabled: 30,
  leftBehindChild: 30,
  veteran: 90,
  rental: 90,
  keyVenue: 30,
  communityCorrection: 30,
  released: 90,
  severeMental: 30,
}

const TAG_KINDS: Record<string, SpecialGroupKind> = { 独居老人: 'elderlyAlone', 低保: 'minimumLiving', 残疾: 'disabled', 退役军人: 'veteran', 留守儿童: 'leftBehindChild' }

const NOTES = {
  normal: ['身体状况良好，生活正常', '家中整洁，已提醒冬季用电安全', '老人精神不错，子女每周来电', '已宣传防诈骗知识', '生活正常，暂无需求'],
  absent: ['家中无人，已电话联系', '敲门无人应答，邻居称外出探亲'],
  problem: ['反映楼道灯不亮，已告知物业', '老人腿脚不便，希望有人帮忙买菜', '家中燃气灶老化，建议更换'],
} as const

export async function seedDemoVisits(db: Db, o: { asOf: Date }): Promise<void> {
  const { asOf } = o
  const prng = new Prng('beijie-visits')
  for (const [kind, frequencyDays] of Object.entries(DEMO_VISIT_RULES)) {
    await upsertVisitRule(db, { countyCode: COUNTY, subjectKind: kind, frequencyDays, active: true, updatedAt: asOf })
  }

  // special groups from the tags, unless a special-groups demo filed them already
  if ((await listActiveSpecialGroups(db, BEIJIE)).length === 0) {
    const year = Number(new Date(asOf.getTime() + 8 * 3600_000).toISOString().slice(0, 4))
    const rows = []
    for (const r of await listTaggedResidents(db, BEIJIE)) {
      const kinds = new Set(r.tags.map((t) => TAG_KINDS[t]).filter((k): k is SpecialGroupKind => k !== undefined))
      if (r.birthDate && year - Number(r.birthDate.slice(0, 4)) >= 80) kinds.add('advancedAge')
      for (const kind of kinds) {
        const createdAt = new Date(asOf.getTime() - prng.int(90, 400) * DAY)
        rows.push({ residentId: r.id, gridCode: r.gridCode, kind, category: specialGroupCategory(kind), createdAt, since: createdAt.toISOString().slice(0, 10), isDemo: true })
      }
    }
    await insertSpecialGroups(db, rows)
  }

  const workers = [await findAccountId(db, 'bj_wgy1'), await findAccountId(db, 'bj_wgy2')]
  // 第三、第四网格 join the campaign only
  const knockers = [await findAccountId(db, 'bj_wgy3'), await findAccountId(db, 'bj_wgy4')]
  const countyUser = await findAccountId(db, 'zn_xian')
  const dayStart = (t: number) => t - ((t + 8 * 3600_000) % DAY)
  const today = dayStart(asOf.getTime())
  const start = today - 7 * DAY
  const campaign = await insertCampaign(db, {
    placeCode: COUNTY,
    name: '冬季独居老人敲门行动',
    subjectKind: 'elderlyAlone',
    startDate: new Date(start + 8 * 3600_000).toISOString().slice(0, 10),
    deadline: new Date(today + 14 * DAY + 8 * 3600_000).toISOString().slice(0, 10),
    note: '入冬前逐户走访独居老人，查看取暖、用电用气安全和身体状况',
    status: 'active',
    createdByUserId: countyUser ?? null,
    createdAt: new Date(start + 9 * 3600_000),
    isDemo: true,
  })

  // eight weeks of visits in 第一、第二网格: each subject on its frequency, a day or two either side; some missed
  const visits = []
  for (const g of await listActiveSpecialGroups(db, BEIJIE)) {
    const serial = Number(g.gridCode.slice(12))
    const worker = workers[serial - 1]
    const freq = DEMO_VISIT_RULES[g.kind]
    const knocker = knockers[serial - 3]
    if (knocker !== undefined && g.kind === 'elderlyAlone' && prng.chance(0.8)) {
      const at = new Date(start + prng.int(0, 6) * DAY + prng.int(9 * 60, 17 * 60) * 60_000)
      visits.push({
        subjectType: 'resident',
        subjectId: g.residentId,
        subjectKind: g.kind,
        residentId: g.residentId,
        householdId: g.householdId,
        gridCode: g.gridCode,
        visitorUserId: knocker,
        visitedAt: at,
        method: 'door',
        seenResidentIds: [g.residentId],
        outcome: 'normal',
        notes: '敲门行动：取暖设施正常，已张贴冬季安全提示',
        campaignId: campaign.id,
        isDemo: true,
        createdAt: at,
      })
    }
    if (worker === undefined || freq === undefined) continue
    const skipsLast = prng.chance(0.2)
    let day = today - 56 * DAY + prng.int(0, Math.min(freq, 20)) * DAY
    while (day < today) {
      const next = day + (freq + prng.int(-1, 2)) * DAY
      if (skipsLast && next >= today - 3 * DAY) break
      const outcome = prng.weighted([['normal', 85], ['absent', 9], ['problem', 6]] as const)
      const at = new Date(day + prng.int(9 * 60, 17 * 60) * 60_000)
      visits.push({
        subjectType: 'resident',
        subjectId: g.residentId,
        subjectKind: g.kind,
        residentId: g.residentId,
        householdId: g.householdId,
        gridCode: g.gridCode,
        visitorUserId: worker,
        visitedAt: at,
        method: prng.weighted([['door', 8], ['phone', 2]] as const),
        seenResidentIds: outcome === 'absent' ? [] : [g.residentId],
        outcome,
        notes: prng.pick(NOTES[outcome]),
        campaignId: g.kind === 'elderlyAlone' && day >= start ? campaign.id : null,
        isDemo: true,
        createdAt: at,
      })
      day = next
    }
  }
  await insertVisits(db, visits)
}
