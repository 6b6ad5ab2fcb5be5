/** 微心愿: residents' small wishes and their fulfilment photos (contracts/wishes-workflow.ts holds the workflow). */
import { bigint, bigserial, boolean, index, integer, pgTable, primaryKey, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core'
import { resident, partyMember } from './people'
import { grid, region } from './places'
import { file } from './system'
import { partyUnit } from './units'

export const wish = pgTable(
  'wish',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    communityCode: varchar('community_code', { length: 12 })
      .notNull()
      .references(() => region.code),
    gridCode: varchar('grid_code', { length: 15 }).references(() => grid.code),
    /** the grid's code, or the community's: "under X" is one prefix match */
    placeCode: varchar('place_code', { length: 15 }).notNull(),
    title: text('title').notNull(),
    description: text('description'),
    category: text('category').notNull(),
    /** elderly · children · difficulty · disabled */
    beneficiaryGroup: text('beneficiary_group').notNull(),
    residentId: bigint('resident_id', { mode: 'number' }).references(() => resident.id),
    /** the full name: never on the public wall (which shows 王**) */
    beneficiaryName: text('beneficiary_name').notNull(),
    status: text('status').notNull(),
    version: integer('version').notNull().default(1),
    claimantPartyMemberId: bigint('claimant_party_member_id', { mode: 'number' }).references(() => partyMember.id),
    /** a 报到单位 paired with the community may claim instead of a member: one claimant, the member or the unit */
    claimantUnitId: bigint('claimant_unit_id', { mode: 'number' }).references(() => partyUnit.id),
    claimantName: text('claimant_name'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    fulfilledAt: timestamp('fulfilled_at', { withTimezone: true }),
    fulfilNote: text('fulfil_note'),
    rating: integer('rating'),
    thanks: text('thanks'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    publishedByUserId: bigint('published_by_user_id', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [
    index('wish_place_idx').on(t.placeCode, t.createdAt.desc(), t.id.desc()),
    index('wish_claimant_idx').on(t.claimantPartyMemberId),
    index('wish_claimant_unit_idx').on(t.claimantUnitId),
    index('wish_resident_idx').on(t.residentId),
  ],
)

/** Fulfilment photos of a wish. */
export const wishFile = pgTable(
  'wish_file',
  {
    wishId: bigint('wish_id', { mode: 'number' })
      .notNull()
      .references(() => wish.id),
    fileId: uuid('file_id')
      .notNull()
      .references(() => file.id),
  },
  (t) => [primaryKey({ columns: [t.wishId, t.fileId] }), index('wish_file_file_idx').on(t.fileId)],
)
