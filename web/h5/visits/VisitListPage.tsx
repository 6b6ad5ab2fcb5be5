/**
 * 走访清单 for the grid worker: generated from the registers on the county's frequencies — tabs 逾期 / 待访 / 全部,
 * a banner and a tab for each active door-knocking campaign (敲门行动). Each item is one tap to the visit form.
 */
import { PullToRefresh, Tabs } from 'antd-mobile'
import { useQuery } from '@tanstack/react-query'
import { Link, useSearchParams } from 'react-router'
import type { DueItem, DueList } from '#contracts/visits'
import { get } from '../../shared/api'
import { EmptyBlock, LoadError, Loading, Page } from '../shell/Page'

const TABS = [
  { key: 'overdue', title: '逾期' },
  { key: 'due', title: '待访' },
  { key: 'all', title: '全部' },
] as const

const STATE_COLOR = { overdue: 'var(--adm-color-danger)', due: 'var(--adm-color-warning)', ok: 'var(--adm-color-success)' } as const

function formLink(i: DueItem, campaignId?: string) {
  const q = new URLSearchParams({ subjectType: i.subjectType, subjectId: i.subjectId, kind: i.subjectKind, ...(campaignId ? { campaignId } : {}) })
  return `/visits/new?${q}`
}

function Item({ item, campaignId }: { item: DueItem; campaignId?: string }) {
  const when =
    item.state === 'overdue' ? `已逾期 ${item.daysOverdue} 天` : item.state === 'due' ? `${item.nextDueDate.slice(5)} 前走访` : `下次 ${item.nextDueDate.slice(5)}`
  return (
    <Link to={formLink(item, campaignId)} className="yw-section" style={{ display: 'block', textDecoration: 'none', color: 'inherit', margin: '8px 12px', padding: '14px 16px' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: 8 }}>
        <strong style={{ fontSize: 'var(--adm-font-size-9)' }}>{item.name}</strong>
        <span style={{ color: STATE_COLOR[item.state], fontWeight: 600, whiteSpace: 'nowrap' }}>{when}</span>
      </div>
      <div className="yw-muted" style={{ marginTop: 4 }}>
        {item.subjectKindName}
        {item.frequencyDays ? ` · 每 ${item.frequencyDays} 天` : ''} · 上次 {item.lastVisitedAt ? item.lastVisitedAt.slice(5, 10) : '未走访'}
      </div>
      <div className="yw-muted" style={{ marginTop: 2, fontSize: 'var(--adm-font-size-5)' }}>
        {item.address}
      </div>
    </Link>
  )
}

export default function VisitListPage() {
  const [params, setParams] = useSearchParams()
  const tab = params.get('tab') ?? 'overdue'
  const campaignId = tab.startsWith('c') ? tab.slice(1) : undefined
  const list = useQuery({ queryKey: ['visits', 'due'], queryFn: ({ signal }) => get<DueList>('/visits/due', undefined, signal) })
  const campaign = useQuery({
    queryKey: ['visits', 'due', 'campaign', campaignId],
    queryFn: ({ signal }) => get<DueList>('/visits/due', { campaignId }, signal),
    enabled: campaignId !== undefined,
  })
  const data = list.data
  const items = campaignId ? (campaign.data?.items ?? []) : (data?.items ?? []).filter((i) => tab === 'all' || i.state === tab)
  const pending = list.isPending || (campaignId !== undefined && campaign.isPending)
  return (
    <Page title="走访清单">
      {data?.campaigns.map((c) => (
        <button
          key={c.id}
          type="button"
          onClick={() => setParams({ tab: `c${c.id}` }, { replace: true })}
          style={{
            display: 'block',
            width: '100%',
            minHeight: 'var(--yw-target)',
            border: 0,
            borderBottom: '1px solid #ffccc7',
            padding: '10px 16px',
            background: '#fff1f0',
            color: '#820014',
            font: 'inherit',
            textAlign: 'left',
          }}
        >
          <strong>敲门行动「{c.name}」</strong>：本辖区还有 {c.remaining} / {c.subjects} 个对象未走访，{c.deadline} 截止 ›
        </button>
      ))}
      <Tabs activeKey={tab} onChange={(k) => setParams({ tab: k }, { replace: true })}>
        {TABS.map((t) => (
          <Tabs.Tab key={t.key} title={`${t.title}${data && t.key !== 'all' ? ` ${data.counts[t.key]}` : ''}`} />
        ))}
        {data?.campaigns.map((c) => <Tabs.Tab key={`c${c.id}`} title={`${c.name.slice(0, 6)} ${c.remaining}`} />)}
      </Tabs>
      <PullToRefresh onRefresh={async () => void (await Promise.all([list.refetch(), campaignId ? campaign.refetch() : undefined]))}>
        {pending ? (
          <Loading />
        ) : list.isError ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          <EmptyBlock title={campaignId ? '本行动的对象都已走访' : tab === 'overdue' ? '没有逾期未访的对象' : '暂无走访对象'} />
        ) : (
          <div style={{ paddingBottom: 16 }}>
            {items.map((i) => (
              <Item key={`${i.subjectType}:${i.subjectId}:${i.subjectKind}`} item={i} {...(campaignId ? { campaignId } : {})} />
            ))}
          </div>
        )}
      </PullToRefresh>
    </Page>
  )
}
