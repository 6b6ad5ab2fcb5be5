/** The deadline sweeper as a job: the platform itself (the system actor) runs the appeals module's sweep. */
import { systemCtx, type AppDeps } from '../context'
import { sweepDeadlines as sweep, type SweepResult } from '../modules/appeals'

export type { SweepResult }

export function sweepDeadlines(deps: AppDeps, batch = 200): Promise<SweepResult> {
  return sweep(systemCtx(deps), batch)
}
