/** Wishes → API responses: the wisher's full name only for those who may read it, masked (王**) for everyone else. */
import type { TimelineEvent } from '#contracts/common'
import {
  maskPersonName,
  WISH_ACTION_NAMES,
  WISH_CATEGORY_NAMES,
  WISH_GROUP_NAMES,
  WISH_STATUS_NAMES,
  type PublicWish,
  type Wish,
  type WishCategory,
  type WishGroup,
  type WishStatus,
} from '#contracts/wishes'
import { presentTimelineEvent, type WorkflowEventRow } from '../../core'
import { scrubPublicText } from '../../lib/scrub'
import { isoOrNull, isoShanghai, shanghaiDate } from '../../lib/time'
import { can, wishWorkflow, type Actor, type WishFacts } from '../../permissions'
import type { listPublicWishes, WishRow, WishWithNames } from './queries'

export const wishFacts = (w: WishRow): WishFacts => ({
  status: w.status as WishStatus,
  communityCode: w.communityCode,
  placeCode: w.placeCode,
  residentId: w.residentId,
  claimantPartyMemberId: w.claimantPartyMemberId,
  claimantUnitId: w.claimantUnitId,
})

const wishEvent = (e: WorkflowEventRow): TimelineEvent => presentTimelineEvent(e, WISH_ACTION_NAMES)

export function presentWish(actor: Actor, row: WishWithNames, fileIds: string[], events?: WorkflowEventRow[]): Wish {
  const w = row.wish
  const facts = wishFacts(w)
  const seesName = can(actor, 'wish.seeName', facts)
  const status = w.status as WishStatus
  return {
    id: String(w.id),
    status,
    statusName: WISH_STATUS_NAMES[status],
    version: w.version,
    title: seesName ? w.title : scrubPublicText(w.title, [w.beneficiaryName]),
    description: w.description === null ? null : seesName ? w.description : scrubPublicText(w.description, [w.beneficiaryName]),
    category: w.category as WishCategory,
    categoryName: WISH_CATEGORY_NAMES[w.category as WishCategory] ?? w.category,
    group: w.beneficiaryGroup as WishGroup,
    groupName: WISH_GROUP_NAMES[w.beneficiaryGroup as WishGroup] ?? w.beneficiaryGroup,
    beneficiary: { name: seesName ? w.beneficiaryName : maskPersonName(w.beneficiaryName), masked: !seesName },
    community: { code: w.communityCode, name: row.communityName },
    grid: w.gridCode ? { code: w.gridCode, name: row.gridName ?? w.gridCode } : null,
    claimant:
      w.claimantPartyMemberId !== null
        ? { kind: 'partyMember', id: String(w.claimantPartyMemberId), name: w.claimantName ?? '' }
        : w.claimantUnitId !== null
          ? { kind: 'unit', id: String(w.claimantUnitId), name: w.claimantName ?? '' }
          : null,
    claimedAt: isoOrNull(w.claimedAt),
    fulfilledAt: isoOrNull(w.fulfilledAt),
    fulfilNote: w.fulfilNote,
    photoIds: fileIds,
    rating: w.rating,
    thanks: w.thanks,
    closedAt: isoOrNull(w.closedAt),
    createdAt: isoShanghai(w.createdAt),
    allowedActions: wishWorkflow.allowedActions(actor, facts),
    ...(events ? { events: events.map(wishEvent) } : {}),
  }
}

type PublicRow = Awaited<ReturnType<typeof listPublicWishes>>[number]

/** On the public wall: the wish (scrubbed of the name, phones, rooms), 王**, the category and the grid — nothing else. */
export function presentPublicWish(r: PublicRow): PublicWish {
  const status = r.status as WishStatus
  return {
    id: String(r.id),
    title: scrubPublicText(r.title, [r.beneficiaryName]),
    category: r.category as WishCategory,
    categoryName: WISH_CATEGORY_NAMES[r.category as WishCategory] ?? r.category,
    group: r.beneficiaryGroup as WishGroup,
    groupName: WISH_GROUP_NAMES[r.beneficiaryGroup as WishGroup] ?? r.beneficiaryGroup,
    maskedName: maskPersonName(r.beneficiaryName),
    community: { code: r.communityCode, name: r.communityName },
    gridName: r.gridName,
    status,
    statusName: WISH_STATUS_NAMES[status],
    publishedOn: shanghaiDate(r.createdAt),
    fulfilledOn: r.fulfilledAt ? shanghaiDate(r.fulfilledAt) : null,
  }
}
