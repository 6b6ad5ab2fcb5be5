/** 我的包保户: the member's households with their last visit, one tap to record a visit, and the phone shown on the building notice. */
import { useState } from 'react'
import { Button, Dialog, PullToRefresh, Switch, Tag } from 'antd-mobile'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link, useNavigate } from 'react-router'
import type { MyPledges, NoticeContact, Pledge } from '#contracts/pledges'
import { api, errorText, get, post } from '../../shared/api'
import { EmptyBlock, LoadError, Loading, Page } from '../shell/Page'
import { TextField } from '../ui/Field'
import { toast } from '../ui/toast'

export default function MyPledgesPage() {
  const navigate = useNavigate()
  const client = useQueryClient()
  const q = useQuery({ queryKey: ['pledges', 'mine'], queryFn: ({ signal }) => get<MyPledges>('/pledges/mine', undefined, signal) })
  const release = async (p: Pledge) => {
    const ok = await Dialog.confirm({ content: `解除对 ${p.household.room ?? p.household.address} 的包保？`, confirmText: '解除包保', cancelText: '取消' })
    if (!ok) return
    try {
      await post(`/pledges/${p.id}/actions`, { action: 'release', version: p.version })
      toast('已解除包保', 'success')
      void client.invalidateQueries({ queryKey: ['pledges'] })
    } catch (e) {
      toast(errorText(e), 'fail')
    }
  }
  return (
    <Page title="我的包保户">
      <PullToRefresh onRefresh={async () => void (await q.refetch())}>
        {q.isPending ? (
          <Loading />
        ) : q.isError ? (
          <LoadError error={q.error} onRetry={() => void q.refetch()} />
        ) : !q.data.registered ? (
          <EmptyBlock title="尚未报到" description="到社区报到并经社区确认后，才能认领包保户。" />
        ) : (
          <>
            <div className="yw-hero" style={{ paddingBottom: 16 }}>
              <h2 style={{ margin: 0, fontSize: '1.25rem' }}>{q.data.communityName}</h2>
              <p>
                已包保 {q.data.items.length} 户（每人 {q.data.min}–{q.data.max} 户）
                {q.data.items.length < q.data.min ? '，未达标' : ''}
              </p>
            </div>
            {q.data.items.length === 0 ? <EmptyBlock title="还没有包保户" description="按楼栋、楼层认领 5–8 户邻居，常走访、解民忧。" /> : null}
            {q.data.items.map((p) => (
              <section key={p.id} className="yw-card" aria-label={p.household.address}>
                <div className="yw-card-head">
                  <strong>{p.household.buildingName ? `${p.household.buildingName} ${p.household.room ?? ''}` : p.household.address}</strong>
                  {p.lastVisitedOn ? <Tag color="success" fill="outline">走访 {p.visitCount} 次</Tag> : <Tag color="warning" fill="outline">未走访</Tag>}
                </div>
                <p className="yw-muted" style={{ margin: '6px 0' }}>{p.household.address}</p>
                <div className="yw-row" style={{ justifyContent: 'space-between', flexWrap: 'nowrap' }}>
                  <span className="yw-muted" style={{ whiteSpace: 'nowrap' }}>上次走访 {p.lastVisitedOn ?? '—'}</span>
                  <div style={{ display: 'flex', gap: 4, alignItems: 'center' }}>
                    {p.allowedActions.includes('release') ? (
                      <Button fill="none" size="small" onClick={() => void release(p)} aria-label={`解除包保 ${p.household.room ?? p.household.address}`}>
                        解除
                      </Button>
                    ) : null}
                    {p.allowedActions.includes('visit') ? (
                      <Button color="primary" fill="outline" onClick={() => navigate(`/pledges/${p.id}/visit`)} aria-label={`记录走访 ${p.household.room ?? p.household.address}`}>
                        记录走访
                      </Button>
                    ) : null}
                  </div>
                </div>
              </section>
            ))}
            <section className="yw-section">
              {q.data.items.length < q.data.max ? (
                <Button block color="primary" size="large" className="yw-primary" onClick={() => navigate('/pledges/choose')}>
                  认领包保户
                </Button>
              ) : (
                <p className="yw-muted" style={{ margin: 0 }}>已包保 {q.data.max} 户，达到上限。</p>
              )}
            </section>
            <ContactSection contact={q.data.contact} />
            <p className="yw-muted" style={{ margin: 12, fontSize: 14 }}>
              包保户名单同时公示在楼栋"三亮"公示栏。<Link to="/">返回首页</Link>
            </p>
          </>
        )}
      </PullToRefresh>
    </Page>
  )
}

/** The phone shown on the building notice: in full only with the member's consent. */
function ContactSection({ contact }: { contact: NoticeContact }) {
  const client = useQueryClient()
  const [phone, setPhone] = useState('')
  const [isPublic, setPublic] = useState(contact.phonePublic)
  const save = useMutation({
    mutationFn: () => api<NoticeContact>('PUT', '/pledges/mine/contact', { body: { ...(phone.trim() ? { phone: phone.trim() } : {}), phonePublic: isPublic } }),
    onSuccess: () => {
      toast('已保存', 'success')
      setPhone('')
      void client.invalidateQueries({ queryKey: ['pledges', 'mine'] })
    },
  })
  return (
    <section className="yw-section" aria-label="公示电话">
      <h2 style={{ fontSize: 'var(--adm-font-size-9)', margin: '0 0 8px' }}>楼栋公示电话</h2>
      <p className="yw-muted" style={{ margin: '0 0 8px' }}>当前：{contact.phone ?? '未填写'}{contact.phone ? (contact.phonePublic ? '（公示完整号码）' : '（公示时隐藏中间四位）') : ''}</p>
      <TextField label="手机号" placeholder={contact.phone ? '如需更换请输入新号码' : '输入手机号'} value={phone} onChange={setPhone} type="tel" maxLength={11} />
      <div className="yw-row" style={{ justifyContent: 'space-between', margin: '12px 0' }}>
        <span id="phone-public">同意在楼栋公示中显示完整号码</span>
        <Switch checked={isPublic} onChange={setPublic} aria-labelledby="phone-public" />
      </div>
      <Button block loading={save.isPending} disabled={!phone.trim() && !contact.phone} onClick={() => save.mutate()}>
        保存
      </Button>
    </section>
  )
}
