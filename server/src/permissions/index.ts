/**
 * Permissions: the actor and its scopes, one policy file per domain, and the one `authorize`.
 * Services call `authorize(actor, verb, subject)` (or `can` to ask without throwing); nothing else
 * checks roles. Workflows (appeals, supervisions, registrations …) decide their actions through their
 * policy's `defineWorkflow`, which the same policy files export.
 */
import { AppError } from '../errors'
import type { Actor } from './actor'
import type { Rule } from './policy'
import { appealRules } from './policies/appeal'
import { housingRules } from './policies/housing'
import { venueRules } from './policies/venue'
import { adminRules } from './policies/admin'
import { ledgerStatsRules } from './policies/ledger-stats'
import { listsRules } from './policies/lists'
import { wishRules } from './policies/wishes'
import { ownRules } from './policies/own'
import { placeRules } from './policies/place'
import { pointsRules } from './policies/points'
import { populationRules } from './policies/population'
import { pledgeRules } from './policies/pledge'
import { registrationRules } from './policies/registration'
import { registryRules } from './policies/registry'
import { residentRules } from './policies/resident'
import { specialGroupRules } from './policies/special-group'
import { statsRules } from './policies/stats'
import { unitRules } from './policies/unit'
import { visitRules } from './policies/visit'
import { volunteerRules } from './policies/volunteer'
import { webRules } from './policies/web'

const RULES = {
  ...appealRules,
  ...adminRules,
  ...ledgerStatsRules,
  ...listsRules,
  ...wishRules,
  ...ownRules,
  ...placeRules,
  ...pointsRules,
  ...populationRules,
  ...pledgeRules,
  ...registrationRules,
  ...registryRules,
  ...residentRules,
  ...specialGroupRules,
  ...statsRules,
  ...unitRules,
  ...visitRules,
  ...volunteerRules,
  ...webRules,
  ...housingRules,
  ...venueRules,
}

export type Verb = keyof typeof RULES
type SubjectOf<V extends Verb> = (typeof RULES)[V] extends Rule<infer S> ? S : never
type SubjectArg<V extends Verb> = SubjectOf<V> extends void ? [] : [subject: SubjectOf<V>]

/** May the actor do this? */
export function can<V extends Verb>(actor: Actor, verb: V, ...subject: SubjectArg<V>): boolean {
  const r = RULES[verb] as Rule<unknown>
  return r.allow(actor, subject[0])
}

/** Refuse unless the actor may: 403, 404 or 422 as the rule says. */
export function authorize<V extends Verb>(actor: Actor, verb: V, ...subject: SubjectArg<V>): void {
  const r = RULES[verb] as Rule<unknown>
  if (!r.allow(actor, subject[0])) throw new AppError(r.refuse.code, r.refuse.message)
}

export * from './actor'
export { appealWorkflow, appealVisibility, canSeeAppeal, channelsOf, isAssignee, todoStatuses, TODO_ACTIONS, TODO_TRANSITIONS } from './policies/appeal'
export type { AppealFacts, AppealVisibility } from './policies/appeal'
export { supervisionWorkflow } from './policies/supervision'
export type { SupervisionFacts } from './policies/supervision'
export { registrationWorkflow } from './policies/registration'
export type { RegistrationFacts } from './policies/registration'
export { unitRegistrationWorkflow } from './policies/unit'
export type { UnitFacts, UnitRegistrationFacts } from './policies/unit'
export { boardWorkflow, EARNER_ROLES } from './policies/points'
export type { BoardFacts, EarnerFacts } from './policies/points'
export { pledgeWorkflow } from './policies/pledge'
export type { MemberPlace, PledgeFacts } from './policies/pledge'
export { PLACE_STATS_ROLES } from './policies/stats'
export { needWorkflow, projectWorkflow, resourceWorkflow, isCountyDepartment, isPairedUnit } from './policies/lists'
export type { NeedFacts, ProjectFacts, ResourceFacts } from './policies/lists'
export { wishWorkflow } from './policies/wishes'
export type { WishFacts } from './policies/wishes'
export { activityWorkflow, isOrganiser, signupRoleOf, signupWorkflow } from './policies/volunteer'
export type { ActivityFacts, SignupFacts } from './policies/volunteer'
export {
  fullReadableSpecialGroupKinds,
  mayReadSpecialGroup,
  mayReadSpecialGroupFull,
  mayReadSpecialGroupKind,
  mayWriteSpecialGroupKind,
  readableSpecialGroupKinds,
  writableSpecialGroupKinds,
} from './policies/special-group'
export { campaignWorkflow, mayListVisitKind, VISIT_READERS } from './policies/visit'
export type { CampaignFacts } from './policies/visit'
