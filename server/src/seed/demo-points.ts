/**
 * 党建+积分 demo for 北街社区: the ledger is credited from the demo's own recorded service — the volunteers'
 * checked-out sign-ups (their credited hours), the pledged-household visits and the fulfilled wishes of members
 * with an account — priced by the county's rules as a check-out, a visit or a fulfilment credits them; then a
 * few awards and redemptions and last month's confirmed 红黑榜 (modules/points seedPointsDemo). Runs after the
 * volunteers, wishes and pledges demos.
 */
import type { Db } from '../db/client'
import { seedPointsDemo, type ServiceCredit } from '../modules/points'
import { listRecordedService } from './queries'

const BEIJIE = '520423002013'

export async function seedDemoPoints(db: Db, o: { asOf: Date }): Promise<void> {
  const { signups, visits, wishes } = await listRecordedService(db, BEIJIE)
  const services: ServiceCredit[] = [
    ...signups.map((s) => ({
      earnerUserId: s.userId,
      communityCode: BEIJIE,
      source: { kind: 'activity' as const, id: s.id },
      quantity: s.hours!,
      occurredAt: s.at!,
      reason: `参加“${s.title}”志愿服务 ${s.hours} 小时`,
    })),
    ...visits.map((v) => ({
      earnerUserId: v.userId,
      communityCode: BEIJIE,
      source: { kind: 'visit' as const, id: v.id },
      quantity: 1,
      occurredAt: new Date(`${v.visitedOn}T12:00:00+08:00`),
      reason: `走访包保户（${v.buildingName ?? v.gridName}）`,
    })),
    ...wishes.map((w) => ({
      earnerUserId: w.userId,
      communityCode: BEIJIE,
      source: { kind: 'wish' as const, id: w.id },
      quantity: 1,
      occurredAt: w.at!,
      reason: `完成微心愿：${w.title}`,
    })),
  ]
  await seedPointsDemo(db, { asOf: o.asOf, communityCode: BEIJIE, keeperUsername: 'bj_sq', services })
}
