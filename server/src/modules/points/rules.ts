/**
 * 积分规则: each county prices the service kinds (points per hour or per piece, an optional monthly cap
 * per person) and says after how many months without service a registered member goes on the black list.
 * A county that set nothing has the defaults. Rules apply to credits made after they change; the ledger
 * keeps what each entry was worth when it was written.
 */
import type { Ctx } from '../../context'
import { commitChange } from '../../core'
import type { Db } from '../../db/client'
import { AppError } from '../../errors'
import { isoOrNull } from '../../lib/time'
import { authorize, can } from '../../permissions'
import {
  DEFAULT_BLACK_LIST_MONTHS,
  DEFAULT_POINTS_RULES,
  POINTS_SOURCE_NAMES,
  SERVICE_KINDS,
  SERVICE_UNIT_NAMES,
  type PointsRules,
  type PointsRulesQuery,
  type PutPointsRulesBody,
  type ServiceKind,
} from '#contracts/points'
import { findAccountName, findRules, findSetting, saveRules } from './queries'

export interface CountyRules {
  rules: Record<ServiceKind, { pointsPerUnit: number; monthlyCap: number | null }>
  blackListMonths: number
  isCustom: boolean
  updatedAt: Date | null
  updatedByUserId: number | null
}

/** A county's rules as they stand (its own where set, the defaults elsewhere). */
export async function countyRules(db: Db, countyCode: string): Promise<CountyRules> {
  const [rows, setting] = [await findRules(db, countyCode), await findSetting(db, countyCode)]
  const rules = structuredClone(DEFAULT_POINTS_RULES)
  let updatedAt: Date | null = setting?.updatedAt ?? null
  let updatedByUserId: number | null = setting?.updatedByUserId ?? null
  for (const r of rows) {
    if (!(SERVICE_KINDS as readonly string[]).includes(r.kind)) continue
    rules[r.kind as ServiceKind] = { pointsPerUnit: r.pointsPerUnit, monthlyCap: r.monthlyCap }
    if (!updatedAt || r.updatedAt > updatedAt) {
      updatedAt = r.updatedAt
      updatedByUserId = r.updatedByUserId
    }
  }
  return {
    rules,
    blackListMonths: setting?.blackListMonths ?? DEFAULT_BLACK_LIST_MONTHS,
    isCustom: rows.length > 0 || setting !== undefined,
    updatedAt,
    updatedByUserId,
  }
}

async function present(ctx: Ctx, countyCode: string, r: CountyRules): Promise<PointsRules> {
  return {
    countyCode,
    isCustom: r.isCustom,
    rules: SERVICE_KINDS.map((kind) => ({
      kind,
      kindName: POINTS_SOURCE_NAMES[kind],
      unitName: SERVICE_UNIT_NAMES[kind],
      pointsPerUnit: r.rules[kind].pointsPerUnit,
      monthlyCap: r.rules[kind].monthlyCap,
    })),
    blackListMonths: r.blackListMonths,
    updatedAt: isoOrNull(r.updatedAt),
    updatedBy: r.updatedByUserId === null ? null : ((await findAccountName(ctx.db, r.updatedByUserId)) ?? null),
    canEdit: can(ctx.actor, 'points.rules.edit', countyCode),
  }
}

/** The county a place account works in (a city or province account must name one). */
function countyOf(ctx: Ctx, asked: string | undefined): string {
  const county = asked ?? (ctx.actor.placeCode && ctx.actor.placeCode.length >= 6 ? ctx.actor.placeCode.slice(0, 6) : undefined)
  if (!county) throw new AppError('VALIDATION_FAILED', '请指定县（county）', [{ field: 'county', message: '请指定县' }])
  return county
}

/** GET /points/rules */
export async function getRules(ctx: Ctx, q: PointsRulesQuery): Promise<PointsRules> {
  const county = countyOf(ctx, q.county)
  authorize(ctx.actor, 'points.rules.read', county)
  return present(ctx, county, await countyRules(ctx.db, county))
}

/** PUT /points/rules — the county sets its rules (audited, before and after). */
export async function putRules(ctx: Ctx, body: PutPointsRulesBody): Promise<PointsRules> {
  const county = ctx.actor.placeCode ?? ''
  authorize(ctx.actor, 'points.rules.edit', county)
  const kinds = body.rules.map((r) => r.kind)
  const dup = kinds.find((k, i) => kinds.indexOf(k) !== i)
  if (dup) throw new AppError('VALIDATION_FAILED', '同一类服务只能设置一条规则', [{ field: 'rules', message: `${POINTS_SOURCE_NAMES[dup]}重复` }])
  const before = await countyRules(ctx.db, county)
  await commitChange(ctx, {
    entityId: county,
    apply: async (tx) => {
      await saveRules(tx, county, body.rules, body.blackListMonths, ctx.actor.userId, ctx.now)
      return { county }
    },
    audit: {
      action: 'pointsRule.set',
      entityType: 'pointsRule',
      before: { rules: before.rules, blackListMonths: before.blackListMonths },
      after: { rules: body.rules, blackListMonths: body.blackListMonths },
    },
  })
  return present(ctx, county, await countyRules(ctx.db, county))
}
