/**
 * 台账导入: the one set of import routes every register shares. The registers' importers (declared by their
 * domain modules, listed in app.ts) are looked up by name; the pipeline itself is the core's (core/excel).
 */
import type { ImporterInfo } from '#contracts/imports'
import type { Ctx } from '../../context'
import { columnNote, importTemplate, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, templateAttachment, type AnyImporter } from '../../core/excel/index'
import { AppError } from '../../errors'

export interface ImporterRegistry {
  /** the register's importer, or 404 */
  get(register: string): AnyImporter
  /** the register's importer, or undefined */
  find(register: string): AnyImporter | undefined
}

export function importerRegistry(importers: readonly AnyImporter[]): ImporterRegistry {
  const byName = new Map(importers.map((i) => [i.register, i]))
  if (byName.size !== importers.length) throw new Error('two importers share a register name')
  return {
    get(register) {
      const i = byName.get(register)
      if (!i) throw new AppError('NOT_FOUND', '没有这种台账的导入')
      return i
    },
    find: (register) => byName.get(register),
  }
}

/** GET /imports/:register/columns — what the register's sheet holds (the wizard's mapping step). */
export function importerInfo(ctx: Ctx, importer: AnyImporter): ImporterInfo {
  importer.authorize(ctx.actor)
  return {
    register: importer.register,
    title: importer.title,
    columns: importer.columns.map((c) => ({
      key: c.key,
      header: c.header,
      required: c.required ?? false,
      ...(c.aliases?.length ? { aliases: [...c.aliases] } : {}),
      note: columnNote(c),
      ...(c.options ? { options: c.options.map((o) => o.label) } : {}),
    })),
    maxRows: MAX_IMPORT_ROWS,
    maxBytes: MAX_IMPORT_BYTES,
  }
}

/** GET /imports/:register/template — the register's template (.xlsx), for those who may import into it. */
export async function templateOf(ctx: Ctx, importer: AnyImporter): Promise<{ bytes: Buffer; disposition: string }> {
  importer.authorize(ctx.actor)
  return { bytes: await importTemplate(importer), disposition: templateAttachment(importer) }
}

/** The optional `mapping` field: a JSON object {表头: 字段} ('' ignores a column). */
export function parseMapping(text: string): Record<string, string> {
  let v: unknown
  try {
    v = JSON.parse(text)
  } catch {
    throw new AppError('IMPORT_BAD_MAPPING', '列对应关系不是合法的 JSON')
  }
  if (!v || typeof v !== 'object' || Array.isArray(v) || Object.values(v).some((x) => typeof x !== 'string')) {
    throw new AppError('IMPORT_BAD_MAPPING', '列对应关系应为 {表头: 字段} 的形式')
  }
  return v as Record<string, string>
}
