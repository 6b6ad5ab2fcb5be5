/** Counts → the figures of DOMAIN §3.5: every count where the contract shows it, the three rates, the level shares. */
import type { StatsOverview } from '#contracts/stats'
import type { ReportInRow } from './queries'
import { CARD_COUNTS, COUNTER_NAMES, COUNTS, LEVEL_COUNTS, OVERDUE_COUNTS, type Counts, type Figures } from '#contracts/stats'

const ratio = (n: number, d: number) => (d > 0 ? n / d : null)

type Spec = Readonly<Record<string, { readonly column: keyof Counts }>>
const pick = <T extends Spec>(spec: T, c: Counts) =>
  Object.fromEntries(Object.entries(spec).map(([k, v]) => [k, c[v.column]])) as { [K in keyof T]: number }

/** The figures of one row of counts (missing counts are zero). */
export function presentFigures(r: Partial<Counts> | undefined): Figures {
  const c = Object.fromEntries(COUNTER_NAMES.map((n) => [n, Number(r?.[n] ?? 0)])) as Counts
  const resolved = c.resolved
  return {
    ...pick(COUNTS, c),
    overdue: pick(OVERDUE_COUNTS, c),
    cards: pick(CARD_COUNTS, c),
    responseRate: ratio(c.responded_on_time, c.received),
    resolutionRate: ratio(resolved, c.received - c.rejected - c.merged),
    satisfactionRate: ratio(c.satisfied + c.basic, c.rated),
    resolutionLevels: Object.fromEntries(
      Object.entries(LEVEL_COUNTS).map(([k, v]) => [k, { count: c[v.column], share: ratio(c[v.column], resolved) }]),
    ) as Figures['resolutionLevels'],
  }
}

/** A department's figures over the appeals it led, with its 吹哨报到 record beside them. */
export function presentDepartmentOverview(
  dept: { code: string; name: string },
  p: { from: string; to: string },
  row: Partial<Counts> | undefined,
  rep: ReportInRow,
): StatsOverview {
  return {
    scope: { kind: 'department', code: dept.code, name: dept.name },
    from: p.from,
    to: p.to,
    figures: presentFigures(row),
    reportIn: {
      whistled: rep.whistled,
      asLead: rep.as_lead,
      reportedIn: rep.reported_in,
      reportedLate: rep.reported_late,
      notReported: rep.not_reported,
      returned: rep.returned,
    },
  }
}
