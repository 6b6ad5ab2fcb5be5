/** Appeal rows as the export shows them: labels in Chinese, personal data masked for the exporter's role. */
import type { Appeal } from '#contracts/appeals'
import { ASSIGNEE_TYPE_NAMES, CARD_NAMES, CHANNEL_NAMES, CLOSE_REASON_NAMES, COLOR_NAMES, OVERDUE_NAMES, RATING_NAMES, STATUS_NAMES, labelOf } from '#contracts/labels'
import type { Cell, ExcelColumn } from '../../core/excel/index'

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

/** 张三 → 张*, 欧阳娜娜 → 欧***: the surname stays so the worker can still greet them. */
export function maskName(name: string | null): string {
  if (!name) return ''
  const chars = [...name]
  return chars.length <= 1 ? name : `${chars[0]}${'*'.repeat(chars.length - 1)}`
}

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
