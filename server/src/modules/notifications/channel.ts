/**
 * Outbound notification channels. The inbox is always written; channels (SMS, WeChat
 * templates …) are plugged in here and fed from the outbox by the notification job.
 */
import type { FastifyBaseLogger } from 'fastify'
import type { NotificationRow } from './queries'

export interface OutboundChannel {
  readonly name: string
  /** Deliver a batch; resolve when the channel has taken them (it may retry on its own). */
  send(batch: NotificationRow[]): Promise<void>
}

/** The default channel: writes one structured log line per notification (no message leaves the box). */
export class LoggingChannel implements OutboundChannel {
  readonly name = 'log'
  constructor(private readonly log?: Pick<FastifyBaseLogger, 'info'>) {}
  async send(batch: NotificationRow[]): Promise<void> {
    for (const n of batch) this.log?.info({ notification: n.id, userId: n.userId, kind: n.kind, appealId: n.appealId }, n.title)
  }
}
