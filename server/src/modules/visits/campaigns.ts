/**
 * 敲门行动: the county (or a street) picks a kind of subject and a deadline; every grid under it gets its list
 * (a banner and a tab of the visit list) until each subject is visited; progress per grid is live. A visit of the
 * subject since the campaign's start counts (a visit recorded from the campaign's tab carries its id).
 */
import type { VisitSubjectKind } from '#contracts/ledger-names'
import type { Campaign, CloseCampaignBody, CampaignGridProgress, CampaignProgress, CreateCampaignBody, ListCampaignsQuery } from '#contracts/visits'
import type { Ctx } from '../../context'
import { checkAction, commitChange, commitTransition, sharedTimeline, type NotificationIntent } from '../../core'
import { AppError, notFound } from '../../errors'
import { shanghaiDate, shanghaiDayStart } from '../../lib/time'
import { authorize, campaignWorkflow, can } from '../../permissions'
import { campaignFacts, presentCampaign } from './presenter'
import { findCampaign, insertCampaign, listCampaigns, listSubjects, updateCampaignVersioned, type CampaignRow, type SubjectRow } from './queries'

const ENTITY = campaignWorkflow.table.entity
const timeline = sharedTimeline(ENTITY)
const NOT_FOUND = '敲门行动不存在或无权查看'

/** The campaign's subjects under a place (the caller's, or a grid of it), each saying whether it was visited since the start. */
export function campaignSubjects(ctx: Ctx, c: CampaignRow, prefix: string): Promise<SubjectRow[]> {
  // a campaign launched below the caller's place covers only its own place
  const under = prefix.startsWith(c.placeCode) ? prefix : c.placeCode
  return listSubjects(ctx.db, { prefix: under, kinds: [c.subjectKind], asOf: ctx.now, since: shanghaiDayStart(c.startDate) })
}

export async function visibleCampaign(ctx: Ctx, id: number): Promise<CampaignRow> {
  authorize(ctx.actor, 'visit.read')
  const row = await findCampaign(ctx.db, id)
  if (!row || !can(ctx.actor, 'visit.readCampaign', campaignFacts(row.campaign))) throw notFound(NOT_FOUND)
  return row.campaign
}

export async function visibleCampaigns(ctx: Ctx, status?: string) {
  const rows = await listCampaigns(ctx.db, { placeCode: ctx.actor.placeCode!, ...(status ? { status } : {}) })
  return rows.filter((r) => can(ctx.actor, 'visit.readCampaign', campaignFacts(r.campaign)))
}

function progressOf(subjects: SubjectRow[], deadlinePassed: boolean): { total: CampaignProgress; grids: CampaignGridProgress[] } {
  const byGrid = new Map<string, CampaignGridProgress>()
  const total: CampaignProgress = { subjects: 0, visited: 0, remaining: 0, overdue: 0 }
  for (const s of subjects) {
    let g = byGrid.get(s.gridCode)
    if (!g) {
      g = { gridCode: s.gridCode, gridName: s.gridName, communityCode: s.communityCode, communityName: s.communityName, subjects: 0, visited: 0, remaining: 0, overdue: 0 }
      byGrid.set(s.gridCode, g)
    }
    for (const p of [g, total]) {
      p.subjects++
      if (s.visitedSince) p.visited++
      else {
        p.remaining++
        if (deadlinePassed) p.overdue++
      }
    }
  }
  return { total, grids: [...byGrid.values()] }
}

async function present(ctx: Ctx, c: CampaignRow, placeName: string, withGrids: boolean): Promise<Campaign> {
  const { total, grids } = progressOf(await campaignSubjects(ctx, c, ctx.actor.placeCode!), shanghaiDate(ctx.now) > c.deadline)
  return presentCampaign(ctx.actor, c, placeName, total, withGrids ? grids : undefined)
}

export async function getCampaign(ctx: Ctx, id: number): Promise<Campaign> {
  const c = await visibleCampaign(ctx, id)
  const row = await findCampaign(ctx.db, id)
  return present(ctx, c, row!.placeName, true)
}

