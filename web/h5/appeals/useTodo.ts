/** The caller's to-do appeals (view=todo), every page read — the phone home counts come from it. */
import { useQuery } from '@tanstack/react-query'
import type { Appeal } from '#contracts/appeals'
import type { PageOf } from '#contracts/common'
import { get } from '../../shared/api'
import { currentStep } from '../../shared/appeal'
import { deadlineState } from '../../shared/format'

async function loadTodo(signal: AbortSignal): Promise<Appeal[]> {
  const out: Appeal[] = []
  let cursor: string | undefined
  for (let i = 0; i < 5; i++) {
    const page = await get<PageOf<Appeal>>('/appeals', { view: 'todo', limit: 100, cursor }, signal)
    out.push(...page.items.filter((a) => a.allowedActions.length > 0))
    if (!page.nextCursor) break
    cursor = page.nextCursor
  }
  return out
}

export function useTodo() {
  return useQuery({ queryKey: ['appeals', 'list', 'todo'], queryFn: ({ signal }) => loadTodo(signal), refetchInterval: 60_000 })
}

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
