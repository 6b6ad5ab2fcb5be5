/**
 * 微心愿 — a resident's small wish, published by the community, claimed and fulfilled by a party member,
 * closed by the resident's thanks: states, actions, kinds, Chinese names and the workflow table. Plain
 * data with no schema library, so the web imports it (the schemas are in wishes.ts).
 */
import type { WorkflowTable } from './workflow-table'

export const WISH_STATUSES = ['published', 'claimed', 'fulfilled', 'closed', 'cancelled'] as const
export type WishStatus = (typeof WISH_STATUSES)[number]
export const WISH_STATUS_NAMES: Record<WishStatus, string> = {
  published: '待认领',
  claimed: '已认领',
  fulfilled: '已实现',
  closed: '已答谢',
  cancelled: '已撤销',
}

export const WISH_ACTIONS = ['claim', 'release', 'fulfil', 'thank', 'cancel'] as const
export type WishAction = (typeof WISH_ACTIONS)[number]
export const WISH_ACTION_NAMES: Record<WishAction | 'publish', string> = {
  publish: '发布心愿',
  claim: '认领心愿',
  release: '放弃认领',
  fulfil: '完成心愿',
  thank: '答谢评价',
  cancel: '撤销心愿',
}

/**
 * member: a party member of the wish's community (who may claim); claimant: the member holding it;
 * beneficiary: the resident whose wish it is; community: the community that published it
 */
export type WishRelation = 'member' | 'claimant' | 'beneficiary' | 'community'

export const WISH_WORKFLOW: WorkflowTable<WishStatus, WishAction, WishRelation> = {
  entity: 'wish',
  states: WISH_STATUSES,
  initial: 'published',
  stateNames: WISH_STATUS_NAMES,
  actions: WISH_ACTIONS,
  actionNames: WISH_ACTION_NAMES,
  transitions: [
    { action: 'claim', from: ['published'], who: ['member'], to: 'claimed' },
    { action: 'release', from: ['claimed'], who: ['claimant'], to: 'published' },
    { action: 'fulfil', from: ['claimed'], who: ['claimant'], to: 'fulfilled' },
    { action: 'thank', from: ['fulfilled'], who: ['beneficiary', 'community'], to: 'closed' },
    { action: 'cancel', from: ['published'], who: ['community'], to: 'cancelled' },
  ],
  fields: {
    claim: { required: [], optional: [] },
    release: { required: [], optional: ['reason'] },
    fulfil: { required: ['photoIds'], optional: ['note'] },
    thank: { required: ['rating'], optional: ['message'] },
    cancel: { required: ['reason'], optional: [] },
  },
}

/** Whom the wish is for (困难群体). */
export const WISH_GROUPS = ['elderly', 'children', 'difficulty', 'disabled'] as const
export type WishGroup = (typeof WISH_GROUPS)[number]
export const WISH_GROUP_NAMES: Record<WishGroup, string> = { elderly: '老年人', children: '儿童', difficulty: '困难群众', disabled: '残疾人' }

export const WISH_CATEGORIES = ['goods', 'service', 'companion', 'learning', 'health'] as const
export type WishCategory = (typeof WISH_CATEGORIES)[number]
export const WISH_CATEGORY_NAMES: Record<WishCategory, string> = { goods: '物品', service: '生活服务', companion: '陪伴关爱', learning: '学习助学', health: '健康关怀' }

export const WISH_RATING_NAMES: Record<number, string> = { 1: '不满意', 2: '一般', 3: '满意', 4: '很满意', 5: '非常满意' }

/** A name as the public wall shows it: the surname and a star per remaining character (王** / 欧阳*). */
export function maskPersonName(name: string): string {
  const chars = [...name.trim()]
  if (chars.length <= 1) return '*'
  const compound = ['欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '长孙', '宇文', '司徒', '夏侯']
  const keep = chars.length >= 3 && compound.includes(chars.slice(0, 2).join('')) ? 2 : 1
  return chars.slice(0, keep).join('') + '*'.repeat(Math.max(chars.length - keep, 1))
}
