/**
 * What both apps say about one appeal: where it is in the loop (the stage bar), which step's clock
 * is running and when it is due, who holds it, and how the to-do lists group and order it.
 */
import type { Appeal } from '#contracts/appeals'
import type { AppealAction, AppealStatus } from '#contracts/workflow'
import { ACTION_NAMES, ASSIGNEE_TYPE_NAMES, STEP_NAMES, labelOf } from '#contracts/labels'

/** 点单 → 收单 → 分单 → 办理 → 核查 → 答复 → 评单 (GB/T 30428's seven steps as residents know them). */
export const STAGES = ['点单', '收单', '分单', '办理', '核查', '答复', '评单'] as const

const STAGE_OF: Record<AppealStatus, number> = {
  submitted: 1,
  accepted: 2,
  street_review: 2,
  assigned: 3,
  dept_assigned: 3,
  in_progress: 3,
  reopened: 3,
  resolved: 4,
  verified: 5,
  replied: 6,
  closed: 7,
}

export interface StageView {
  /** index of the stage now waiting (STAGES.length when closed) */
  current: number
  /** the name of the waiting stage as it applies to this appeal */
  titles: string[]
}

/** The stage bar of this appeal: escalations and whistles rename the dispatch stage. */
export function stagesOf(a: Pick<Appeal, 'status' | 'leadDepartmentCode' | 'events'>): StageView {
  const titles: string[] = [...STAGES]
  const escalated = a.status === 'street_review' || a.leadDepartmentCode !== null || a.events?.some((e) => e.action === 'escalate')
  if (escalated) titles[2] = a.leadDepartmentCode ? '吹哨' : '审单'
  if (a.status === 'dept_assigned') titles[3] = '报到'
  if (a.status === 'reopened') titles[3] = '重办'
  return { current: STAGE_OF[a.status], titles }
}

export interface CurrentStep {
  name: string
  dueAt: string | null
}

/** The running step and its due time, or null when closed. */
export function currentStep(a: Pick<Appeal, 'status' | 'deadlines'>): CurrentStep | null {
  const d = a.deadlines
  switch (a.status) {
    case 'submitted':
      return { name: '受理', dueAt: d.responseDueAt }
    case 'accepted':
      return { name: STEP_NAMES.dispatch, dueAt: d.dispatchDueAt }
    case 'street_review':
      return { name: STEP_NAMES.review, dueAt: d.reviewDueAt }
    case 'assigned':
    case 'dept_assigned':
    case 'in_progress':
    case 'reopened':
      return { name: '办结', dueAt: d.resolveDueAt }
    case 'resolved':
      return { name: '核查', dueAt: d.verifyDueAt }
    case 'verified':
      return { name: '答复', dueAt: d.replyDueAt }
    case 'replied':
      return { name: '评价', dueAt: d.autoCloseAt }
    case 'closed':
      return null
  }
}

/** Who holds the appeal now, in words (首接负责制: the community stays answerable throughout). */
export function responsibleOf(a: Pick<Appeal, 'status' | 'place' | 'assignee'>): string {
  switch (a.status) {
    case 'submitted':
    case 'resolved':
      return `${a.place.communityName}${a.place.gridName}`
    case 'accepted':
    case 'verified':
      return a.place.communityName
    case 'street_review':
      return '街道'
    case 'replied':
      return '待群众评价'
    case 'closed':
      return '—'
    default:
      return a.assignee ? `${a.assignee.name}（${labelOf(ASSIGNEE_TYPE_NAMES, a.assignee.type)}）` : a.place.communityName
  }
}

/** The to-do group an appeal belongs to for this caller: its first to-do action. */
export const TODO_GROUPS: { action: AppealAction; title: string }[] = [
  { action: 'accept', title: '待受理' },
  { action: 'dispatch', title: '待分派' },
  { action: 'whistle', title: '待审核' },
  { action: 'reportIn', title: '待报到' },
  { action: 'claim', title: '待领办' },
  { action: 'resolve', title: '办理中' },
  { action: 'verify', title: '待核查' },
  { action: 'reply', title: '待答复' },
  { action: 'rate', title: '待评价' },
  { action: 'rateOnBehalf', title: '待回访' },
  { action: 'approveExtension', title: '延期待审' },
  { action: 'closeWithExplanation', title: '督办待结' },
]

export function todoGroupOf(a: Pick<Appeal, 'allowedActions'>): AppealAction | null {
  for (const g of TODO_GROUPS) if (a.allowedActions.includes(g.action)) return g.action
  return null
}

/** Red cards, then yellow, then overdue, then by the nearest due time. */
export function urgencyRank(a: Pick<Appeal, 'card' | 'status' | 'deadlines'>, now: number): [number, number] {
  const step = currentStep(a)
  const due = step?.dueAt ? new Date(step.dueAt).getTime() : Number.MAX_SAFE_INTEGER
  const card = a.card === 'red' ? 0 : a.card === 'yellow' ? 1 : due < now ? 2 : 3
  return [card, due]
}

export function compareUrgency(now: number) {
  return (x: Pick<Appeal, 'card' | 'status' | 'deadlines'>, y: Pick<Appeal, 'card' | 'status' | 'deadlines'>) => {
    const a = urgencyRank(x, now)
    const b = urgencyRank(y, now)
    return a[0] - b[0] || a[1] - b[1]
  }
}

/** The button text of an action ("网格收单", "分派" …). */
export const actionName = (a: AppealAction) => ACTION_NAMES[a]

/**
 * For an appeal's query: a response carrying an older version than the one already shown (a read
 * that crossed an action in flight) never replaces it — acting on it would only earn a 409.
 */
export function keepNewerAppeal(old: unknown, next: unknown): unknown {
  const prev = old as { version?: number } | undefined
  const fresh = next as { version?: number } | undefined
  return prev?.version !== undefined && fresh?.version !== undefined && prev.version > fresh.version ? prev : next
}
