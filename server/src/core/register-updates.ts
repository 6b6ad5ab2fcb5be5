/**
 * What a visit (走访) may change in a register (issue 13: "the register updates from what the visit found" — a
 * person moved out, died, a new tenant …). Each register declares its updates as data in its own module, exactly
 * like an importer (core/excel/import.ts); app.ts lists them once and hands the registry to the visits routes.
 * The visit service applies the chosen updates inside the visit's own transaction (ctx.db is that transaction's
 * handle), so a visit and what it changed commit together or not at all. The register's update does its own
 * authorize, its own checks (AppError with a Chinese message) and writes through the core's commit path.
 */
import type { Ctx } from '../context'

export interface RegisterUpdate<Payload = Record<string, unknown>> {
  /** stable name, `<register>.<what>`: person.moveOut, person.death, rental.addTenant … */
  kind: string
  /** how the visit form names it, in Chinese: 人员已搬离 */
  title: string
  /** which subjects it applies to (a visit's subjectType): resident · household · rental · venue */
  subjectTypes: readonly string[]
  /** the payload's fields for the form: key, Chinese label, type */
  fields: readonly { key: string; label: string; type: 'text' | 'date' | 'idNumber' | 'phone' | 'code'; required?: boolean; options?: readonly { value: string; label: string }[] }[]
  /**
   * Apply it to the visited subject, inside the visit's transaction (`ctx.db`). Returns a one-line Chinese summary
   * kept on the visit (register_changes) and shown on the person card.
   */
  apply(ctx: Ctx, subject: { type: string; id: number }, payload: Payload): Promise<{ summary: string }>
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each update keeps its own payload type
export type AnyRegisterUpdate = RegisterUpdate<any>

export const defineRegisterUpdate = <P>(u: RegisterUpdate<P>): RegisterUpdate<P> => u

export interface RegisterUpdateRegistry {
  get(kind: string): AnyRegisterUpdate | undefined
  all(): readonly AnyRegisterUpdate[]
}

export function registerUpdateRegistry(updates: readonly AnyRegisterUpdate[]): RegisterUpdateRegistry {
  const byKind = new Map(updates.map((u) => [u.kind, u]))
  if (byKind.size !== updates.length) throw new Error('two register updates share a kind')
  return { get: (k) => byKind.get(k), all: () => updates }
}
