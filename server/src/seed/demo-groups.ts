/**
 * 特殊人群 demo for 北街社区: the care groups typed from the demo residents' tags (独居老人 低保 残疾 退役军人
 * 留守儿童, and 高龄 from birth dates), each with its kind's details, and a few managed-group records (2 社区矫正,
 * 2 刑满释放, 1 严重精神障碍) so the pages of 综治中心 (hc_zz) and 司法所 (hc_sfs) are alive. Deterministic (seeded
 * PRNG); the people are invented, like every demo person.
 */
import type { Db } from '../db/client'
import type { Pii } from '../lib/pii'
import { Prng } from '../lib/prng'
import { insertDemoSpecialGroups, listDemoResidentsForGroups, type DemoSpecialGroup } from '../modules/special-groups'
import type { SpecialGroupKind } from '#contracts/ledger-names'

const TAG_KINDS: Record<string, SpecialGroupKind> = {
  独居老人: 'elderlyAlone',
  低保: 'minimumLiving',
  残疾: 'disabled',
  退役军人: 'veteran',
  留守儿童: 'leftBehindChild',
}
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '吴']
const phone = (prng: Prng) => `139${String(prng.int(10_000_000, 99_999_999))}`
const day = (d: Date) => d.toISOString().slice(0, 10)
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000)

function careDetails(prng: Prng, kind: SpecialGroupKind): Record<string, unknown> {
  switch (kind) {
    case 'elderlyAlone':
      return { emergencyContactName: `${prng.pick(SURNAMES)}${prng.pick(['建国', '秀英', '小红', '志强'])}`, emergencyContactPhone: phone(prng) }
    case 'minimumLiving':
      return { certificateNo: `镇低保〔2025〕${prng.int(100, 999)}号`, memberCount: prng.int(1, 4) }
    case 'disabled':
      return { grade: prng.pick(['一级', '二级', '三级', '四级']), type: prng.pick(['视力', '听力', '肢体', '智力', '精神']), certificateNo: `5204231${prng.int(100000, 999999)}` }
    case 'veteran':
      return { type: prng.pick(['退役士兵', '退役士兵', '伤残军人', '烈属']) }
    case 'leftBehindChild':
      return { guardianName: `${prng.pick(SURNAMES)}奶奶`, guardianRelation: '祖母', parentsWorkplace: prng.pick(['广东东莞', '浙江义乌', '福建泉州']) }
    default:
      return {}
  }
}

export async function seedDemoGroups(db: Db, pii: Pii, o: { communityCode: string; asOf: Date }): Promise<void> {
  const prng = new Prng('beijie-special-groups')
  const people = await listDemoResidentsForGroups(db, o.communityCode)
  const year = o.asOf.getUTCFullYear()
  const ageOf = (birth: string | null) => (birth ? year - Number(birth.slice(0, 4)) : 0)
  const rows: DemoSpecialGroup[] = []
  const since = (minDays: number, maxDays: number) => day(addDays(o.asOf, -prng.int(minDays, maxDays)))
  for (const p of people) {
    for (const tag of p.tags) {
      const kind = TAG_KINDS[tag]
      if (!kind) continue
      rows.push({ residentId: p.id, gridCode: p.gridCode, kind, level: prng.chance(0.2) ? 'attention' : 'normal', details: careDetails(prng, kind), since: since(60, 1500) })
    }
    if (ageOf(p.birthDate) >= 80) rows.push({ residentId: p.id, gridCode: p.gridCode, kind: 'advancedAge', level: 'normal', details: {}, since: `${Number(p.birthDate!.slice(0, 4)) + 80}${p.birthDate!.slice(4)}` })
  }
  // the managed groups: adults with no care record, spread over the grids
  const adults = people.filter((p) => p.tags.length === 0 && ageOf(p.birthDate) >= 22 && ageOf(p.birthDate) <= 58)
  const chosen: typeof adults = []
  for (let i = 0; i < 5 && adults.length; i++) chosen.push(adults.splice(prng.int(0, adults.length - 1), 1)[0]!)
  const [c1, c2, r1, r2, m1] = chosen
  const termStart = since(90, 300)
  if (c1) rows.push({ residentId: c1.id, gridCode: c1.gridCode, kind: 'communityCorrection', level: 'key', since: termStart, details: { correctionType: '缓刑', termStart, termEnd: day(addDays(new Date(termStart), 730)), crime: '危险驾驶罪' } })
  if (c2) {
    const s = since(30, 200)
    rows.push({ residentId: c2.id, gridCode: c2.gridCode, kind: 'communityCorrection', level: 'attention', since: s, details: { correctionType: '假释', termStart: s, termEnd: day(addDays(new Date(s), 400)), crime: '盗窃罪' } })
  }
  if (r1) {
    const s = since(100, 900)
    rows.push({ residentId: r1.id, gridCode: r1.gridCode, kind: 'released', level: 'normal', since: s, details: { releasedOn: s, crime: '诈骗罪', resettled: true } })
  }
  if (r2) {
    const s = since(20, 120)
    rows.push({ residentId: r2.id, gridCode: r2.gridCode, kind: 'released', level: 'attention', since: s, details: { releasedOn: s, crime: '故意伤害罪', resettled: false } })
  }
  if (m1) rows.push({ residentId: m1.id, gridCode: m1.gridCode, kind: 'severeMental', level: 'key', since: since(300, 2000), details: { riskLevel: 2, guardianName: `${m1.name.slice(0, 1)}${prng.pick(['桂兰', '国华', '明'])}`, guardianPhone: phone(prng) } })
  await insertDemoSpecialGroups(db, pii, rows, o.asOf)
}
