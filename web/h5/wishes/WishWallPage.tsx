/** 心愿墙: a community's wishes for anyone to read, without logging in — 王**, the category and the grid, never a full name or an address. */
import { useQuery } from '@tanstack/react-query'
import { useSearchParams } from 'react-router'
import type { PageOf } from '#contracts/common'
import type { PublicWish } from '#contracts/wishes'
import { get } from '../../shared/api'
import { EmptyBlock, LoadError, Loading, Page } from '../shell/Page'
import { WishCard } from './WishCard'

export default function WishWallPage() {
  const [params] = useSearchParams()
  const community = params.get('community') ?? ''
  const valid = /^[0-9]{12}$/.test(community)
  const q = useQuery({
    queryKey: ['public-wishes', community],
    enabled: valid,
    queryFn: ({ signal }) => get<PageOf<PublicWish>>('/public/wishes', { community, limit: 100 }, signal),
  })
  const items = q.data?.items ?? []
  const name = items[0]?.community.name
  return (
    <Page title={name ? `${name}心愿墙` : '心愿墙'}>
      <section className="yw-section">
        <p style={{ color: '#595959', marginTop: 0 }}>社区困难群众、老人和儿童的微心愿，党员认领后帮助实现。为保护隐私，只显示姓氏。</p>
        {!valid ? <EmptyBlock title="请扫描社区的心愿墙二维码进入" /> : null}
        {q.isPending && valid ? <Loading /> : null}
        {q.isError ? <LoadError error={q.error} onRetry={() => void q.refetch()} /> : null}
        {q.isSuccess && !items.length ? <EmptyBlock title="暂时还没有心愿" /> : null}
        {items.map((w) => (
          <WishCard key={w.id} title={w.title} who={`${w.maskedName}（${w.groupName}）`} place={`${w.gridName ?? w.community.name} · ${w.categoryName}`} status={w.status} statusName={w.statusName} />
        ))}
      </section>
    </Page>
  )
}
