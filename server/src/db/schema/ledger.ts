/**
 * The resident ledgers (台账, issue 13) beyond the base registry of places.ts / people.ts:
 * residence history (人口 moving in, out, deaths — nothing overwritten), rental housing (出租房屋) and its tenants,
 * places and units (单位场所: shops, 九小场所, key units), special groups (特殊人群: care and managed groups, typed
 * sensitive sub-records of a resident), and visits (走访): the county's visit rules, recorded visits and
 * door-knocking campaigns (敲门行动). Person fields (GB/T 31000) and a household's head / occupancy are columns of
 * `resident` and `household`. Code values are those of contracts/gb-codes.ts and contracts/ledger.ts.
 */
import { sql } from 'drizzle-orm'
import { bigint, bigserial, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core'
import { building, grid, household, region } from './places'
import { resident } from './people'

/**
 * 房屋用途变更: a room's use (自住 owner · 出租 rented · 空置 vacant · other) changed on `day`, from `fromUse` to `toUse`.
 * `household.occupancy` holds today's use; a past date's is the `fromUse` of the first change after it (or today's
 * when none came after), so a past month's housing table shows the split of that month's end.
 */
export const roomUseChange = pgTable(
  'room_use_change',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    householdId: bigint('household_id', { mode: 'number' })
      .notNull()
      .references(() => household.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    fromUse: text('from_use').notNull(),
    toUse: text('to_use').notNull(),
  },
  (t) => [index('room_use_change_household_day_idx').on(t.householdId, t.day, t.id)],
)

/**
 * 居住史: one row per stay of a person at an address. The current stay has `toDate` null; moving out, a
 * transfer to another household or a death closes it (endReason) and — for a transfer — opens the next.
 * The address is a snapshot, so a person's record shows where they lived even after the room is re-let.
 */
export const residenceHistory = pgTable(
  'residence_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    residentId: bigint('resident_id', { mode: 'number' })
      .notNull()
      .references(() => resident.id),
    householdId: bigint('household_id', { mode: 'number' }).references(() => household.id),
    gridCode: varchar('grid_code', { length: 15 })
      .notNull()
      .references(() => grid.code),
    address: text('address').notNull(),
    /** GB/T 4761 与户主关系 while at this address */
    relationCode: varchar('relation_code', { length: 2 }),
    /** registered 户籍 · floating 流动 · overseas 境外 while at this address */
    residenceType: text('residence_type').notNull(),
    fromDate: date('from_date').notNull(),
    toDate: date('to_date'),
    /** initial (登记) · moveIn (迁入/入住) · birth (出生) · import (台账导入) · transfer (户内/户间变动) */
    startReason: text('start_reason').notNull(),
    /** moveOut (迁出/搬离) · death (死亡) · transfer */
    endReason: text('end_reason'),
    /** where to, cause of death … as the worker wrote it */
    note: text('note'),
    recordedByUserId: bigint('recorded_by_user_id', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('residence_history_resident_idx').on(t.residentId, t.fromDate),
    index('residence_history_grid_idx').on(t.gridCode),
    // at most one open stay per person
    uniqueIndex('residence_history_open_uq').on(t.residentId).where(sql`to_date is null`),
  ],
)

/** 出租房屋: a let room (household row) with its landlord; tenants are residents (rental_tenant). */
export const rental = pgTable(
  'rental',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    householdId: bigint('household_id', { mode: 'number' })
      .notNull()
      .references(() => household.id),
    gridCode: varchar('grid_code', { length: 15 })
      .notNull()
      .references(() => grid.code),
    /** the landlord, when a resident of the register */
    landlordResidentId: bigint('landlord_resident_id', { mode: 'number' }).references(() => resident.id),
    landlordName: text('landlord_name').notNull(),
    landlordPhoneEnc: text('landlord_phone_enc'),
    landlordPhoneIdx: text('landlord_phone_idx'),
    landlordIdNumberEnc: text('landlord_id_number_enc'),
    landlordIdNumberIdx: text('landlord_id_number_idx'),
    /** residence 居住 · business 经营 · mixed 居住兼经营 · dormitory 集体宿舍 */
    purpose: text('purpose').notNull().default('residence'),
    startDate: date('start_date').notNull(),
    endDate: date('end_date'),
    /** active · ended */
    status: text('status').notNull().default('active'),
    /** 治安责任书 signed */
    securityPledgeSigned: boolean('security_pledge_signed').notNull().default(false),
    note: text('note'),
    version: integer('version').notNull().default(1),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('rental_grid_idx').on(t.gridCode),
    index('rental_household_idx').on(t.householdId),
    uniqueIndex('rental_household_active_uq').on(t.householdId).where(sql`status = 'active'`),
  ],
)

