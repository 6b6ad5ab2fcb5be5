/** Places: the administrative tree (county → street → community), grids, buildings, households, 十联户. */
import { sql } from 'drizzle-orm'
import {
  bigserial,
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core'

/** 行政区划: county (6 digits), street (9), community (12). */
export const region = pgTable(
  'region',
  {
    code: varchar('code', { length: 12 }).primaryKey(),
    name: text('name').notNull(),
    /** county | street | community */
    level: text('level').notNull(),
    /** 街道 · 镇 · 乡 · 社区 · 村 (or 县/区/市 for counties) */
    kind: text('kind').notNull(),
    parentCode: varchar('parent_code', { length: 12 }),
    /** dot-joined codes from the county down, e.g. 520423.520423002.520423002013 */
    path: text('path').notNull(),
    provinceCode: varchar('province_code', { length: 2 }).notNull(),
    cityCode: varchar('city_code', { length: 4 }).notNull(),
    /** counties only: the prefix of appeal numbers (ZN for 镇宁) */
    numberPrefix: text('number_prefix'),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [index('region_parent_idx').on(t.parentCode), index('region_path_idx').on(sql`${t.path} text_pattern_ops`)],
)

/** 网格: community code + 3-digit serial; codes are never reused once retired. */
export const grid = pgTable(
  'grid',
  {
    code: varchar('code', { length: 15 }).primaryKey(),
    communityCode: varchar('community_code', { length: 12 })
      .notNull()
      .references(() => region.code),
    serial: integer('serial').notNull(),
    name: text('name').notNull(),
    /** 多网合一: the functions this one grid carries */
    functions: text('functions').array().notNull().default(sql`'{}'::text[]`),
    /** optional GeoJSON Polygon/MultiPolygon */
    boundary: jsonb('boundary'),
    path: text('path').notNull(),
    householdCount: integer('household_count').notNull().default(0),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [uniqueIndex('grid_community_serial_uq').on(t.communityCode, t.serial)],
)

/** 物业公司 */
export const propertyCompany = pgTable('property_company', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  name: text('name').notNull(),
  creditCode: text('credit_code'),
  countyCode: varchar('county_code', { length: 6 }).notNull(),
  contactPhone: text('contact_phone'),
  version: integer('version').notNull().default(1),
  isDemo: boolean('is_demo').notNull().default(false),
})

/** 小区 */
export const compound = pgTable(
  'compound',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    communityCode: varchar('community_code', { length: 12 })
      .notNull()
      .references(() => region.code),
    name: text('name').notNull(),
    address: text('address'),
    propertyCompanyId: bigint('property_company_id', { mode: 'number' }).references(() => propertyCompany.id),
    version: integer('version').notNull().default(1),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [index('compound_community_idx').on(t.communityCode)],
)

/** 楼栋 */
export const building = pgTable(
  'building',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    gridCode: varchar('grid_code', { length: 15 })
      .notNull()
      .references(() => grid.code),
    compoundId: bigint('compound_id', { mode: 'number' }).references(() => compound.id),
    name: text('name').notNull(),
    address: text('address'),
    floors: integer('floors'),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    version: integer('version').notNull().default(1),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [index('building_grid_idx').on(t.gridCode)],
)

/** 单元 */
export const buildingUnit = pgTable(
  'building_unit',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    buildingId: bigint('building_id', { mode: 'number' })
      .notNull()
      .references(() => building.id),
    name: text('name').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('building_unit_building_idx').on(t.buildingId)],
)

/** 十联户: about ten neighbouring households and their leader (联户长). */
export const householdGroup = pgTable(
  'household_group',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    gridCode: varchar('grid_code', { length: 15 })
      .notNull()
      .references(() => grid.code),
    name: text('name').notNull(),
    leaderResidentId: bigint('leader_resident_id', { mode: 'number' }),
    version: integer('version').notNull().default(1),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [index('household_group_grid_idx').on(t.gridCode)],
)

/** 户 */
export const household = pgTable(
  'household',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    gridCode: varchar('grid_code', { length: 15 })
      .notNull()
      .references(() => grid.code),
    buildingId: bigint('building_id', { mode: 'number' }).references(() => building.id),
    unitId: bigint('unit_id', { mode: 'number' }).references(() => buildingUnit.id),
    groupId: bigint('group_id', { mode: 'number' }).references(() => householdGroup.id),
    room: text('room'),
    address: text('address').notNull(),
    /** 户主: a resident of this household (实有人口) */
    headResidentId: bigint('head_resident_id', { mode: 'number' }),
    /** 实有房屋: owner 自住 · rented 出租 · vacant 空置 · other 其他 (a rented room has an active `rental`) */
    occupancy: text('occupancy').notNull().default('owner'),
    version: integer('version').notNull().default(1),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [
    index('household_grid_idx').on(t.gridCode),
    index('household_building_idx').on(t.buildingId),
    index('household_group_idx').on(t.groupId),
  ],
)
