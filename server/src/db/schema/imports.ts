/**
 * The Excel import pipeline's staging (core/excel/import*.ts): one `import_batch` per uploaded sheet (its dry run's
 * report, progress and, once committed, its counts) and its checked rows in `import_row`, kept until the batch
 * expires (housekeeping deletes it; the audit row stays the record of a commit).
 */
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core'

export const importBatch = pgTable(
  'import_batch',
  {
    id: uuid('id').primaryKey(),
    /** the register's name (party-member-registrations …) */
    register: text('register').notNull(),
    /** checking · checked · committed · failed */
    status: text('status').notNull(),
    createdByUserId: bigint('created_by_user_id', { mode: 'number' }).notNull(),
    /** the importer's place scope when it uploaded */
    placeCode: varchar('place_code', { length: 15 }),
    fileName: text('file_name'),
    processed: integer('processed').notNull().default(0),
    total: integer('total').notNull().default(0),
    valid: integer('valid').notNull().default(0),
    errorCount: integer('error_count').notNull().default(0),
    /** the first 1000 row errors [{row, column, value, message}] */
    errors: jsonb('errors').notNull().default([]),
    /** [{header, key, column}] */
    mapping: jsonb('mapping').notNull().default([]),
    /** {inserted, updated, unchanged} once committed */
    result: jsonb('result'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    committedAt: timestamp('committed_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('import_batch_expires_idx').on(t.expiresAt)],
)

export const importRow = pgTable(
  'import_row',
  {
    importId: uuid('import_id')
      .notNull()
      .references(() => importBatch.id, { onDelete: 'cascade' }),
    /** the sheet's own row number */
    rowNo: integer('row_no').notNull(),
    /** the row as the register will publish it (personal data already encrypted, with blind indexes) */
    data: jsonb('data').notNull(),
    /** how many problems the row has (0: ready) */
    errorCount: integer('error_count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.importId, t.rowNo] })],
)
