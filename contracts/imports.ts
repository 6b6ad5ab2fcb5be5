/**
 * The one Excel import pipeline (docs/ARCHITECTURE.md, "Excel"): every register imports through the same
 * routes — template, dry run with a row-level error report, all-or-nothing commit, status.
 */
import { IsoTime, Literals, Nullable, Obj, Type, Uuid, type Static } from './common'

/** A register's name in the URL: lowercase words joined by hyphens (party-member-registrations). */
export const RegisterParams = Obj({ register: Type.String({ pattern: '^[a-z][a-z0-9-]{1,40}$', description: '台账名（如 party-member-registrations）' }) })
export type RegisterParams = Static<typeof RegisterParams>

export const ImportIdParams = Obj({ importId: Uuid })
export type ImportIdParams = Static<typeof ImportIdParams>

export const RegisterImportParams = Obj({ register: RegisterParams.properties.register, importId: Uuid })
export type RegisterImportParams = Static<typeof RegisterImportParams>

export const IMPORT_STATUSES = ['checking', 'checked', 'committed', 'failed'] as const
export type ImportStatus = (typeof IMPORT_STATUSES)[number]
export const IMPORT_STATUS_NAMES: Record<ImportStatus, string> = {
  checking: '正在核对',
  checked: '已核对，待导入',
  committed: '已导入',
  failed: '核对失败',
}

/** One problem of one cell (or of a whole row when `column` is empty). Rows are the sheet's own row numbers. */
export const ImportRowError = Type.Object({
  row: Type.Integer({ description: '表格中的行号（与 Excel 左侧行号一致）' }),
  column: Type.String({ description: '列名（表头）；整行的问题为空' }),
  value: Type.String({ description: '单元格的值（身份证号、手机号已脱敏）' }),
  message: Type.String({ description: '原因' }),
})
export type ImportRowError = Static<typeof ImportRowError>

/** How a sheet's header maps to the register's columns. */
export const ImportMappingItem = Type.Object({
  header: Type.String({ description: '表格里的表头' }),
  key: Nullable(Type.String(), '对应的字段；null 表示忽略这一列'),
  column: Nullable(Type.String(), '对应字段的中文名'),
})
export type ImportMappingItem = Static<typeof ImportMappingItem>

/** How a sheet's header is compared with a column's header and aliases: no spaces, no required-marks (*), no notes in brackets, full-width folded. */
export function normalizeHeader(h: string): string {
  return h
    .normalize('NFKC')
    .replace(/\(.*?\)|（.*?）/g, '')
    .replace(/[\s*＊:：]/g, '')
    .toLowerCase()
}

export const ImportColumnInfo = Type.Object({
  key: Type.String(),
  header: Type.String(),
  aliases: Type.Optional(Type.Array(Type.String(), { description: '也可识别的其他表头' })),
  required: Type.Boolean(),
  note: Type.String({ description: '填写要求' }),
  options: Type.Optional(Type.Array(Type.String(), { description: '可选值（下拉）' })),
})
export type ImportColumnInfo = Static<typeof ImportColumnInfo>

/** GET /imports/:register — what the register's import expects (the wizard shows it and offers the mapping). */
export const ImporterInfo = Type.Object({
  register: Type.String(),
  title: Type.String(),
  columns: Type.Array(ImportColumnInfo),
  maxRows: Type.Integer(),
  maxBytes: Type.Integer(),
})
export type ImporterInfo = Static<typeof ImporterInfo>

/** The optional multipart field `mapping`: JSON object {表头: 字段 key (or "" to ignore)}. */
export const ImportMappingField = Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 60 }), { maxProperties: 100 })
export type ImportMappingField = Static<typeof ImportMappingField>

export const DryRunResult = Type.Object({
  importId: Uuid,
  register: Type.String(),
  total: Type.Integer({ description: '数据行数' }),
  valid: Type.Integer({ description: '无误的行数' }),
  errorCount: Type.Integer({ description: '错误条数（errors 最多列出 1000 条）' }),
  errors: Type.Array(ImportRowError),
  mapping: Type.Array(ImportMappingItem),
  /** the first rows as they will be imported (personal data masked) */
  sample: Type.Array(Type.Record(Type.String(), Type.String())),
  expiresAt: IsoTime,
})
export type DryRunResult = Static<typeof DryRunResult>

export const ImportCounts = Type.Object({
  inserted: Type.Integer({ description: '新增' }),
  updated: Type.Integer({ description: '更新' }),
  unchanged: Type.Integer({ description: '未变化（重复导入）' }),
})
export type ImportCounts = Static<typeof ImportCounts>

export const CommitResult = Type.Object({ importId: Uuid, register: Type.String(), total: Type.Integer(), ...ImportCounts.properties })
export type CommitResult = Static<typeof CommitResult>

export const ImportProgress = Type.Object({
  importId: Uuid,
  register: Type.String(),
  title: Type.String(),
  status: Literals(IMPORT_STATUSES),
  statusName: Type.String(),
  fileName: Nullable(Type.String()),
  /** rows read so far (while checking), then the total */
  processed: Type.Integer(),
  /** the data rows: while checking in the background, the count expected from the file (0 when unknown) */
  total: Type.Integer(),
  valid: Type.Integer(),
  errorCount: Type.Integer(),
  result: Nullable(ImportCounts),
  /** why a dry run that went on in the background stopped (status failed) */
  failure: Nullable(Type.String()),
  /** once checked: the dry run's report (as the dry run's 200 answer) */
  report: Type.Optional(DryRunResult),
  createdAt: IsoTime,
  committedAt: Nullable(IsoTime),
  expiresAt: IsoTime,
})
export type ImportProgress = Static<typeof ImportProgress>

/** The dry run's multipart body, for the API document (the route reads the parts itself). */
export const DryRunBodyDoc = {
  type: 'object',
  required: ['file'],
  properties: {
    file: { type: 'string', format: 'binary', description: '.xlsx 文件（≤ 20 MB，≤ 100,000 行；读取第一个工作表，第一行非空行为表头）' },
    mapping: { type: 'string', description: '可选，列对应关系 JSON：{"表头": "字段 key"}，"" 表示忽略该列' },
  },
}
