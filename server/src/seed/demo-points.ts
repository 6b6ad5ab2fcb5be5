/**
 * 党建+积分 demo for 北街社区: the points module's demo ledger over the accounts of its registered in-service
 * party members (bj_dy2 … bj_dy7, made in demo.ts) and last month's confirmed 红黑榜.
 */
import type { Db } from '../db/client'
import { seedPointsDemo } from '../modules/points'

const BEIJIE = '520423002013'

export async function seedDemoPoints(db: Db, o: { asOf: Date }): Promise<void> {
  await seedPointsDemo(db, { asOf: o.asOf, communityCode: BEIJIE, keeperUsername: 'bj_sq' })
}
