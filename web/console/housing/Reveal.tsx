/** 查看完整: one masked field shown in full on request, for the roles that may (the server audits each reveal). */
import { useState } from 'react'
import { Typography } from 'antd'
import { useMutation } from '@tanstack/react-query'
import { errorText, post } from '../../shared/api'
import { useMe } from '../../shared/session'

const REVEAL_ROLES = ['community', 'gridHead', 'gridWorker']

export function Revealable({ masked, path, field }: { masked: string | null; path: string; field: string }) {
  const role = useMe().data?.role
  const [shown, setShown] = useState<string | null>(null)
  const reveal = useMutation({ mutationFn: () => post<{ value: string | null }>(path, { field }), onSuccess: (r) => setShown(r.value) })
  if (!masked) return <>—</>
  return (
    <span className="yw-tabular">
      {shown ?? masked}
      {shown === null && role && REVEAL_ROLES.includes(role) ? (
        <a style={{ marginLeft: 12 }} onClick={() => reveal.mutate()}>
          查看完整
        </a>
      ) : null}
      {reveal.error ? <Typography.Text type="danger" style={{ marginLeft: 8 }}>{errorText(reveal.error)}</Typography.Text> : null}
    </span>
  )
}
