/**
 * 实有人口 demo for 北街社区: every person gets the GB/T 31000 fields (民族 — 镇宁 is a 布依族苗族 autonomous county —,
 * 政治面貌, 学历, 婚姻, 与户主关系, 户籍地址, 人户一致, 职业), a mix of 户籍 / 流动 / 境外 people, each household its
 * head (户主) and use (自住 / 出租 / 空置), and the residence history of the last months: some people moved in
 * recently, a few moved within the community, a few moved out, one died — so the monthly tables and the person
 * card are alive. Deterministic (seeded PRNG); writes through the population module's demo writes.
 */
import type { Db } from '../db/client'
import { addDays, shanghaiDate } from '../lib/time'
import { Prng } from '../lib/prng'
import type { Pii } from '../lib/pii'
import { openStays, populationDemo } from '../modules/population'

const FLOATING_HOMETOWNS = ['四川省南充市顺庆区', '云南省曲靖市麒麟区', '贵州省毕节市七星关区', '重庆市綦江区', '湖南省怀化市鹤城区', '贵州省遵义市汇川区']
const FOREIGN = [
  { nationality: 'VNM', place: '越南河内' },
  { nationality: 'MMR', place: '缅甸仰光' },
]
const OCCUPATIONS = ['个体经营', '企业职工', '教师', '医护人员', '务工', '公务员', '自由职业', '无业']
const WORKPLACES = ['镇宁县人民医院', '镇宁县城关一小', '环翠街道办事处', '黄果树旅游集团', '城关农贸市场', '镇宁县供电局', '个体商铺']
const MOVE_OUT_NOTES = ['迁往贵阳市观山湖区', '随子女迁往安顺市西秀区', '外出务工（广东省东莞市）', '购房迁往镇宁县城南新区', '迁往六盘水市钟山区']

const ageOf = (birthDate: string | null, today: string) => (birthDate ? Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4)) : 40)

function relationCodeOf(relation: string | null, gender: string | null): string {
  switch (relation) {
    case 'householder':
      return '02'
    case 'spouse':
      return gender === 'female' ? '12' : '11'
    case 'child':
      return gender === 'female' ? '30' : '20'
    case 'parent':
      return gender === 'female' ? '52' : '51'
    default:
      return '97'
  }
}

function educationOf(prng: Prng, age: number): string {
  if (age < 7) return '90'
  if (age < 13) return '80'
  if (age < 16) return '70'
  if (age >= 65) return prng.weighted([['81', 4], ['71', 3], ['83', 2], ['61', 1]] as const)
  return prng.weighted([['21', 3], ['31', 3], ['61', 2], ['71', 2], ['44', 1], ['14', 0.5]] as const)
}

function maritalOf(prng: Prng, age: number): string {
  if (age < 22) return '10'
  if (age >= 70 && prng.chance(0.3)) return '30'
  return prng.weighted([['20', 8], ['10', 1], ['40', 0.6], ['22', 0.4]] as const)
}

