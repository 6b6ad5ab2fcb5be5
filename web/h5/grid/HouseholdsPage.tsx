/** 确认居民住户: residents who signed up in this grid, confirmed with one tap. */
import { Button, Dialog, PullToRefresh, Tag } from 'antd-mobile'
import { toast } from '../ui/toast'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { HouseholdClaim } from '#contracts/signup'
import { errorText, get, post } from '../../shared/api'
import { formatShortTime } from '../../shared/format'
import { EmptyBlock, LoadError, Loading, Page } from '../shell/Page'

export default function HouseholdsPage() {
  const client = useQueryClient()
  const q = useQuery({ queryKey: ['household-claims', 'pending'], queryFn: ({ signal }) => get<HouseholdClaim[]>('/household-claims', { status: 'pending' }, signal) })
  const done = () => void client.invalidateQueries({ queryKey: ['household-claims'] })
  const confirm = useMutation({
    mutationFn: (id: string) => post<HouseholdClaim>(`/household-claims/${id}/confirm`),
    onSuccess: (c) => {
      toast(`已确认 ${c.resident.name} 的住户`, 'success')
      done()
    },
  })
  const reject = async (c: HouseholdClaim) => {
    let reason = ''
    const ok = await Dialog.confirm({
      title: '住址不符',
      content: (
        <textarea
          aria-label="原因"
          placeholder="例如：该房号无此人居住"
          onChange={(e) => (reason = e.target.value)}
          style={{ width: '100%', minHeight: 80, font: 'inherit', border: '1px solid #d9d9d9', borderRadius: 8, padding: 8, boxSizing: 'border-box' }}
        />
      ),
      confirmText: '确定',
      cancelText: '取消',
    })
    if (!ok) return
    if (!reason.trim()) return void toast('请填写原因', 'fail')
    try {
      await post(`/household-claims/${c.id}/reject`, { reason: reason.trim() })
      toast('已退回', 'success')
      done()
    } catch (e) {
      toast(errorText(e), 'fail')
    }
  }
  return (
    <Page title="确认居民住户">
      <PullToRefresh onRefresh={async () => void (await q.refetch())}>
        {q.isPending ? (
          <Loading />
        ) : q.isError ? (
          <LoadError error={q.error} onRetry={() => void q.refetch()} />
        ) : q.data.length === 0 ? (
          <EmptyBlock title="没有待确认的住户" />
        ) : (
          q.data.map((c) => (
            <section key={c.id} className="yw-card" aria-label={`${c.resident.name}的住户申请`}>
              <div className="yw-card-head">
                <strong style={{ fontSize: 'var(--adm-font-size-9)' }}>{c.resident.name}</strong>
                <span className="yw-muted">{formatShortTime(c.createdAt)}</span>
              </div>
              <p style={{ margin: '6px 0' }}>{c.address}</p>
              <div className="yw-row yw-muted">
                <span>{c.resident.phone}</span>
                {c.existingHousehold ? <Tag color="primary" fill="outline">已有该户档案</Tag> : <Tag fill="outline">将新建户档案</Tag>}
              </div>
              <div style={{ display: 'flex', gap: 12, marginTop: 12 }}>
                <Button color="primary" size="large" style={{ flex: 2 }} loading={confirm.isPending && confirm.variables === c.id} onClick={() => confirm.mutate(c.id)} aria-label={`确认 ${c.resident.name} 的住户`}>
                  确认住户
                </Button>
                <Button size="large" style={{ flex: 1 }} onClick={() => void reject(c)}>
                  住址不符
                </Button>
              </div>
            </section>
          ))
        )}
      </PullToRefresh>
    </Page>
  )
}