export const rentalTenant = pgTable(
  'rental_tenant',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    rentalId: bigint('rental_id', { mode: 'number' })
      .notNull()
      .references(() => rental.id),
    residentId: bigint('resident_id', { mode: 'number' })
      .notNull()
      .references(() => resident.id),
    fromDate: date('from_date').notNull(),
    toDate: date('to_date'),
  },
  (t) => [index('rental_tenant_rental_idx').on(t.rentalId), index('rental_tenant_resident_idx').on(t.residentId)],
)

/**
 * 单位场所: shops, restaurants, 九小场所, enterprises and key units (安全生产 / 消防 / 治安重点), each with a
 * responsible person and a grid.
 */
export const venue = pgTable(
  'venue',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    gridCode: varchar('grid_code', { length: 15 })
      .notNull()
      .references(() => grid.code),
    buildingId: bigint('building_id', { mode: 'number' }).references(() => building.id),
    name: text('name').notNull(),
    /** shop 商铺 · restaurant 餐饮 · smallVenue 九小场所 · enterprise 企业 · institution 机关事业单位 · other */
    kind: text('kind').notNull(),
    /** 九小场所 type (contracts/ledger.ts SMALL_VENUE_TYPES) when kind = smallVenue */
    smallVenueType: text('small_venue_type'),
    /** key-unit flags: safety 安全生产 · fire 消防 · security 治安 */
    keyTypes: text('key_types').array().notNull().default(sql`'{}'::text[]`),
    address: text('address').notNull(),
    /** 统一社会信用代码 (18 characters) */
    creditCode: varchar('credit_code', { length: 18 }),
    responsibleName: text('responsible_name').notNull(),
    responsiblePhoneEnc: text('responsible_phone_enc'),
    responsiblePhoneIdx: text('responsible_phone_idx'),
    employees: integer('employees'),
    /** open 在营 · closed 停业/注销 */
    status: text('status').notNull().default('open'),
    closedAt: date('closed_at'),
    note: text('note'),
    version: integer('version').notNull().default(1),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('venue_grid_idx').on(t.gridCode),
    index('venue_kind_idx').on(t.kind),
    uniqueIndex('venue_credit_code_uq').on(t.creditCode).where(sql`credit_code is not null`),
  ],
)

/**
 * 特殊人群: a typed, sensitive sub-record of a resident. Care groups (关爱: 独居老人 高龄 低保 特困 残疾 退役军人/优抚
 * 留守儿童) and managed groups (管控/服务管理: 社区矫正 刑满释放 严重精神障碍 吸毒 重点青少年); which roles see which
 * kind is the policy's (permissions/policies/special-group.ts). `details` holds the kind's own fields (disability
 * grade, correction term, guardian …), `since`/`until` the period; ending a record keeps it.
 */
export const specialGroup = pgTable(
  'special_group',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    residentId: bigint('resident_id', { mode: 'number' })
      .notNull()
      .references(() => resident.id),
    /** the resident's grid when recorded (scope of the record; follows the person on a move) */
    gridCode: varchar('grid_code', { length: 15 })
      .notNull()
      .references(() => grid.code),
    /** contracts/ledger.ts SPECIAL_GROUP_KINDS */
    kind: text('kind').notNull(),
    /** care · managed (derived from kind, kept for scoping queries) */
    category: text('category').notNull(),
    /** normal 一般 · attention 关注 · key 重点 */
    level: text('level').notNull().default('normal'),
    details: jsonb('details').notNull().default({}),
    since: date('since'),
    until: date('until'),
    /** active · ended */
    status: text('status').notNull().default('active'),
    endReason: text('end_reason'),
    note: text('note'),
    version: integer('version').notNull().default(1),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdByUserId: bigint('created_by_user_id', { mode: 'number' }),
  },
  (t) => [
    index('special_group_resident_idx').on(t.residentId),
    index('special_group_grid_kind_idx').on(t.gridCode, t.kind),
    uniqueIndex('special_group_active_uq').on(t.residentId, t.kind).where(sql`status = 'active'`),
  ],
)