export async function seedDemoPopulation(db: Db, pii: Pii, o: { asOf: Date; communityCode: string }): Promise<void> {
  const prng = new Prng('beijie-population')
  const today = shanghaiDate(o.asOf)
  const people = await populationDemo.listPeopleRows(db, { placePrefix: o.communityCode, limit: 100_000 })
  const heads: { householdId: number; residentId: number }[] = []
  const byHousehold = new Map<number, typeof people>()
  for (const r of people) {
    const h = r.resident.householdId
    if (h !== null) byHousehold.set(h, [...(byHousehold.get(h) ?? []), r])
  }

  // a household is floating or foreign as a whole (a rented room), most are 户籍
  const kindOfHousehold = new Map<number, 'registered' | 'floating' | 'overseas'>()
  for (const h of [...byHousehold.keys()].sort((a, b) => a - b)) {
    kindOfHousehold.set(h, prng.weighted([['registered', 80], ['floating', 17], ['overseas', 2]] as const))
  }
  await populationDemo.setHouseholdOccupancy(
    db,
    [...kindOfHousehold].filter(([, k]) => k !== 'registered').map(([h]) => h),
    'rented',
  )

  let passport = 10_000_000
  const facts: populationDemo.PersonFacts[] = []
  for (const r of people) {
    const p = r.resident
    const age = ageOf(p.birthDate, today)
    const kind = (p.householdId !== null ? kindOfHousehold.get(p.householdId) : undefined) ?? 'registered'
    const relationCode = relationCodeOf(p.relation, p.gender)
    if (relationCode === '02' && p.householdId !== null) heads.push({ householdId: p.householdId, residentId: p.id })
    const foreign = kind === 'overseas' ? prng.pick(FOREIGN) : null
    const sameAsHukou = kind === 'registered' ? !prng.chance(0.08) : false
    const passportNo = foreign ? `E${++passport}` : null
    facts.push({
      id: p.id,
      residenceType: kind,
      relationCode,
      ethnicity: kind === 'overseas' ? null : prng.weighted([['01', 62], ['09', 26], ['06', 10], ['15', 2]] as const),
      politicalStatus: age < 14 ? '13' : age < 28 && prng.chance(0.4) ? '03' : prng.chance(0.09) ? '01' : '13',
      education: educationOf(prng, age),
      maritalStatus: maritalOf(prng, age),
      nationality: foreign?.nationality ?? 'CHN',
      idType: foreign ? 'passport' : 'idCard',
      idNumberEnc: passportNo ? pii.encrypt(passportNo) : null,
      idNumberIdx: passportNo ? pii.blindIndex(passportNo) : null,
      hukouAddress: foreign ? foreign.place : kind === 'floating' ? prng.pick(FLOATING_HOMETOWNS) : sameAsHukou ? (r.address ?? null) : '镇宁自治县城关镇',
      sameAsHukou,
      occupation: age < 18 ? '学生' : age >= 62 ? '退休' : prng.pick(OCCUPATIONS),
      workplace: age >= 18 && age < 62 ? prng.pick(WORKPLACES) : null,
      tags: kind === 'floating' && !p.tags.includes('流动人口') ? [...p.tags, '流动人口'] : p.tags,
    })
  }
  await populationDemo.updatePeopleFacts(db, facts)
  await populationDemo.setHouseholdHeads(db, heads)

  // the last months: floating and foreign households moved in recently; a few people came back or arrived
  const present = people.filter((r) => r.resident.status === 'present')
  for (const r of present) {
    const kind = r.resident.householdId !== null ? kindOfHousehold.get(r.resident.householdId) : undefined
    if (kind === 'registered' && !prng.chance(0.04)) continue
    const stay = await populationDemo.findOpenStay(db, r.resident.id)
    if (stay) await populationDemo.updateStayStart(db, stay.id, { fromDate: addDays(today, -prng.int(10, 300)), startReason: 'moveIn' })
  }

  // a few moved within the community (户间变动): the card shows both stays
  const adults = present.filter((r) => r.resident.relation === 'child' && ageOf(r.resident.birthDate, today) >= 22)
  const households = [...byHousehold.keys()].sort((a, b) => a - b)
  const moved = new Set<number>()
  for (let i = 0; i < 3 && i < adults.length; i++) {
    const r = adults[(i * 37) % adults.length]!
    if (moved.has(r.resident.id)) continue
    const to = households[(households.indexOf(r.resident.householdId!) + 11 + i) % households.length]!
    const toPeople = byHousehold.get(to) ?? []
    const date = addDays(today, -prng.int(20, 120))
    const stay = await populationDemo.findOpenStay(db, r.resident.id)
    if (!stay || stay.fromDate > date || toPeople.length === 0) continue
    await populationDemo.closeStay(db, stay.id, { toDate: date, endReason: 'transfer', note: '婚后另立户' })
    const u = await populationDemo.updatePersonVersioned(db, r.resident.id, undefined, { householdId: to, gridCode: toPeople[0]!.resident.gridCode, relationCode: '99', relation: 'other' })
    if (u) await openStays(db, [u], { fromDate: date, reason: 'transfer' })
    moved.add(r.resident.id)
  }

  // a few moved out, one died (an elderly person living alone if there is one)
  const leavers = present.filter((r) => !moved.has(r.resident.id) && r.resident.relation !== 'householder' && ageOf(r.resident.birthDate, today) >= 18)
  for (let i = 0; i < 5 && i < leavers.length; i++) {
    const r = leavers[(i * 53 + 7) % leavers.length]!
    if (moved.has(r.resident.id)) continue
    const stay = await populationDemo.findOpenStay(db, r.resident.id)
    const date = addDays(today, -prng.int(5, 150))
    if (!stay || stay.fromDate > date) continue
    await populationDemo.closeStay(db, stay.id, { toDate: date, endReason: 'moveOut', note: MOVE_OUT_NOTES[i % MOVE_OUT_NOTES.length]! })
    await populationDemo.updatePersonVersioned(db, r.resident.id, undefined, { status: 'movedOut' })
    moved.add(r.resident.id)
  }
  const elderly = present.filter((r) => !moved.has(r.resident.id) && ageOf(r.resident.birthDate, today) >= 80)
  const dead = elderly.find((r) => r.resident.tags.includes('独居老人')) ?? elderly[0]
  if (dead) {
    const stay = await populationDemo.findOpenStay(db, dead.resident.id)
    const date = addDays(today, -prng.int(15, 60))
    if (stay && stay.fromDate <= date) {
      await populationDemo.closeStay(db, stay.id, { toDate: date, endReason: 'death', note: '病故' })
      await populationDemo.updatePersonVersioned(db, dead.resident.id, undefined, { status: 'deceased' })
      if (dead.resident.householdId !== null) await populationDemo.clearHouseholdHead(db, dead.resident.householdId, dead.resident.id)
    }
  }
}
