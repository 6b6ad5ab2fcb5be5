/** 催办: a resident may chase a step that is past its time limit, once a day. */
import { Button } from 'antd-mobile'
import { toast } from '../ui/toast'
import { useMutation } from '@tanstack/react-query'
import type { Appeal } from '#contracts/appeals'
import type { UrgeResult } from '#contracts/urges'
import { errorText, post } from '../../shared/api'

export function UrgeButton({ appeal }: { appeal: Appeal }) {
  const m = useMutation({
    mutationFn: () => post<UrgeResult>(`/appeals/${appeal.id}/urge`),
    meta: { silent: true },
    onSuccess: () => toast('已催办，办理人员会尽快处理', 'success'),
    onError: (e) => toast(errorText(e), 'fail'),
  })
  return (
    <Button size="large" color="warning" fill="outline" loading={m.isPending} onClick={() => m.mutate()}>
      催办
    </Button>
  )
}
