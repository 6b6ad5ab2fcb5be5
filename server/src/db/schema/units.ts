/** 双报到: units (报到单位) of a county and their registrations at communities (contracts/units.ts holds the workflow). */
import { bigint, bigserial, boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { region } from './places'

/** A unit (机关、企事业单位、新兴领域组织) with its party organisation; recorded once per county. */
export const partyUnit = pgTable(
  'party_unit',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    countyCode: varchar('county_code', { length: 6 })
      .notNull()
      .references(() => region.code),
    name: text('name').notNull(),
    /** organ · institution · enterprise · newField */
    kind: text('kind').notNull(),
    partyOrgName: text('party_org_name').notNull(),
    contactName: text('contact_name'),
    /** the unit's office number: not personal data, kept plain like a property company's */
    contactPhone: text('contact_phone'),
    address: text('address'),
    version: integer('version').notNull().default(1),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('party_unit_county_name_uidx').on(t.countyCode, t.name)],
)

/** A unit's registration at a community with its pairing agreement (共驻共建协议). */
export const unitRegistration = pgTable(
  'unit_registration',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    unitId: bigint('unit_id', { mode: 'number' })
      .notNull()
      .references(() => partyUnit.id),
    communityCode: varchar('community_code', { length: 12 })
      .notNull()
      .references(() => region.code),
    status: text('status').notNull(),
    version: integer('version').notNull().default(1),
    termStart: date('term_start').notNull(),
    termEnd: date('term_end').notNull(),
    /** resources offered: venues, funds, skills, volunteers, goods … one line each */
    resources: text('resources').array().notNull().default(sql`'{}'::text[]`),
    yearPlan: text('year_plan'),
    submittedByUserId: bigint('submitted_by_user_id', { mode: 'number' }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedByUserId: bigint('decided_by_user_id', { mode: 'number' }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('unit_registration_community_idx').on(t.communityCode, t.submittedAt.desc(), t.id.desc()),
    index('unit_registration_unit_idx').on(t.unitId),
    // one live registration of a unit at a community
    uniqueIndex('unit_registration_live_uidx')
      .on(t.unitId, t.communityCode)
      .where(sql`${t.status} IN ('submitted', 'confirmed')`),
  ],
)