export async function listCampaignsForActor(ctx: Ctx, q: ListCampaignsQuery): Promise<{ items: Campaign[] }> {
  authorize(ctx.actor, 'visit.read')
  const rows = await visibleCampaigns(ctx, q.status)
  const items = []
  for (const r of rows) items.push(await present(ctx, r.campaign, r.placeName, false))
  return { items }
}

/** POST /visits/campaigns — over the caller's own place; the grids with subjects hear of it. */
export async function createCampaign(ctx: Ctx, body: CreateCampaignBody): Promise<Campaign> {
  authorize(ctx.actor, 'visit.launchCampaign')
  authorize(ctx.actor, 'visit.campaignKind', body.subjectKind as VisitSubjectKind)
  const today = shanghaiDate(ctx.now)
  if (body.deadline < body.startDate || body.deadline < today) {
    throw new AppError('CAMPAIGN_DATES_INVALID', undefined, [{ field: 'deadline', message: '截止日期须不早于开始日期，且不早于今天' }])
  }
  const placeCode = ctx.actor.placeCode!
  const draft = { placeCode, subjectKind: body.subjectKind, startDate: body.startDate } as CampaignRow
  const grids = [...new Set((await campaignSubjects(ctx, draft, placeCode)).map((s) => s.gridCode))]
  const name = body.name.trim()
  const notify: NotificationIntent[] = grids.map((gridCode) => ({
    to: [{ kind: 'gridStaff', gridCode }],
    kind: 'visitCampaign',
    title: `敲门行动：${name}`,
    body: `请在 ${body.deadline} 前走访本网格的对象，走访清单已列出`,
  }))
  const row = await commitChange(ctx, {
    entityId: (c: CampaignRow) => c.id,
    apply: (tx) =>
      insertCampaign(tx, {
        placeCode,
        name,
        subjectKind: body.subjectKind,
        startDate: body.startDate,
        deadline: body.deadline,
        note: body.note?.trim() || null,
        status: campaignWorkflow.table.initial,
        createdByUserId: ctx.actor.userId,
        createdAt: ctx.now,
      }),
    event: { write: timeline, entry: { action: 'create', fromStatus: null, toStatus: campaignWorkflow.table.initial, fields: { subjectKind: body.subjectKind, deadline: body.deadline } } },
    audit: (c) => ({ action: `${ENTITY}.create`, entityType: ENTITY, after: { placeCode, name, subjectKind: c.subjectKind, startDate: c.startDate, deadline: c.deadline } }),
    notify,
  })
  return getCampaign(ctx, row.id)
}

/** POST /visits/campaigns/:id/close — the launching place ends it (404 → 409 → 422 → 403). */
export async function closeCampaign(ctx: Ctx, id: number, sent: CloseCampaignBody): Promise<Campaign> {
  const body = { action: 'close' as const, version: sent.version }
  authorize(ctx.actor, 'visit.read')
  const row = await findCampaign(ctx.db, id)
  const c = row?.campaign
  const facts = c ? campaignFacts(c) : undefined
  const transition = checkAction(campaignWorkflow, ctx.actor, {
    facts,
    visible: facts !== undefined && can(ctx.actor, 'visit.readCampaign', facts),
    version: c?.version ?? 0,
    sentVersion: body.version,
    body,
    notFoundMessage: NOT_FOUND,
    conflictMessage: '敲门行动已被他人更新，请刷新后重试',
  })
  await commitTransition(ctx, {
    workflow: campaignWorkflow,
    transition,
    from: facts!.status,
    version: c!.version,
    entityId: id,
    apply: (tx, to) => updateCampaignVersioned(tx, id, c!.version, { status: to }),
    versionOf: (u) => u.version,
    timeline,
    conflict: { message: '敲门行动已被他人更新，请刷新后重试' },
  })
  return getCampaign(ctx, id)
}
