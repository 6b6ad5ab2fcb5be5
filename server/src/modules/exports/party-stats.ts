/**
 * 党建引领 figures as .xlsx: the figures of the place and one row per community or grid, computed by the
 * stats module for the caller (same scope and period rules as the 统计 page), under the watermark line
 * naming the exporter, with the one-line summary as the note; the export itself is an audit row.
 */
import type { PartyStatsQuery } from '#contracts/party-stats'
import { PARTY_FIGURE_COLUMNS } from '#contracts/party-figure-names'
import type { Ctx } from '../../context'
import { attachmentHeader, writeXlsx, xlsxStream, type Cell, type ExcelColumn } from '../../core/excel/index'
import { recordAudit } from '../../core'
import { addDays } from '../../lib/time'
import { getPartyStats } from '../stats'
import { metaOf } from './service'

export const PARTY_STATS_COLUMNS: ExcelColumn[] = [
  { key: 'place', header: '地点', width: 20 },
  ...PARTY_FIGURE_COLUMNS.map((c) => ({ key: c.key, header: c.header, width: Math.max(10, c.header.length * 2 + 2) })),
]

export async function exportPartyStats(ctx: Ctx, q: PartyStatsQuery, onError: (e: unknown) => void): Promise<{ filename: string; stream: NodeJS.ReadableStream }> {
  // computed before the download starts, so a refusal (403, 404, 422) is an ordinary error response
  const stats = await getPartyStats(ctx, q)
  const period = stats.from ? `${stats.from} 至 ${addDays(stats.to, -1)}` : `累计至 ${addDays(stats.to, -1)}`
  const meta = await metaOf(ctx, `党建引领统计（${stats.scope.name}）`, `统计期间 ${period}；报到、包保、超期截至 ${stats.asOf}。${stats.summary}`)
  await recordAudit(ctx, ctx.db, {
    action: 'partyStats.export',
    entityType: 'export',
    detail: { place: stats.scope.code, from: stats.from, to: stats.to, format: 'xlsx', rows: stats.items.length + 1 },
  })
  const row = (place: string, f: (typeof stats)['figures']): Record<string, Cell> => ({ place, ...Object.fromEntries(PARTY_FIGURE_COLUMNS.map((c) => [c.key, f[c.key]])) })
  async function* rows() {
    yield row(`${stats.scope.name}（合计）`, stats.figures)
    for (const i of stats.items) yield row(i.place.name, i.figures)
  }
  return { filename: attachmentHeader(meta.title, ctx.now), stream: xlsxStream((out) => writeXlsx(out, meta, PARTY_STATS_COLUMNS, rows()), onError) }
}
