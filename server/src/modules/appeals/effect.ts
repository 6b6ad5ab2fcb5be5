/** What an action handler returns: everything the action writes besides the next state, which is the table's. */
import type { Ctx } from '../../context'
import type { NotificationIntent } from '../../core/outbox'
import type { Db } from '../../db/client'
import type { AppealActionBody, Limit } from '#contracts/appeals'
import type { Transition } from '#contracts/workflow'
import type { AppealInsert, AppealRow } from './queries'
import type { Step } from './steps'

export interface StepStart {
  step: Step
  limit: Limit
  departmentCode?: string
}

export interface Effect {
  /** which of the table's branches the action takes (the rating; the origin of a return) */
  branch?: string
  patch: Partial<AppealInsert>
  /** what the timeline event records */
  fields: Record<string, unknown>
  photoIds?: string[]
  steps?: {
    /** steps this action completes (late when after their due time); reportIn is per department */
    finish?: (Step | { step: Step; departmentCode: string })[]
    /** steps this action makes moot */
    cancel?: Step[] | 'all'
    start?: StepStart[]
  }
  /** more writes in the same transaction, after the versioned update and its timeline event */
  after?: (tx: Db, updated: AppealRow) => Promise<void>
  notify?: NotificationIntent[]
}

export type Handler = (ctx: Ctx, a: AppealRow, body: AppealActionBody, t: Transition) => Promise<Effect>
