/** Appeal rows as the export shows them: labels in Chinese, personal data masked for the exporter's role. */
import type { Appeal } from '#contracts/appeals'
import type { AuditLogEntry } from '#contracts/users'
import { ASSIGNEE_TYPE_NAMES, CARD_NAMES, EVENT_ROLE_NAMES, CHANNEL_NAMES, CLOSE_REASON_NAMES, COLOR_NAMES, OVERDUE_NAMES, RATING_NAMES, STATUS_NAMES, labelOf } from '#contracts/labels'
import type { Cell, ExcelColumn } from '../../core/excel/index'
import { maskIdNumber, maskPhone } from '../../lib/pii'

export const APPEAL_COLUMNS: ExcelColumn[] = [
  { key: 'number', header: '编号', width: 20 },
  { key: 'title', header: '标题', width: 36 },
  { key: 'category', header: '分类', width: 14 },
  { key: 'status', header: '状态', width: 10 },
  { key: 'color', header: '分色', width: 6 },
  { key: 'channel', header: '渠道', width: 12 },
  { key: 'community', header: '社区', width: 14 },
  { key: 'grid', header: '网格', width: 12 },
  { key: 'address', header: '地址', width: 28 },
  { key: 'contactName', header: '联系人', width: 10 },
  { key: 'contactPhone', header: '联系电话', width: 14 },
  { key: 'assignee', header: '承办', width: 22 },
  { key: 'createdAt', header: '登记时间', width: 17 },
  { key: 'overdue', header: '超期', width: 14 },
  { key: 'card', header: '亮牌', width: 6 },
  { key: 'rating', header: '评价', width: 10 },
  { key: 'closedAt', header: '结案时间', width: 17 },
  { key: 'closeReason', header: '结案方式', width: 12 },
  { key: 'description', header: '描述', width: 60 },
]

const time = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '')

/** 张三 → 张* (lifted into lib/pii.ts, where the ledgers' presenters share it) */
export { maskName } from '../../lib/pii'
import { maskName } from '../../lib/pii'

/** `seesNames`: the exporter may see residents' names in full (policy `export.unmasked`). */
export function appealRow(a: Appeal, seesNames: boolean): Record<string, Cell> {
  return {
    number: a.number,
    title: a.title,
    category: a.category.name,
    status: STATUS_NAMES[a.status],
    color: labelOf(COLOR_NAMES, a.color),
    channel: labelOf(CHANNEL_NAMES, a.channel),
    community: a.place.communityName,
    grid: a.place.gridName,
    address: a.address ?? '',
    contactName: seesNames ? (a.contact.name ?? '') : maskName(a.contact.name),
    // already masked by the appeal presenter for everyone (138****5678)
    contactPhone: a.contact.phone ?? '',
    assignee: a.assignee ? `${a.assignee.name}（${labelOf(ASSIGNEE_TYPE_NAMES, a.assignee.type)}）` : '',
    createdAt: time(a.createdAt),
    overdue: (Object.keys(OVERDUE_NAMES) as (keyof typeof OVERDUE_NAMES)[]).filter((k) => a.overdue[k]).map((k) => OVERDUE_NAMES[k]).join('、'),
    card: a.card ? labelOf(CARD_NAMES, a.card) : '',
    rating: a.rating ? labelOf(RATING_NAMES, a.rating) : '',
    closedAt: time(a.closedAt),
    closeReason: a.closeReason ? labelOf(CLOSE_REASON_NAMES, a.closeReason) : '',
    description: a.description,
  }
}

export const AUDIT_COLUMNS: ExcelColumn[] = [
  { key: 'id', header: '序号', width: 10 },
  { key: 'at', header: '时间', width: 20 },
  { key: 'actor', header: '操作人', width: 16 },
  { key: 'role', header: '角色', width: 12 },
  { key: 'action', header: '操作', width: 24 },
  { key: 'code', header: '操作代码', width: 22 },
  { key: 'entity', header: '对象', width: 22 },
  { key: 'ip', header: '来源 IP', width: 16 },
  { key: 'change', header: '内容（变更前、变更后、详情）', width: 80 },
]

/** 18-character ID numbers and 11-digit mobile numbers, standing alone (not inside a longer code). */
const ID_NUMBER = /(?<![0-9A-Za-z])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])/g
const MOBILE = /(?<![0-9])1[3-9][0-9]{9}(?![0-9])/g

/**
 * Mask what looks like an ID number or a phone in free text. Audit rows are written masked already
 * (registry and residents audit masked values); this second pass keeps a file that leaves the system
 * masked even if some writer forgot.
 */
export function maskPersonalText(s: string): string {
  return s.replace(ID_NUMBER, (v) => maskIdNumber(v) ?? v).replace(MOBILE, (v) => maskPhone(v) ?? v)
}

export function auditRow(e: AuditLogEntry): Record<string, Cell> {
  const change = [
    e.before !== null && e.before !== undefined ? `变更前：${JSON.stringify(e.before)}` : '',
    e.after !== null && e.after !== undefined ? `变更后：${JSON.stringify(e.after)}` : '',
    e.detail !== null && e.detail !== undefined ? `详情：${JSON.stringify(e.detail)}` : '',
  ]
    .filter(Boolean)
    .join('\n')
  return {
    id: e.id,
    at: e.at.slice(0, 19).replace('T', ' '),
    actor: maskPersonalText(e.actor.name ?? '系统'),
    role: e.actor.role ? labelOf(EVENT_ROLE_NAMES, e.actor.role) : '',
    action: e.actionName,
    code: e.action,
    entity: `${e.entityTypeName}${e.entityId ? ` #${e.entityId}` : ''}`,
    ip: e.ip ?? '',
    // a cell holds at most 32,767 characters
    change: maskPersonalText(change).slice(0, 32_000),
  }
}
