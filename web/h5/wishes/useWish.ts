/** A wish and its actions from the phone: one place for the request, the toast and the cache. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { PageOf } from '#contracts/common'
import type { Wish } from '#contracts/wishes'
import { WISH_ACTION_NAMES, type WishAction } from '#contracts/wishes-workflow'
import { get, post } from '../../shared/api'
import { toast } from '../ui/toast'

export const useWish = (id: string | undefined) =>
  useQuery({ queryKey: ['wishes', 'detail', id], enabled: id !== undefined, queryFn: ({ signal }) => get<Wish>(`/wishes/${id}`, undefined, signal) })

export const useWishes = (query: { mine?: boolean; status?: string[] }) =>
  useQuery({ queryKey: ['wishes', 'list', query], queryFn: ({ signal }) => get<PageOf<Wish>>('/wishes', { limit: 100, ...query }, signal) })

export function useWishAct() {
  const client = useQueryClient()
  return useMutation({
    onMutate: ({ wish }) => client.cancelQueries({ queryKey: ['wishes', 'detail', wish.id] }),
    mutationFn: ({ wish, action, body }: { wish: Pick<Wish, 'id' | 'version'>; action: WishAction; body?: Record<string, unknown> }) =>
      post<Wish>(`/wishes/${wish.id}/actions`, { action, version: wish.version, ...(body ?? {}) }),
    onSuccess: (updated, v) => {
      client.setQueryData(['wishes', 'detail', updated.id], updated)
      void client.invalidateQueries({ queryKey: ['wishes', 'list'] })
      toast(`${WISH_ACTION_NAMES[v.action]}成功`, 'success')
    },
  })
}
