/**
 * 导出 of a table the page shows, through the shared table export (POST /exports/table): the rows are the ones
 * the server already returned to the page (masked there), the headers are the page's Chinese column titles, and
 * the server writes the .xlsx with the exporter's watermark line and records an audit row.
 */
import { useMutation } from '@tanstack/react-query'
import type { PageOf } from '#contracts/common'
import type { ExportTableBody } from '#contracts/exports'
import { downloadPost, get, type Query } from '../../shared/api'

type Cell = string | number | null

/** The most rows one export carries (the contract's limit). */
export const EXPORT_MAX_ROWS = 5000

export interface ExportColumn<T> {
  header: string
  value: (row: T) => Cell | undefined
}

/** A paged list: every page of `query` on `path` (the page's own API and filter), up to EXPORT_MAX_ROWS rows. */
export interface PagedSource {
  path: string
  query: Query
}

export interface TableExport<T> {
  title: string
  /** 口径、地点与期间 — the filter in words */
  note?: string
  columns: ExportColumn<T>[]
  rows: readonly T[] | PagedSource
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s)

/** Posts a table to the shared export and saves the .xlsx. */
export function postTableExport(body: ExportTableBody): Promise<void> {
  return downloadPost('/exports/table', { ...body, title: clip(body.title, 60), ...(body.note ? { note: clip(body.note, 200) } : {}) }, `${clip(body.title, 60)}.xlsx`)
}

/** Every page of a list as the page asks for it (limit 100, cursor), stopping at `max` rows. */
export async function fetchAllPages<T>(path: string, query: Query, max = EXPORT_MAX_ROWS): Promise<{ items: T[]; more: boolean }> {
  const items: T[] = []
  let cursor: string | undefined
  for (;;) {
    const page = await get<PageOf<T>>(path, { ...query, limit: 100, cursor, withTotal: undefined })
    items.push(...page.items)
    if (items.length >= max) return { items: items.slice(0, max), more: items.length > max || page.nextCursor !== null }
    if (!page.nextCursor) return { items, more: false }
    cursor = page.nextCursor
  }
}

/** The 导出 button's mutation: `exporting.mutate({ title, note, columns, rows })`. */
export function useTableExport<T>() {
  return useMutation({
    mutationFn: async ({ title, note, columns, rows }: TableExport<T>) => {
      let list: readonly T[]
      let more = false
      if ('path' in rows) ({ items: list, more } = await fetchAllPages<T>(rows.path, rows.query))
      else list = rows.slice(0, EXPORT_MAX_ROWS)
      const notes = [note, more ? `仅含前 ${EXPORT_MAX_ROWS} 条` : null].filter(Boolean).join('；')
      await postTableExport({
        title,
        ...(notes ? { note: notes } : {}),
        columns: columns.map((c, i) => ({ key: `c${i}`, header: c.header })),
        rows: list.map((r) =>
          Object.fromEntries(
            columns.map((c, i) => {
              const v = c.value(r) ?? null
              return [`c${i}`, typeof v === 'string' ? clip(v, 500) : v]
            }),
          ),
        ),
      })
    },
  })
}
