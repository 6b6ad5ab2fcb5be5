/** The caller's to-do appeals (view=todo), every page read — the phone home counts come from it. */
import type { Appeal } from '#contracts/appeals'
import { currentStep } from '../../shared/appeal'
import { deadlineState } from '../../shared/format'
import { useTodo } from '../../shared/use-todo'

export { useTodo }

export type TodoKind = 'inbox' | 'verify' | 'soon' | 'overdue' | 'followup' | 'claim' | 'resolve'

export function todoOf(kind: TodoKind, items: Appeal[], now: number): Appeal[] {
  const level = (a: Appeal) => {
    const s = currentStep(a)
    return s?.dueAt ? deadlineState(s.dueAt, now).level : 'ok'
  }
  switch (kind) {
    case 'inbox':
      return items.filter((a) => a.allowedActions.includes('accept'))
    case 'verify':
      return items.filter((a) => a.allowedActions.includes('verify'))
    case 'followup':
      return items.filter((a) => a.allowedActions.includes('rateOnBehalf'))
    case 'claim':
      return items.filter((a) => a.allowedActions.includes('claim'))
    case 'resolve':
      return items.filter((a) => a.allowedActions.includes('resolve'))
    case 'soon':
      return items.filter((a) => level(a) === 'soon')
    case 'overdue':
      return items.filter((a) => level(a) === 'overdue')
  }
}
