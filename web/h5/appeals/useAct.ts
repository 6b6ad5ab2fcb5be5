/** Taking a workflow action from the phone: one place for the request, the toast and the cache. */
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { toast } from '../ui/toast'
import type { Appeal } from '#contracts/appeals'
import type { AppealAction } from '#contracts/workflow'
import { ACTION_NAMES } from '#contracts/labels'
import { post } from '../../shared/api'

export function useAct() {
  const client = useQueryClient()
  return useMutation({
    // a read of this appeal still in flight would land after the action and bring back the old version
    onMutate: ({ appeal }) => client.cancelQueries({ queryKey: ['appeals', 'detail', appeal.id] }),
    mutationFn: ({ appeal, action, body }: { appeal: Pick<Appeal, 'id' | 'version'>; action: AppealAction; body?: Record<string, unknown> }) =>
      post<Appeal>(`/appeals/${appeal.id}/actions`, { action, version: appeal.version, ...(body ?? {}) }),
    onSuccess: (updated, v) => {
      client.setQueryData(['appeals', 'detail', updated.id], updated)
      void client.invalidateQueries({ queryKey: ['appeals', 'list'] })
      void client.invalidateQueries({ queryKey: ['appeals', 'counts'] })
      toast(`已${ACTION_NAMES[v.action]}`, 'success')
    },
  })
}

/** Actions a phone page can take directly or with a short form; the rest go to the console. */
export const ONE_TAP: ReadonlySet<AppealAction> = new Set<AppealAction>(['accept', 'claim', 'verify', 'reportIn'])
export const PHONE_FORMS: ReadonlySet<AppealAction> = new Set<AppealAction>([
  'resolveOnSpot',
  'resolve',
  'verifyFail',
  'rate',
  'rateOnBehalf',
  'assistNote',
  'requestExtension',
  'return',
  'reject',
  'reply',
  'escalate',
])
