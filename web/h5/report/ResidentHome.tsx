/** Resident's home: 我要反映 first, then my appeals (those waiting for my rating on top). */
import { Button, NoticeBar } from 'antd-mobile'
import { useQuery } from '@tanstack/react-query'
import { useNavigate } from 'react-router'
import type { Appeal } from '#contracts/appeals'
import type { PageOf } from '#contracts/common'
import type { HouseholdClaim } from '#contracts/signup'
import { get } from '../../shared/api'
import { useMe } from '../../shared/session'
import { useNow } from '../../shared/use-now'
import { AppealCard } from '../ui/appeal-bits'
import { LoadError, Page } from '../shell/Page'
import { InboxBell } from '../me/InboxBell'

export default function ResidentHome() {
  const me = useMe().data!
  const navigate = useNavigate()
  const now = useNow(30_000)
  const claim = useQuery({ queryKey: ['household-claims', 'mine'], queryFn: () => get<HouseholdClaim | null>('/household-claims/mine') })
  const mine = useQuery({ queryKey: ['appeals', 'list', 'home'], queryFn: ({ signal }) => get<PageOf<Appeal>>('/appeals', { limit: 5 }, signal) })
  const items = [...(mine.data?.items ?? [])].sort((a, b) => Number(b.allowedActions.includes('rate')) - Number(a.allowedActions.includes('rate')))
  return (
    <Page title="随手反映" back={false} right={<InboxBell />}>
      <div className="yw-hero">
        <h2 style={{ margin: '0 0 4px', fontSize: '1.375rem' }}>{me.displayName}，您好</h2>
        <p>{me.scopeName}</p>
        <Button block size="large" className="yw-primary" style={{ marginTop: 16, color: '#8c0f14', fontWeight: 700 }} onClick={() => navigate('/report')}>
          我要反映
        </Button>
      </div>
      {claim.data?.status === 'pending' ? <NoticeBar content={`住址待网格员确认：${claim.data.address}`} color="default" wrap /> : null}
      {claim.data?.status === 'rejected' ? <NoticeBar content={`住址未能确认：${claim.data.reason ?? ''}`} color="alert" wrap /> : null}
      <section aria-labelledby="mine-title">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', margin: '16px 16px 0' }}>
          <h2 id="mine-title" className="yw-title" style={{ margin: 0 }}>
            我的诉求
          </h2>
          <Button fill="none" color="primary" onClick={() => navigate('/appeals')}>
            全部 ›
          </Button>
        </div>
        {mine.isError ? (
          <LoadError error={mine.error} onRetry={() => void mine.refetch()} />
        ) : items.length === 0 && !mine.isPending ? (
          <p className="yw-muted" style={{ margin: '8px 16px' }}>
            还没有反映过问题。遇到身边的难事，点上面的“我要反映”。
          </p>
        ) : (
          items.map((a) => <AppealCard key={a.id} appeal={a} now={now} to={`/appeals/${a.id}`} />)
        )}
      </section>
      <div style={{ margin: 12 }}>
        <Button block size="large" onClick={() => navigate('/volunteers')}>
          社区活动预约
        </Button>
      </div>
      <p style={{ textAlign: 'center' }}>
        <a href="/public">看看大家反映的事办得怎样（公开晒单）</a>
      </p>
    </Page>
  )
}
