/** 包保: party members' household pledges, their visits, and the contact a member shows on the 三亮 notice (contracts/pledges.ts). */
import { sql } from 'drizzle-orm'
import { bigint, bigserial, boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core'
import { partyMember } from './people'
import { building, household } from './places'
import { partyRegistration } from './registrations'

export const householdPledge = pgTable(
  'household_pledge',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    partyMemberId: bigint('party_member_id', { mode: 'number' })
      .notNull()
      .references(() => partyMember.id),
    /** the confirmed registration (双报到) the pledge hangs from */
    registrationId: bigint('registration_id', { mode: 'number' })
      .notNull()
      .references(() => partyRegistration.id),
    communityCode: varchar('community_code', { length: 12 }).notNull(),
    householdId: bigint('household_id', { mode: 'number' })
      .notNull()
      .references(() => household.id),
    /** the household's grid and building when pledged (scoped queries, the notice) */
    gridCode: varchar('grid_code', { length: 15 }).notNull(),
    buildingId: bigint('building_id', { mode: 'number' }).references(() => building.id),
    /** active | ended */
    status: text('status').notNull(),
    version: integer('version').notNull().default(1),
    createdByUserId: bigint('created_by_user_id', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endedByUserId: bigint('ended_by_user_id', { mode: 'number' }),
    /** released | transferred */
    endReason: text('end_reason'),
    lastVisitedOn: date('last_visited_on'),
    visitCount: integer('visit_count').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [
    // one member per household: a second active pledge of the same household cannot be written
    uniqueIndex('household_pledge_active_uidx').on(t.householdId).where(sql`${t.status} = 'active'`),
    index('household_pledge_member_idx').on(t.partyMemberId, t.status),
    index('household_pledge_grid_idx').on(t.gridCode, t.status),
    index('household_pledge_building_idx').on(t.buildingId),
  ],
)

/** 走访: a member's visit to a pledged household — service residents feel (it counts for points and the boards). */
export const pledgeVisit = pgTable(
  'pledge_visit',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    pledgeId: bigint('pledge_id', { mode: 'number' })
      .notNull()
      .references(() => householdPledge.id),
    partyMemberId: bigint('party_member_id', { mode: 'number' }).notNull(),
    householdId: bigint('household_id', { mode: 'number' }).notNull(),
    communityCode: varchar('community_code', { length: 12 }).notNull(),
    gridCode: varchar('grid_code', { length: 15 }).notNull(),
    visitedOn: date('visited_on').notNull(),
    /** normal | need | hazard | dispute */
    situation: text('situation').notNull(),
    finding: text('finding').notNull(),
    note: text('note'),
    /** an appeal raised about what was found (linked, not created here) */
    appealId: bigint('appeal_id', { mode: 'number' }),
    recordedByUserId: bigint('recorded_by_user_id', { mode: 'number' }),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [
    index('pledge_visit_pledge_idx').on(t.pledgeId, t.visitedOn.desc()),
    index('pledge_visit_member_idx').on(t.partyMemberId, t.visitedOn.desc()),
    index('pledge_visit_community_idx').on(t.communityCode, t.visitedOn.desc()),
  ],
)

/** The phone a member shows on the 三亮 notice, and whether they agreed to show it in full. */
export const pledgeContact = pgTable('pledge_contact', {
  partyMemberId: bigint('party_member_id', { mode: 'number' })
    .primaryKey()
    .references(() => partyMember.id),
  phoneEnc: text('phone_enc'),
  phonePublic: boolean('phone_public').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
})
