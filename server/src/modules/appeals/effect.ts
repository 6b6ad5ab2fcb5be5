/** What an action handler returns: the state change, and everything else the same transaction writes. */
import type { Ctx } from '../../context'
import type { Db } from '../../db/client'
import type { AppealActionBody, Limit } from '#contracts/appeals'
import type { AppealStatus, Transition } from '#contracts/workflow'
import type { NotifyInput } from '../notifications/service'
import type { AppealInsert, AppealRow } from './queries'
import type { Step } from './steps'

export interface StepStart {
  step: Step
  limit: Limit
  departmentCode?: string
}

export interface Effect {
  to: AppealStatus
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
  /** more writes in the same transaction, after the versioned update succeeded */
  after?: (tx: Db, updated: AppealRow) => Promise<void>
  notify?: NotifyInput[]
}

export type Handler = (ctx: Ctx, a: AppealRow, body: AppealActionBody, t: Transition) => Promise<Effect>
