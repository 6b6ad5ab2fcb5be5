/**
 * 包保's plain values the pages need (no TypeBox, so the phone bundle can import them): the 5–8 rule
 * and what a visit found. contracts/pledges.ts re-exports them beside the schemas.
 */

/** The glossary's 5–8 households per member: fewer is allowed but flagged (未达标), more is refused. */
export const PLEDGE_MIN = 5
export const PLEDGE_MAX = 8

/** What a visit found. */
export const VISIT_SITUATIONS = ['normal', 'need', 'hazard', 'dispute'] as const
export type VisitSituation = (typeof VISIT_SITUATIONS)[number]
export const VISIT_SITUATION_NAMES: Record<VisitSituation, string> = {
  normal: '一切正常',
  need: '有困难需帮扶',
  hazard: '发现安全隐患',
  dispute: '有矛盾纠纷',
}
