/** The inbox, the outbox expansion (recipient rules) and outbound channels. */
export { notificationRoutes } from './routes'
export { deliverOutbox, expandOutbox } from './service'
export { LoggingChannel, type OutboundChannel } from './channel'
