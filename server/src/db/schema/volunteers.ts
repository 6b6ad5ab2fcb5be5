/** 志愿服务: activities published by a community or a team, their sign-ups and attendance (contracts/volunteers.ts holds the workflows). */
import { sql } from 'drizzle-orm'
import { bigint, bigserial, boolean, doublePrecision, index, integer, pgTable, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core'
import { region } from './places'
import { team } from './people'

export const volunteerActivity = pgTable(
  'volunteer_activity',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    communityCode: varchar('community_code', { length: 12 })
      .notNull()
      .references(() => region.code),
    /** the organiser team (its leader may run the activity), or none: the community itself */
    teamId: bigint('team_id', { mode: 'number' }).references(() => team.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    venue: text('venue').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** capacity: volunteers for 定时/错时, residents' bookings for 预约 */
    slots: integer('slots').notNull(),
    /** sign-ups holding a slot (signedUp, checkedIn, completed): kept in the sign-up's transaction, checked against slots */
    taken: integer('taken').notNull().default(0),
    /** fixed 定时 · afterHours 错时 · booking 预约 */
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    version: integer('version').notNull().default(1),
    /** the code shown at the venue (as a QR code) with which a volunteer checks in and out */
    checkInCode: varchar('check_in_code', { length: 8 }).notNull(),
    createdByUserId: bigint('created_by_user_id', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [
    index('volunteer_activity_community_idx').on(t.communityCode, t.startsAt.desc(), t.id.desc()),
    index('volunteer_activity_team_idx').on(t.teamId),
  ],
)

/** 报名: one person's sign-up for an activity — as a volunteer, or as a resident booking the service (预约). */
export const volunteerSignup = pgTable(
  'volunteer_signup',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    activityId: bigint('activity_id', { mode: 'number' })
      .notNull()
      .references(() => volunteerActivity.id),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    /** volunteer · resident (a booking of a 预约 activity) */
    role: text('role').notNull(),
    /** the account's party member or resident, kept for the figures per unit */
    partyMemberId: bigint('party_member_id', { mode: 'number' }),
    residentId: bigint('resident_id', { mode: 'number' }),
    status: text('status').notNull(),
    version: integer('version').notNull().default(1),
    signedUpAt: timestamp('signed_up_at', { withTimezone: true }).notNull(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    checkedOutAt: timestamp('checked_out_at', { withTimezone: true }),
    /** hours credited at check-out (or corrected by the organiser): multiples of 0.5 */
    hours: doublePrecision('hours'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [
    index('volunteer_signup_activity_idx').on(t.activityId),
    index('volunteer_signup_user_idx').on(t.userId),
    // one live sign-up of a person for an activity
    uniqueIndex('volunteer_signup_live_uidx').on(t.activityId, t.userId).where(sql`${t.status} <> 'cancelled'`),
  ],
)
