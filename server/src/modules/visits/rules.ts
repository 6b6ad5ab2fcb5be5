/** 走访频次: each county sets how often each kind of subject is visited (absent or inactive: not on the lists). */
import type { VisitSubjectKind } from '#contracts/ledger-names'
import type { PutVisitRuleBody, VisitRules } from '#contracts/visits'
import type { Ctx } from '../../context'
import { commitChange } from '../../core'
import { authorize, can, mayListVisitKind } from '../../permissions'
import { presentRule } from './presenter'
import { findVisitRule, listVisitRules, upsertVisitRule, type VisitRuleRow } from './queries'

/** The county whose rules apply to the caller (none above a county). */
export const countyOf = (ctx: Ctx): string | null => (ctx.actor.placeCode && ctx.actor.placeCode.length >= 6 ? ctx.actor.placeCode.slice(0, 6) : null)

/**
 * The county's rules: all of them for the county account that sets them (a frequency names no one); for everyone
 * else, those of kinds it may list — a grid worker does not learn which managed groups are visited.
 */
export async function getVisitRules(ctx: Ctx): Promise<VisitRules> {
  authorize(ctx.actor, 'visit.read')
  const county = countyOf(ctx)
  const rows = county ? await listVisitRules(ctx.db, county) : []
  const canEdit = county !== null && can(ctx.actor, 'visit.editRules', county)
  return {
    countyCode: county ?? '',
    items: rows.filter((r) => canEdit || mayListVisitKind(ctx.actor, r.subjectKind as VisitSubjectKind)).map(presentRule),
    canEdit,
  }
}

/** PUT /visits/rules/:subjectKind — the county account sets its frequency; audited with before and after. */
export async function putVisitRule(ctx: Ctx, subjectKind: VisitSubjectKind, body: PutVisitRuleBody): Promise<VisitRules> {
  authorize(ctx.actor, 'visit.read')
  const county = countyOf(ctx) ?? ''
  authorize(ctx.actor, 'visit.editRules', county)
  const before = await findVisitRule(ctx.db, county, subjectKind)
  await commitChange(ctx, {
    entityId: (r: VisitRuleRow) => r.id,
    apply: (tx) => upsertVisitRule(tx, { countyCode: county, subjectKind, frequencyDays: body.frequencyDays, active: body.active, updatedAt: ctx.now }),
    audit: (r) => ({
      action: 'visitRule.set',
      entityType: 'visitRule',
      before: before ? { frequencyDays: before.frequencyDays, active: before.active } : null,
      after: { countyCode: county, subjectKind, frequencyDays: r.frequencyDays, active: r.active, version: r.version },
    }),
  })
  return getVisitRules(ctx)
}

/** The active rules of the caller's county that it may list: kind → frequency in days. */
export async function listableRules(ctx: Ctx): Promise<Map<string, number>> {
  const county = countyOf(ctx)
  if (!county) return new Map()
  const rows = await listVisitRules(ctx.db, county)
  return new Map(rows.filter((r) => r.active && mayListVisitKind(ctx.actor, r.subjectKind as VisitSubjectKind)).map((r) => [r.subjectKind, r.frequencyDays]))
}
