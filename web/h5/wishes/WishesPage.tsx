/**
 * 微心愿 on the phone. A party member: 认领心愿 (the community's wishes waiting for someone) and 我认领的心愿
 * (to fulfil with a photo, or give up); a resident: 我的心愿 (to thank and rate once fulfilled).
 */
import { useState } from 'react'
import { Tabs } from 'antd-mobile'
import { useNavigate } from 'react-router'
import { useMe } from '../../shared/session'
import { EmptyBlock, LoadError, Loading, Page } from '../shell/Page'
import { WishCard } from './WishCard'
import { useWishes } from './useWish'

function WishList({ query, empty }: { query: { mine?: boolean; status?: string[] }; empty: string }) {
  const navigate = useNavigate()
  const q = useWishes(query)
  if (q.isPending) return <Loading />
  if (q.isError) return <LoadError error={q.error} onRetry={() => void q.refetch()} />
  if (!q.data.items.length) return <EmptyBlock title={empty} />
  return (
    <>
      {q.data.items.map((w) => (
        <WishCard
          key={w.id}
          title={w.title}
          who={`${w.beneficiary.name}（${w.groupName}）`}
          place={`${w.grid?.name ?? w.community.name} · ${w.categoryName}`}
          status={w.status}
          statusName={w.statusName}
          onClick={() => navigate(`/wishes/${w.id}`)}
        />
      ))}
    </>
  )
}

export default function WishesPage() {
  const me = useMe().data!
  const [tab, setTab] = useState('open')
  if (me.role === 'resident') {
    return (
      <Page title="我的心愿">
        <section className="yw-section">
          <WishList query={{}} empty="社区还没有为您发布心愿" />
        </section>
      </Page>
    )
  }
  return (
    <Page title="微心愿">
      <Tabs activeKey={tab} onChange={setTab}>
        <Tabs.Tab title="认领心愿" key="open" />
        <Tabs.Tab title="我认领的心愿" key="mine" />
      </Tabs>
      <section className="yw-section">
        {tab === 'open' ? <WishList query={{ status: ['published'] }} empty="暂时没有待认领的心愿" /> : <WishList query={{ mine: true }} empty="您还没有认领心愿" />}
      </section>
    </Page>
  )
}
