/**
 * Demo 包保 for 北街社区: twenty-one in-service members (the demo 党员 bj_dy first) with confirmed registrations
 * pledge households floor by floor in nine buildings of every compound — the top floors left uncovered so coverage has
 * something to show, one member below the 5-household target — with visits over the last three months.
 * Deterministic (seeded PRNG); written through this module's queries.
 */
import type { Db } from '../../db/client'
import type { Pii } from '../../lib/pii'
import { Prng } from '../../lib/prng'
import { shanghaiDate, addDays } from '../../lib/time'
import { POSTS } from '#contracts/registrations'
import type { VISIT_SITUATIONS } from '#contracts/pledges'
import {
  ensureConfirmedRegistration,
  findAccountIdByUsername,
  insertPledge,
  insertVisits,
  listBuildingsOfCommunity,
  listHouseholdsOfBuilding,
  listInServiceMembersOf,
  setPledgeVisitSummary,
  upsertContact,
  type VisitInsert,
} from './queries'

const FINDINGS: Record<(typeof VISIT_SITUATIONS)[number], string[]> = {
  normal: ['家中一切正常，老人身体尚好', '了解近况，无特殊需求', '宣传防诈骗知识，住户表示了解', '住户对小区环境整治表示满意'],
  need: ['独居老人希望有人帮忙代购药品', '家中孩子暑期无人看护，希望参加社区托管', '住户反映家中水管老化，想找人维修'],
  hazard: ['楼道堆放杂物，已提醒住户清理', '发现电动车在楼道充电，已劝导'],
  dispute: ['与楼上邻居因漏水有矛盾，已转告网格员协调'],
}

/** Building indexes (in the community's building order) and how many members pledge in each. */
const PLAN: { building: number; members: number }[] = [
  { building: 0, members: 3 },
  { building: 1, members: 2 },
  { building: 6, members: 3 },
  { building: 7, members: 2 },
  { building: 12, members: 3 },
  { building: 13, members: 2 },
  { building: 22, members: 2 },
  { building: 28, members: 2 },
  { building: 29, members: 2 },
]

export async function seedDemoPledges(db: Db, pii: Pii, o: { communityCode: string; asOf: Date; communityUsername: string }): Promise<void> {
  const prng = new Prng('beijie-pledges')
  const userId = (await findAccountIdByUsername(db, o.communityUsername)) ?? 0
  const members = await listInServiceMembersOf(db, o.communityCode)
  const buildings = await listBuildingsOfCommunity(db, o.communityCode)
  const today = shanghaiDate(o.asOf)
  const since = addDays(today, -120)
  const startedAt = new Date(`${since}T10:00:00+08:00`)
  let m = 0
  for (const plan of PLAN) {
    const b = buildings[plan.building]
    if (!b) continue
    const households = await listHouseholdsOfBuilding(db, b.id)
    let next = 0
    for (let k = 0; k < plan.members; k++) {
      const member = members[m++]
      if (!member) return
      const regId = await ensureConfirmedRegistration(db, {
        partyMemberId: member.id,
        communityCode: o.communityCode,
        workUnit: member.workUnit ?? '县直机关',
        post: prng.pick(POSTS),
        userId,
        at: new Date(startedAt.getTime() - 7 * 86_400_000),
      })
      // the last member of the last building stays below the target (未达标)
      const n = plan === PLAN[PLAN.length - 1] && k === plan.members - 1 ? 3 : prng.int(5, 8)
      const mine = households.slice(next, next + n)
      next += n
      for (const h of mine) {
        const p = await insertPledge(db, {
          partyMemberId: member.id,
          registrationId: regId,
          communityCode: o.communityCode,
          householdId: h.id,
          gridCode: h.gridCode,
          buildingId: b.id,
          status: 'active',
          createdByUserId: userId,
          createdAt: startedAt,
          updatedAt: startedAt,
          isDemo: true,
        })
        if (!p) continue
        const visits: VisitInsert[] = []
        const count = prng.int(0, 3)
        for (let v = 0; v < count; v++) {
          const day = addDays(today, -prng.int(1, 100))
          const situation = prng.weighted([
            ['normal', 6],
            ['need', 2],
            ['hazard', 1],
            ['dispute', 1],
          ] as const)
          visits.push({
            pledgeId: p.id,
            partyMemberId: member.id,
            householdId: h.id,
            communityCode: o.communityCode,
            gridCode: h.gridCode,
            visitedOn: day,
            situation,
            finding: prng.pick(FINDINGS[situation]),
            recordedByUserId: null,
            recordedAt: new Date(`${day}T19:30:00+08:00`),
            isDemo: true,
          })
        }
        await insertVisits(db, visits)
        if (visits.length) await setPledgeVisitSummary(db, p.id, visits.map((v) => v.visitedOn).sort().at(-1)!, visits.length)
      }
      // most members agree to show their phone on the notice; some keep it masked
      if (prng.chance(0.7)) {
        const phone = `139${String(prng.int(0, 99_999_999)).padStart(8, '0')}`
        await upsertContact(db, { partyMemberId: member.id, phoneEnc: pii.encrypt(phone), phonePublic: prng.chance(0.8), updatedAt: startedAt })
      }
    }
  }
}
