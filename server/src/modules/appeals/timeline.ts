/** The appeal's own timeline (appeal_event: indexed for the detail page) as the core's timeline writer. */
import type { TimelineWriter } from '../../core/commit'
import { insertAppealEvent } from './queries'

export const appealTimeline: TimelineWriter = (tx, appealId, r) => insertAppealEvent(tx, { appealId, ...r, comment: r.comment ?? null })
