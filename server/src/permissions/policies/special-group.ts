/**
 * 特殊人群: who may see which kind of special-group record (issue 13: "each visible only to the roles that need it").
 * Care groups (关爱服务: 独居老人 低保 残疾 …) are the daily work of the community and its grid staff; the managed
 * groups (服务管理: 社区矫正 刑满释放 严重精神障碍 吸毒 重点青少年) are seen only by the street's 综治中心
 * (publicSafety: all five) and 司法所 (judicialOffice: 社区矫正 and 刑满释放, whom it supervises and helps resettle).
 * Everyone else — a community, a grid worker, the county's command centre — sees neither the record nor that it
 * exists. The special-groups module's rules (verbs special-group.*) build on this table.
 */
import type { Role } from '#contracts/roles'
import { SPECIAL_GROUP_KINDS, type SpecialGroupKind } from '#contracts/ledger-names'
import { placeInScope, type Actor } from '../actor'

const CARE_READERS: readonly Role[] = ['county', 'street', 'community', 'gridHead', 'gridWorker', 'publicSafety']

/** The roles that may see records of each kind (always within their place scope). */
export const SPECIAL_GROUP_READERS: Readonly<Record<SpecialGroupKind, readonly Role[]>> = {
  elderlyAlone: CARE_READERS,
  advancedAge: CARE_READERS,
  minimumLiving: CARE_READERS,
  extremePoverty: CARE_READERS,
  disabled: CARE_READERS,
  veteran: CARE_READERS,
  leftBehindChild: CARE_READERS,
  communityCorrection: ['publicSafety', 'judicialOffice'],
  released: ['publicSafety', 'judicialOffice'],
  severeMental: ['publicSafety'],
  drugUser: ['publicSafety'],
  keyYouth: ['publicSafety'],
}

/** May this actor see records of this kind at all (before the place scope)? */
export const mayReadSpecialGroupKind = (actor: Actor, kind: SpecialGroupKind): boolean =>
  (SPECIAL_GROUP_READERS[kind] as readonly string[]).includes(actor.role)

/** The kinds an actor may see — what its lists, visit lists and figures may name. */
export const readableSpecialGroupKinds = (actor: Actor): SpecialGroupKind[] => SPECIAL_GROUP_KINDS.filter((k) => mayReadSpecialGroupKind(actor, k))

/** May this actor see this record: its kind, and its grid inside the actor's place scope. */
export const mayReadSpecialGroup = (actor: Actor, g: { kind: SpecialGroupKind; gridCode: string }): boolean =>
  mayReadSpecialGroupKind(actor, g.kind) && placeInScope(actor, g.gridCode)
