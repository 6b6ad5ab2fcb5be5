/** 双报到: in-service party members' registrations at communities (contracts/registrations.ts holds the workflow). */
import { bigint, bigserial, index, integer, pgTable, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { partyMember } from './people'
import { region } from './places'

export const partyRegistration = pgTable(
  'party_registration',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    partyMemberId: bigint('party_member_id', { mode: 'number' })
      .notNull()
      .references(() => partyMember.id),
    communityCode: varchar('community_code', { length: 12 })
      .notNull()
      .references(() => region.code),
    status: text('status').notNull(),
    version: integer('version').notNull().default(1),
    workUnit: text('work_unit').notNull(),
    /** 所在党组织: the member's party organisation as written (often the work unit's branch) */
    partyOrgName: text('party_org_name'),
    /** 五大员 post: publicity · mediation · engineering · volunteer · civility */
    post: text('post'),
    skills: text('skills'),
    submittedByUserId: bigint('submitted_by_user_id', { mode: 'number' }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedByUserId: bigint('decided_by_user_id', { mode: 'number' }),
    /** the registration at the new community this one was transferred to */
    transferredToId: bigint('transferred_to_id', { mode: 'number' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('party_registration_community_idx').on(t.communityCode, t.submittedAt.desc(), t.id.desc()),
    index('party_registration_member_idx').on(t.partyMemberId),
    // one live registration of a member at a community
    uniqueIndex('party_registration_live_uidx')
      .on(t.partyMemberId, t.communityCode)
      .where(sql`${t.status} IN ('submitted', 'confirmed')`),
  ],
)
