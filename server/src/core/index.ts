/**
 * The shared core every domain module builds on: workflows as data, one way to commit a change (with
 * its timeline event, audit row and notifications), and the outbox those notifications go through.
 */
export { checkAction, checkActionFields, defineWorkflow, refusalError, type Decision, type Refusal, type Workflow, type WorkflowPolicy } from './workflow'
export {
  actorColumns,
  auditRecord,
  auditRecordOf,
  commitChange,
  inTransaction,
  notifyOnly,
  outboxRecords,
  recordAudit,
  recordAuditAs,
  sameVersion,
  sharedTimeline,
  STALE_RECORD,
  writeChange,
  writeTimelineEvents,
  type AuditActor,
  type AuditInput,
  type Change,
  type TimelineEntry,
  type TimelineRecord,
  type TimelineWriter,
  type WorkflowEventRow,
} from './commit'
export { commitTransition, transitionChange, type TransitionChange } from './transition'
export { createOutboxPump, IDLE_PUMP, type NotificationIntent, type OutboxPump, type Recipient } from './outbox'
export { auditExists, listWorkflowEvents, type AuditInsert, type OutboxInsert, type OutboxRow } from './queries'
export { presentTimelineEvent, type TimelineRow } from './presenter'
