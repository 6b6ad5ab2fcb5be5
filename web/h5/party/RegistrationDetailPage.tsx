/** One registration: its state, details and history; a confirmed one may be transferred when the member moves. */
import { useState } from 'react'
import { Button, Dialog, List, Steps, Tag } from 'antd-mobile'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate, useParams } from 'react-router'
import type { Registration } from '#contracts/registrations'
import { errorText, get, post } from '../../shared/api'
import { formatTime } from '../../shared/format'
import { TextField } from '../ui/Field'
import { toast } from '../ui/toast'
import { LoadError, Loading, Page } from '../shell/Page'

export default function RegistrationDetailPage() {
  const { id } = useParams()
  const navigate = useNavigate()
  const client = useQueryClient()
  const [moving, setMoving] = useState(false)
  const [to, setTo] = useState('')
  const q = useQuery({ queryKey: ['registration', id], queryFn: ({ signal }) => get<Registration>(`/registrations/${id}`, undefined, signal) })
  const r = q.data
  const transfer = useMutation({
    mutationFn: () => post<Registration>(`/registrations/${id}/actions`, { action: 'transfer', version: r!.version, toCommunityCode: to }),
    meta: { silent: true },
    onSuccess: (moved) => {
      setMoving(false)
      toast('已转出，等待新社区确认', 'success')
      void client.invalidateQueries({ queryKey: ['my-registrations'] })
      navigate(`/party/registration/${moved.transferredToId}`, { replace: true })
    },
    onError: (e) => toast(errorText(e), 'fail'),
  })
  return (
    <Page title="报到详情">
      {q.isPending ? <Loading /> : null}
      {q.isError ? <LoadError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {r ? (
        <>
          <List header="报到信息">
            <List.Item extra={<Tag color={r.status === 'confirmed' ? 'success' : r.status === 'submitted' ? 'warning' : 'default'}>{r.statusName}</Tag>}>{r.community.name}</List.Item>
            <List.Item extra={r.unit?.name ?? r.workUnit}>工作单位</List.Item>
            <List.Item extra={r.partyOrg ?? '—'}>所在党组织</List.Item>
            <List.Item extra={r.postName ?? '—'}>志愿岗位</List.Item>
            <List.Item extra={r.skills ?? '—'}>特长</List.Item>
            <List.Item extra={r.phone ?? '—'}>联系电话</List.Item>
          </List>
          <section className="yw-section">
            <h2 style={{ fontSize: '1rem', margin: '0 0 8px' }}>办理记录</h2>
            <Steps direction="vertical" current={(r.events?.length ?? 1) - 1}>
              {(r.events ?? []).map((e) => (
                <Steps.Step
                  key={e.id}
                  title={e.actionName}
                  description={`${e.actor.name}（${e.actor.roleName}） ${formatTime(e.at)}${typeof e.fields.reason === 'string' ? ` · 原因：${e.fields.reason}` : ''}${typeof e.fields.note === 'string' ? ` · ${e.fields.note}` : ''}`}
                />
              ))}
            </Steps>
          </section>
          {r.allowedActions.includes('transfer') ? (
            <section className="yw-section">
              <Button block size="large" onClick={() => setMoving(true)}>
                搬家了？转到新社区
              </Button>
            </section>
          ) : null}
          <Dialog
            visible={moving}
            title="转到新社区"
            content={<TextField label="新社区代码（12 位）" value={to} onChange={(v) => setTo(v.replace(/[^0-9]/g, '').slice(0, 12))} inputMode="numeric" placeholder="如 520423002014" />}
            onClose={() => setMoving(false)}
            actions={[
              [
                { key: 'cancel', text: '取消', onClick: () => setMoving(false) },
                { key: 'ok', text: '确认转出', bold: true, disabled: !/^[0-9]{12}$/.test(to) || transfer.isPending, onClick: () => transfer.mutate() },
              ],
            ]}
          />
        </>
      ) : null}
    </Page>
  )
}
