/** 催办: a resident may chase a step that is past its time limit, once a day. */
import { Button, Toast } from 'antd-mobile'
import { useMutation } from '@tanstack/react-query'
import type { Appeal } from '#contracts/appeals'
import { errorText, post } from '../../shared/api'

export function UrgeButton({ appeal }: { appeal: Appeal }) {
  const m = useMutation({
    mutationFn: () => post<{ notified: number }>(`/appeals/${appeal.id}/urge`),
    meta: { silent: true },
    onSuccess: () => Toast.show({ content: '已催办，办理人员会尽快处理', icon: 'success' }),
    onError: (e) => Toast.show({ content: errorText(e), icon: 'fail' }),
  })
  return (
    <Button size="large" color="warning" fill="outline" loading={m.isPending} onClick={() => m.mutate()}>
      催办
    </Button>
  )
}
