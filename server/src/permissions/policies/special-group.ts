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
import { rule } from '../policy'

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

const CARE_WRITERS: readonly Role[] = ['community', 'gridHead', 'gridWorker']

/**
 * Who records, updates and ends records of each kind (always within their place scope): the care groups are kept by
 * the community and the grid staff of the person's grid; the managed groups by the street's 综治中心 (all five) and
 * 司法所 (社区矫正, 刑满释放). Street and county accounts read the care groups but keep none.
 */
export const SPECIAL_GROUP_WRITERS: Readonly<Record<SpecialGroupKind, readonly Role[]>> = {
  elderlyAlone: CARE_WRITERS,
  advancedAge: CARE_WRITERS,
  minimumLiving: CARE_WRITERS,
  extremePoverty: CARE_WRITERS,
  disabled: CARE_WRITERS,
  veteran: CARE_WRITERS,
  leftBehindChild: CARE_WRITERS,
  communityCorrection: ['publicSafety', 'judicialOffice'],
  released: ['publicSafety', 'judicialOffice'],
  severeMental: ['publicSafety'],
  drugUser: ['publicSafety'],
  keyYouth: ['publicSafety'],
}

/** May this actor keep records of this kind (before the place scope)? */
export const mayWriteSpecialGroupKind = (actor: Actor, kind: SpecialGroupKind): boolean =>
  (SPECIAL_GROUP_WRITERS[kind] as readonly string[]).includes(actor.role)

/** The kinds an actor may record. */
export const writableSpecialGroupKinds = (actor: Actor): SpecialGroupKind[] => SPECIAL_GROUP_KINDS.filter((k) => mayWriteSpecialGroupKind(actor, k))

/**
 * The unmasked read (ID number, phones, crime …): those who work with the person — the kind's keepers. Street and
 * county accounts see the masked record only.
 */
export const mayReadSpecialGroupFull = (actor: Actor, g: { kind: SpecialGroupKind; gridCode: string }): boolean =>
  mayReadSpecialGroup(actor, g) && mayWriteSpecialGroupKind(actor, g.kind)

/** The kinds whose records this actor may read unmasked. */
export const fullReadableSpecialGroupKinds = (actor: Actor): SpecialGroupKind[] =>
  SPECIAL_GROUP_KINDS.filter((k) => mayReadSpecialGroupKind(actor, k) && mayWriteSpecialGroupKind(actor, k))

const HIDDEN = '特殊人群记录不存在或无权查看'

/**
 * The verbs of the special-groups module. A record the caller may not read is 404 (its existence never leaks); a
 * kind the caller may not record is 403 before anything else is looked at (so a refused create never reveals, by a
 * 409, that the person already has such a record).
 */
export const specialGroupRules = {
  /** the list, counts and page: some kind readable */
  'special-group.list': rule<void>((actor) => readableSpecialGroupKinds(actor).length > 0, 'FORBIDDEN', '您的角色不能查看特殊人群'),
  /** one record: its kind readable and its grid in scope; 404 otherwise */
  'special-group.read': rule((actor, g: { kind: SpecialGroupKind; gridCode: string }) => mayReadSpecialGroup(actor, g), 'NOT_FOUND', HIDDEN),
  /** recording a kind at all */
  'special-group.writeKind': rule((actor, kind: SpecialGroupKind) => mayWriteSpecialGroupKind(actor, kind), 'SPECIAL_GROUP_KIND_FORBIDDEN'),
  /** create / update / end a record whose grid lies in the caller's place */
  'special-group.write': rule(
    (actor, g: { kind: SpecialGroupKind; gridCode: string }) => mayWriteSpecialGroupKind(actor, g.kind) && placeInScope(actor, g.gridCode),
    'SPECIAL_GROUP_KIND_FORBIDDEN',
  ),
  /** the Excel imports: the care groups (community, grid staff) and the managed groups (综治中心, 司法所) */
  'special-group.importCare': rule<void>((actor) => CARE_WRITERS.includes(actor.role as Role), 'FORBIDDEN', '只有社区和网格员可以导入关爱服务对象'),
  'special-group.importManaged': rule<void>(
    (actor) => actor.role === 'publicSafety' || actor.role === 'judicialOffice',
    'FORBIDDEN',
    '只有综治中心和司法所可以导入服务管理对象',
  ),
  /** the unmasked read, audited */
  'special-group.readFull': rule((actor, g: { kind: SpecialGroupKind; gridCode: string }) => mayReadSpecialGroupFull(actor, g), 'FORBIDDEN', '您的角色只能查看脱敏信息'),
}