/**
 * 走访频次: per county, how often each kind of subject is visited — a special group kind (elderlyAlone …),
 * `rental` (出租房屋), `keyVenue` (重点单位场所) or `household` (every household). Absent: not on visit lists.
 */
export const visitRule = pgTable(
  'visit_rule',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    countyCode: varchar('county_code', { length: 6 })
      .notNull()
      .references(() => region.code),
    subjectKind: text('subject_kind').notNull(),
    frequencyDays: integer('frequency_days').notNull(),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('visit_rule_county_kind_uq').on(t.countyCode, t.subjectKind)],
)

/** 敲门行动: the county (or a street) picks a subject kind and a deadline; every grid gets its list. */
export const visitCampaign = pgTable(
  'visit_campaign',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** the place the campaign covers (county 6 or street 9 digits) */
    placeCode: varchar('place_code', { length: 12 })
      .notNull()
      .references(() => region.code),
    name: text('name').notNull(),
    /** what is knocked on: a visit rule's subject kinds */
    subjectKind: text('subject_kind').notNull(),
    startDate: date('start_date').notNull(),
    deadline: date('deadline').notNull(),
    /** active · closed */
    status: text('status').notNull().default('active'),
    note: text('note'),
    createdByUserId: bigint('created_by_user_id', { mode: 'number' }),
    version: integer('version').notNull().default(1),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('visit_campaign_place_idx').on(t.placeCode)],
)

/**
 * 走访记录: one visit to one subject (a person, a household, a rental, a venue), by a grid worker, on H5 in one
 * screen. What was found may raise an appeal or a need (their ids kept here) and update the register
 * (`registerChanges`: what the visit changed, e.g. a person moved out, a new tenant).
 */
export const visit = pgTable(
  'visit',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** resident · household · rental · venue */
    subjectType: text('subject_type').notNull(),
    subjectId: bigint('subject_id', { mode: 'number' }).notNull(),
    /** the visit-rule kind the subject was listed under (elderlyAlone, rental …), or null for an ad-hoc visit */
    subjectKind: text('subject_kind'),
    /** the person visited (resident subjects) and the household (when known): the person card's link */
    residentId: bigint('resident_id', { mode: 'number' }).references(() => resident.id),
    householdId: bigint('household_id', { mode: 'number' }).references(() => household.id),
    gridCode: varchar('grid_code', { length: 15 })
      .notNull()
      .references(() => grid.code),
    visitorUserId: bigint('visitor_user_id', { mode: 'number' }).notNull(),
    visitedAt: timestamp('visited_at', { withTimezone: true }).notNull(),
    /** door 入户 · phone 电话 · video 视频 · outside 户外偶遇 */
    method: text('method').notNull().default('door'),
    /** who was seen (residents of the household) */
    seenResidentIds: bigint('seen_resident_ids', { mode: 'number' }).array().notNull().default(sql`'{}'::bigint[]`),
    /** normal 一切正常 · problem 发现问题 · absent 未见到人 */
    outcome: text('outcome').notNull(),
    notes: text('notes'),
    appealId: bigint('appeal_id', { mode: 'number' }),
    needId: bigint('need_id', { mode: 'number' }),
    campaignId: bigint('campaign_id', { mode: 'number' }).references(() => visitCampaign.id),
    registerChanges: jsonb('register_changes').notNull().default([]),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('visit_subject_idx').on(t.subjectType, t.subjectId, t.visitedAt),
    index('visit_grid_time_idx').on(t.gridCode, t.visitedAt),
    index('visit_resident_idx').on(t.residentId),
    index('visit_campaign_idx').on(t.campaignId),
  ],
)
