/** People and organisations: residents, party organisations and members, departments, teams. */
import { sql } from 'drizzle-orm'
import { bigint, bigserial, boolean, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core'
import { grid, household, region } from './places'

/** 居民. ID number and phone are encrypted at rest, with a blind index (HMAC) for exact lookup. */
export const resident = pgTable(
  'resident',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    householdId: bigint('household_id', { mode: 'number' }).references(() => household.id),
    gridCode: varchar('grid_code', { length: 15 })
      .notNull()
      .references(() => grid.code),
    name: text('name').notNull(),
    /** male | female */
    gender: text('gender'),
    birthDate: date('birth_date'),
    idNumberEnc: text('id_number_enc'),
    idNumberIdx: text('id_number_idx'),
    phoneEnc: text('phone_enc'),
    phoneIdx: text('phone_idx'),
    /** 独居老人 低保 残疾 退役军人 流动人口 留守儿童 … */
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    /** householder | spouse | child | parent | other */
    relation: text('relation'),
    // ---- 实有人口 person fields (GB/T 31000; codes of contracts/gb-codes.ts) -------------------------------
    /** registered 户籍 · floating 流动 · overseas 境外 */
    residenceType: text('residence_type').notNull().default('registered'),
    /** idCard 居民身份证 (GB 11643, checksum) · passport 护照 · other 其他证件 — the encrypted number above */
    idType: text('id_type').notNull().default('idCard'),
    /** 国籍 (ISO 3166-1 alpha-3; CHN unless 境外) */
    nationality: varchar('nationality', { length: 3 }).notNull().default('CHN'),
    /** 民族 GB/T 3304 */
    ethnicity: varchar('ethnicity', { length: 2 }),
    /** 政治面貌 GB/T 4762 */
    politicalStatus: varchar('political_status', { length: 2 }),
    /** 学历 GB/T 4658 */
    education: varchar('education', { length: 2 }),
    /** 婚姻状况 GB/T 2261.2 */
    maritalStatus: varchar('marital_status', { length: 2 }),
    /** 与户主关系 GB/T 4761 */
    relationCode: varchar('relation_code', { length: 2 }),
    /** 户籍地址 (详址) */
    hukouAddress: text('hukou_address'),
    /** 人户一致: lives where the hukou is */
    sameAsHukou: boolean('same_as_hukou').notNull().default(true),
    occupation: text('occupation'),
    workplace: text('workplace'),
    /** present 在住 · movedOut 已迁出 · deceased 已死亡 — history in residence_history */
    status: text('status').notNull().default('present'),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('resident_grid_idx').on(t.gridCode),
    index('resident_household_idx').on(t.householdId),
    index('resident_id_number_idx').on(t.idNumberIdx),
    index('resident_phone_idx').on(t.phoneIdx),
    index('resident_name_idx').on(sql`${t.name} text_pattern_ops`),
  ],
)

/**
 * 党组织 tree attached to places: streetWorkingCommittee (街道党工委) → communityCommittee
 * (社区党委/总支/支部) → gridBranch (网格党支部) | gridGroup (网格党小组) → buildingGroup (楼栋党小组).
 */
export const partyOrg = pgTable(
  'party_org',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    parentId: bigint('parent_id', { mode: 'number' }),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    /** the region or grid code it is attached to */
    placeCode: varchar('place_code', { length: 15 }).notNull(),
    buildingId: bigint('building_id', { mode: 'number' }),
    version: integer('version').notNull().default(1),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [
    index('party_org_place_idx').on(t.placeCode),
    index('party_org_parent_idx').on(t.parentId),
    // a grid has one 网格党小组: the one the iron triangle (铁三角) names
    uniqueIndex('party_org_grid_group_uq').on(t.placeCode).where(sql`kind = 'gridGroup'`),
  ],
)

/** 党员: inService (在职), retired (无职/离退休), migrant (流动). */
export const partyMember = pgTable(
  'party_member',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    residentId: bigint('resident_id', { mode: 'number' }).references(() => resident.id),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    partyOrgId: bigint('party_org_id', { mode: 'number' }).references(() => partyOrg.id),
    workUnit: text('work_unit'),
    /** phone and ID number, encrypted with a blind index: how an imported sheet finds a member again */
    phoneEnc: text('phone_enc'),
    phoneIdx: text('phone_idx'),
    idNumberEnc: text('id_number_enc'),
    idNumberIdx: text('id_number_idx'),
    /** the community where the member has registered (双报到) */
    communityCode: varchar('community_code', { length: 12 })
      .notNull()
      .references(() => region.code),
    version: integer('version').notNull().default(1),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [
    index('party_member_community_idx').on(t.communityCode),
    index('party_member_id_number_idx').on(t.idNumberIdx),
    index('party_member_phone_idx').on(t.phoneIdx),
  ],
)

/** County departments that a street can whistle in (街道吹哨、部门报到). */
export const department = pgTable('department', {
  code: text('code').primaryKey(),
  countyCode: varchar('county_code', { length: 6 })
    .notNull()
    .references(() => region.code),
  name: text('name').notNull(),
  version: integer('version').notNull().default(1),
  isDemo: boolean('is_demo').notNull().default(false),
})

/** Volunteer or service teams a community can dispatch to. */
export const team = pgTable('team', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  communityCode: varchar('community_code', { length: 12 })
    .notNull()
    .references(() => region.code),
  name: text('name').notNull(),
  /** 队伍类型 (contracts/volunteers.ts TEAM_KINDS): vanguard 党员先锋队 · wish 微心愿服务队 · mediation 纠纷调解队 · knock 敲门队 · volunteer 志愿服务队 */
  kind: text('kind').notNull().default('volunteer'),
  /** 队长: an account of the team's community; may publish and run the team's activities */
  leaderUserId: bigint('leader_user_id', { mode: 'number' }),
  version: integer('version').notNull().default(1),
  isDemo: boolean('is_demo').notNull().default(false),
})

export const teamMember = pgTable(
  'team_member',
  {
    teamId: bigint('team_id', { mode: 'number' })
      .notNull()
      .references(() => team.id),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('team_member_user_idx').on(t.userId)],
)
