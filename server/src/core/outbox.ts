/**
 * Notifications as part of a change: the change names who should hear of it by relation (its grid's
 * staff, its community, its handler …) and the core writes that intent into the outbox in the same
 * transaction. Turning a relation into accounts is the notifications module's rule, applied after the
 * commit — by the instance that committed (the pump below, kicked after each commit) and by the
 * leader's job (for anything an instance left behind when it died). The request never waits for it.
 */

/** Who should hear of a change, named by relation; resolved to accounts by notifications/recipients.ts. */
export type Recipient =
  | { kind: 'user'; userId: number }
  | { kind: 'gridStaff'; gridCode: string }
  | { kind: 'place'; role: 'community' | 'street' | 'county'; code: string }
  | { kind: 'department'; code: string }
  /** every account of a role (the system administrators) */
  | { kind: 'role'; role: 'systemAdmin' | 'securityAdmin' | 'auditAdmin' }
  | { kind: 'assignee'; type: string | null; id: string | null; communityPath?: string }

export interface NotificationIntent {
  to: Recipient[]
  /** assigned · claimLost · warning · yellowCard · redCard · supervision · rated · returned · extension … */
  kind: string
  title: string
  body: string
  appealId?: number | null
  /** never tell these accounts (the actor who caused it is left out anyway) */
  except?: number[]
}

/**
 * Drains the outbox after commits, one drain at a time per process: a kick during a drain runs one
 * more drain after it, so nothing committed before a kick waits for the next job tick.
 */
export interface OutboxPump {
  kick(): void
  /** resolves when no drain is running or pending (tests wait on it; so does a clean shutdown) */
  idle(): Promise<void>
}

/**
 * `settleMs`: how long a kick waits before draining, so that the commits of a busy moment are drained
 * together in one batch instead of one drain per commit (the drain shares the database with the requests:
 * on the embedded database, one connection). Notifications arrive that much later; nothing waits for them.
 */
export function createOutboxPump(
  drain: () => Promise<number>,
  onError: (e: unknown) => void = () => undefined,
  settleMs = 0,
): OutboxPump {
  let running: Promise<void> | null = null
  let again = false
  const settle = () => (settleMs > 0 ? new Promise<void>((r) => setTimeout(r, settleMs)) : Promise.resolve())
  const loop = async () => {
    do {
      again = false
      await settle()
      try {
        await drain()
      } catch (e) {
        onError(e)
      }
    } while (again)
    running = null
  }
  return {
    kick() {
      if (running) again = true
      else running = loop()
    },
    async idle() {
      while (running) await running
    },
  }
}

/** A pump for processes that do not serve requests (CLI, seeding): the next job tick delivers. */
export const IDLE_PUMP: OutboxPump = { kick: () => undefined, idle: async () => undefined }
