/**
 * 三张清单: needs (需求清单), resources (资源清单) and projects (项目清单) with their links and photos.
 * contracts/lists-workflow.ts holds the workflow tables.
 */
import { sql } from 'drizzle-orm'
import { bigint, bigserial, boolean, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core'
import { appeal } from './appeals'
import { grid, region } from './places'
import { file } from './system'

export const need = pgTable(
  'need',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    communityCode: varchar('community_code', { length: 12 })
      .notNull()
      .references(() => region.code),
    gridCode: varchar('grid_code', { length: 15 }).references(() => grid.code),
    /** the grid's code, or the community's for a community-wide need: "under X" is one prefix match */
    placeCode: varchar('place_code', { length: 15 }).notNull(),
    title: text('title').notNull(),
    description: text('description'),
    category: text('category').notNull(),
    /** resident · gridWorker · visit · appeal */
    source: text('source').notNull(),
    beneficiaries: text('beneficiaries'),
    beneficiaryCount: integer('beneficiary_count'),
    appealId: bigint('appeal_id', { mode: 'number' }).references(() => appeal.id),
    /** the project it is part of (set while in_project and after) */
    projectId: bigint('project_id', { mode: 'number' }),
    status: text('status').notNull(),
    version: integer('version').notNull().default(1),
    raisedByUserId: bigint('raised_by_user_id', { mode: 'number' }),
    raisedByName: text('raised_by_name').notNull(),
    raisedByRole: text('raised_by_role').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [
    index('need_place_idx').on(t.placeCode, t.createdAt.desc(), t.id.desc()),
    index('need_raised_by_idx').on(t.raisedByUserId),
    index('need_project_idx').on(t.projectId),
    // an appeal becomes at most one need
    uniqueIndex('need_appeal_uidx').on(t.appealId).where(sql`${t.appealId} IS NOT NULL`),
  ],
)

export const resource = pgTable(
  'resource',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    communityCode: varchar('community_code', { length: 12 })
      .notNull()
      .references(() => region.code),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    quantity: text('quantity'),
    /** department · unit · community, and the department's code, the unit's id or the community's code */
    ownerKind: text('owner_kind').notNull(),
    ownerId: text('owner_id').notNull(),
    ownerName: text('owner_name').notNull(),
    status: text('status').notNull(),
    version: integer('version').notNull().default(1),
    createdByUserId: bigint('created_by_user_id', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [
    index('resource_community_idx').on(t.communityCode, t.createdAt.desc(), t.id.desc()),
    index('resource_owner_idx').on(t.ownerKind, t.ownerId),
  ],
)

export const project = pgTable(
  'project',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    communityCode: varchar('community_code', { length: 12 })
      .notNull()
      .references(() => region.code),
    title: text('title').notNull(),
    description: text('description'),
    status: text('status').notNull(),
    version: integer('version').notNull().default(1),
    /** the date it must be done by (the community's wish, then the claimant's promise at start) */
    deadline: date('deadline', { mode: 'string' }),
    /** 认领: department · unit, and the department's code or the unit's id */
    claimantKind: text('claimant_kind'),
    claimantId: text('claimant_id'),
    claimantName: text('claimant_name'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    /** 项目负责人 */
    owner: text('owner'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    summary: text('summary'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    createdByUserId: bigint('created_by_user_id', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [
    index('project_community_idx').on(t.communityCode, t.createdAt.desc(), t.id.desc()),
    index('project_claimant_idx').on(t.claimantKind, t.claimantId),
  ],
)

export const projectNeed = pgTable(
  'project_need',
  {
    projectId: bigint('project_id', { mode: 'number' })
      .notNull()
      .references(() => project.id),
    needId: bigint('need_id', { mode: 'number' })
      .notNull()
      .references(() => need.id),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.needId] }), index('project_need_need_idx').on(t.needId)],
)

export const projectResource = pgTable(
  'project_resource',
  {
    projectId: bigint('project_id', { mode: 'number' })
      .notNull()
      .references(() => project.id),
    resourceId: bigint('resource_id', { mode: 'number' })
      .notNull()
      .references(() => resource.id),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.resourceId] }), index('project_resource_resource_idx').on(t.resourceId)],
)

/** Progress and completion photos (完成佐证) of a project. */
export const projectFile = pgTable(
  'project_file',
  {
    projectId: bigint('project_id', { mode: 'number' })
      .notNull()
      .references(() => project.id),
    fileId: uuid('file_id')
      .notNull()
      .references(() => file.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.fileId] }), index('project_file_file_idx').on(t.fileId)],
)
