/** The caller's to-do appeals (view=todo), every page read (at most 500): the workbench and the phone homes count from it. */
import { useQuery } from '@tanstack/react-query'
import type { Appeal } from '#contracts/appeals'
import type { PageOf } from '#contracts/common'
import { get } from './api'

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
