/** 按楼栋查户: the buildings of my grid, with how many households and people live there; one tap opens a building. */
import { PullToRefresh } from 'antd-mobile'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import type { MyBuilding } from '#contracts/population'
import { get } from '../../shared/api'
import { EmptyBlock, LoadError, Loading, Page } from '../shell/Page'

/** 龙城印象1栋: the building's address below the community (building names repeat across compounds). */
const shortName = (b: MyBuilding) => (b.address ? b.address.replace(/^.+?(?:街道|镇|乡).+?(?:社区|村)/, '') || b.name : b.name)

export default function BuildingsPage() {
  const q = useQuery({ queryKey: ['population', 'buildings'], queryFn: ({ signal }) => get<MyBuilding[]>('/population/buildings', undefined, signal) })
  return (
    <Page title="按楼栋查户">
      <PullToRefresh onRefresh={async () => void (await q.refetch())}>
        {q.isPending ? (
          <Loading />
        ) : q.isError ? (
          <LoadError error={q.error} onRetry={() => void q.refetch()} />
        ) : q.data.length === 0 ? (
          <EmptyBlock title="辖区内还没有登记楼栋" />
        ) : (
          <nav aria-label="楼栋">
            {q.data.map((b) => (
              <Link
                key={b.id}
                to={`/population/buildings/${b.id}`}
                className="yw-card"
                style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8, minHeight: 56, textDecoration: 'none', color: 'inherit' }}
              >
                <strong>{shortName(b)}</strong>
                <span className="yw-muted">{b.householdCount} 户 · {b.peopleCount} 人</span>
              </Link>
            ))}
          </nav>
        )}
      </PullToRefresh>
    </Page>
  )
}
