/**
 * 出租房屋 and 实有房屋 as .xlsx through the one export pipeline (core/excel writeXlsx): every row the caller's list
 * shows for the filter, read page by page through this module's service (same scope and masking); names masked
 * (张*) for roles that may not see them in full, phones and ID numbers masked for everyone; a watermark line naming
 * the exporter; an audit row naming the filter.
 */
import type { ExportRentalsQuery, ExportRoomsQuery } from '#contracts/housing'
import type { Ctx } from '../../context'
import { recordAudit } from '../../core'
import { attachmentHeader, writeXlsx, xlsxStream, type Cell, type ExcelColumn } from '../../core/excel/index'
import { maskName } from '../../lib/pii'
import { can } from '../../permissions'
import { metaOf } from '../exports'
import { getBuildingRooms, listRentalsFor } from './service'

type Download = { filename: string; stream: NodeJS.ReadableStream }

const RENTAL_COLUMNS: ExcelColumn[] = [
  { key: 'address', header: '房屋地址', width: 40 },
  { key: 'grid', header: '网格', width: 12 },
  { key: 'landlord', header: '房东', width: 10 },
  { key: 'phone', header: '房东电话', width: 14 },
  { key: 'idNumber', header: '房东身份证号', width: 22 },
  { key: 'purpose', header: '用途', width: 12 },
  { key: 'startDate', header: '起租日期', width: 12 },
  { key: 'endDate', header: '退租日期', width: 12 },
  { key: 'status', header: '状态', width: 8 },
  { key: 'pledge', header: '治安责任书', width: 10 },
  { key: 'tenants', header: '在住租客', width: 30 },
]

const ROOM_COLUMNS: ExcelColumn[] = [
  { key: 'unit', header: '单元', width: 10 },
  { key: 'room', header: '房号', width: 12 },
  { key: 'floor', header: '楼层', width: 6 },
  { key: 'occupancy', header: '使用状态', width: 10 },
  { key: 'head', header: '户主', width: 10 },
  { key: 'members', header: '在住人数', width: 8 },
  { key: 'landlord', header: '房东', width: 10 },
  { key: 'tenants', header: '租客人数', width: 8 },
]

function describe(q: Record<string, unknown>): string | undefined {
  const parts = Object.entries(q)
    .filter(([k, v]) => v !== undefined && k !== 'landlordKey')
    .map(([k, v]) => `${k}=${String(v)}`)
  return parts.length ? `筛选：${parts.join('；')}` : undefined
}

export async function exportRentals(ctx: Ctx, q: ExportRentalsQuery, onError: (e: unknown) => void): Promise<Download> {
  // the first page runs before the download starts, so a refusal is an ordinary error response
  await listRentalsFor(ctx, { ...q, limit: 1 })
  const names = can(ctx.actor, 'housing.exportNames')
  const name = (s: string) => (names ? s : maskName(s))
  async function* rows(): AsyncGenerator<Record<string, Cell>> {
    let cursor: string | undefined
    for (;;) {
      const page = await listRentalsFor(ctx, { ...q, limit: 100, ...(cursor ? { cursor } : {}) })
      for (const r of page.items) {
        yield {
          address: r.household.address,
          grid: r.gridName,
          landlord: name(r.landlord.name),
          phone: r.landlord.phone ?? '',
          idNumber: r.landlord.idNumber ?? '',
          purpose: r.purposeName,
          startDate: r.startDate,
          endDate: r.endDate ?? '',
          status: r.statusName,
          pledge: r.securityPledgeSigned ? '已签' : '未签',
          tenants: r.tenants.filter((t) => t.current).map((t) => name(t.name)).join('、'),
        }
      }
      if (!page.nextCursor) return
      cursor = page.nextCursor
    }
  }
  const meta = await metaOf(ctx, '出租房屋台账', describe(q))
  // the search key (a phone or ID number) is not written into the audit row in clear
  await recordAudit(ctx, ctx.db, { action: 'rental.export', entityType: 'rental', detail: { filter: { ...q, ...(q.landlordKey ? { landlordKey: '***' } : {}) }, format: 'xlsx', namesInFull: names } })
  return { filename: attachmentHeader(meta.title, ctx.now), stream: xlsxStream((out) => writeXlsx(out, meta, RENTAL_COLUMNS, rows()), onError) }
}

export async function exportRooms(ctx: Ctx, q: ExportRoomsQuery, onError: (e: unknown) => void): Promise<Download> {
  const b = await getBuildingRooms(ctx, Number(q.buildingId))
  const names = can(ctx.actor, 'housing.exportNames')
  const meta = await metaOf(ctx, `实有房屋-${b.building.compoundName ?? ''}${b.building.name}`, `楼栋：${b.building.address ?? b.building.name}`)
  await recordAudit(ctx, ctx.db, { action: 'room.export', entityType: 'building', entityId: b.building.id, detail: { filter: q, format: 'xlsx', rooms: b.rooms.length } })
  async function* rows(): AsyncGenerator<Record<string, Cell>> {
    for (const r of b.rooms) {
      yield {
        unit: r.unitName ?? '',
        room: r.room ?? '',
        floor: r.floor ?? '',
        occupancy: r.occupancyName,
        // the head's name is masked by the presenter for every role
        head: r.headName ?? '',
        members: r.memberCount,
        landlord: r.activeRental ? (names ? r.activeRental.landlordName : maskName(r.activeRental.landlordName)) : '',
        tenants: r.activeRental?.tenantCount ?? '',
      }
    }
  }
  return { filename: attachmentHeader(meta.title, ctx.now), stream: xlsxStream((out) => writeXlsx(out, meta, ROOM_COLUMNS, rows()), onError) }
}
