/** One appeal, as both apps read it: cached by id, and never replaced by an older version read while acting on it. */
import { useQuery } from '@tanstack/react-query'
import type { Appeal } from '#contracts/appeals'
import { get } from './api'
import { keepNewerAppeal } from './appeal'

export function useAppeal(id: string | undefined) {
  return useQuery({
    queryKey: ['appeals', 'detail', id],
    queryFn: ({ signal }) => get<Appeal>(`/appeals/${id}`, undefined, signal),
    enabled: Boolean(id),
    structuralSharing: keepNewerAppeal,
  })
}
