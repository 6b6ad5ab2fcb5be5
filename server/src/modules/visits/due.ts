/**
 * 走访清单: generated from the registers, never typed. For the caller's place (a grid worker: their grid), every
 * subject of a kind under an active rule of the county that the caller may see, with its last visit, next due day
 * and state, overdue first; and the active campaigns (敲门行动) with what is left to knock on.
 */
import type { VisitSubjectKind } from '#contracts/ledger-names'
import { DUE_STATE_NAMES, type DueItem, type DueList, type DueListQuery, type VisitSubjectType } from '#contracts/visits'
import type { Ctx } from '../../context'
import { isoShanghai, shanghaiDate } from '../../lib/time'
import { authorize } from '../../permissions'
import { campaignSubjects, visibleCampaigns, visibleCampaign } from './campaigns'
import { kindName } from './presenter'
import { listSubjects, type SubjectRow } from './queries'
import { listableRules } from './rules'
import { daysBetween, dueOf } from './schedule'

const STATE_ORDER = { overdue: 0, due: 1, ok: 2 } as const

const itemOf = (s: SubjectRow, frequencyDays: number, due: Pick<DueItem, 'nextDueDate' | 'state' | 'daysOverdue'>): DueItem => ({
  subjectType: s.subjectType as VisitSubjectType,
  subjectId: String(s.subjectId),
  subjectKind: s.subjectKind as VisitSubjectKind,
  subjectKindName: kindName(s.subjectKind),
  name: s.name,
  address: s.address,
  gridCode: s.gridCode,
  gridName: s.gridName,
  frequencyDays,
  lastVisitedAt: s.lastVisitMs === null ? null : isoShanghai(new Date(s.lastVisitMs)),
  ...due,
  stateName: DUE_STATE_NAMES[due.state],
})

export async function dueList(ctx: Ctx, q: DueListQuery): Promise<DueList> {
  authorize(ctx.actor, 'visit.read')
  if (q.gridCode) authorize(ctx.actor, 'visit.at', q.gridCode)
  const prefix = q.gridCode ?? ctx.actor.placeCode!
  const today = shanghaiDate(ctx.now)
  let items: DueItem[]
  if (q.campaignId) {
    // a campaign's own tab: its subjects not visited since it started; due by its deadline
    const c = await visibleCampaign(ctx, Number(q.campaignId))
    const subjects = c.status === 'active' ? (await campaignSubjects(ctx, c, prefix)).filter((s) => !s.visitedSince) : []
    items = subjects.map((s) => {
      const ahead = daysBetween(today, c.deadline)
      return itemOf(s, 0, { nextDueDate: c.deadline, state: ahead < 0 ? 'overdue' : 'due', daysOverdue: Math.max(0, -ahead) })
    })
  } else {
    const rules = await listableRules(ctx)
    const kinds = [...rules.keys()].filter((k) => !q.kind || k === q.kind)
    const subjects = await listSubjects(ctx.db, { prefix, kinds, asOf: ctx.now })
    items = subjects.map((s) => {
      const f = rules.get(s.subjectKind)!
      return itemOf(s, f, dueOf(s, f, today))
    })
  }
  items.sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || a.nextDueDate.localeCompare(b.nextDueDate) || a.gridCode.localeCompare(b.gridCode) || Number(a.subjectId) - Number(b.subjectId))
  const counts = { overdue: 0, due: 0, ok: 0 }
  for (const i of items) counts[i.state]++
  const campaigns = []
  for (const { campaign: c } of await visibleCampaigns(ctx, 'active')) {
    const subjects = await campaignSubjects(ctx, c, prefix)
    campaigns.push({
      id: String(c.id),
      name: c.name,
      subjectKind: c.subjectKind as VisitSubjectKind,
      subjectKindName: kindName(c.subjectKind),
      deadline: c.deadline,
      remaining: subjects.filter((s) => !s.visitedSince).length,
      subjects: subjects.length,
    })
  }
  return { items: q.state ? items.filter((i) => i.state === q.state) : items, counts, campaigns, asOf: today }
}
