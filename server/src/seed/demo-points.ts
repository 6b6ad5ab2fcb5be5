/**
 * 党建+积分 demo for 北街社区: accounts for a few of its registered in-service party members (bj_dy2 …
 * bj_dy7, the demo password), then the points module's demo ledger and last month's confirmed 红黑榜.
 */
import type { Db } from '../db/client'
import { seedPointsDemo } from '../modules/points'
import { insertAccount } from './queries'

const BEIJIE = '520423002013'
const BEIJIE_PATH = '520423.520423002.520423002013'

export async function seedDemoPoints(
  db: Db,
  o: { asOf: Date; passwordHash: string; members: { id: number; name: string }[] },
): Promise<void> {
  for (const [i, m] of o.members.entries()) {
    // an account someone else already made under this name is left as it is
    await insertAccount(db, {
      username: `bj_dy${i + 2}`,
      passwordHash: o.passwordHash,
      role: 'partyMember',
      scope: BEIJIE_PATH,
      displayName: m.name,
      partyMemberId: m.id,
      passwordChangedAt: o.asOf,
      createdAt: o.asOf,
      isDemo: true,
    })
  }
  await seedPointsDemo(db, { asOf: o.asOf, communityCode: BEIJIE, keeperUsername: 'bj_sq' })
}
