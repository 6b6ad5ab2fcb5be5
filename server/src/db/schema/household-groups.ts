/**
 * 十联户 leaders' consent (issue 13): whether a 联户长 agreed to have their phone printed in full on the building's
 * 十联户 list (as a party member does for the 三亮 notice). Without a row, or with `phonePublic` false, the list masks
 * it. Keyed by the person: the consent follows them whichever group they lead.
 */
import { bigint, boolean, pgTable, timestamp } from 'drizzle-orm/pg-core'
import { resident } from './people'

export const householdLeaderContact = pgTable('household_leader_contact', {
  residentId: bigint('resident_id', { mode: 'number' })
    .primaryKey()
    .references(() => resident.id),
  /** agreed to show the phone in full on the printed 十联户 list */
  phonePublic: boolean('phone_public').notNull().default(false),
  /** the community account that recorded the consent */
  recordedByUserId: bigint('recorded_by_user_id', { mode: 'number' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})
