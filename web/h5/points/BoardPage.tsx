/** 本社区红榜: the latest board the community has confirmed and published (party members also see the black list). */
import { List } from 'antd-mobile'
import { useQuery } from '@tanstack/react-query'
import type { PageOf } from '#contracts/common'
import type { HonourBoard } from '#contracts/points'
import { get } from '../../shared/api'
import { formatDate } from '../../shared/format'
import { EmptyBlock, LoadError, Loading, Page } from '../shell/Page'

const monthName = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5))}月`

export default function BoardPage() {
  const q = useQuery({ queryKey: ['points', 'boards', 'published'], queryFn: ({ signal }) => get<PageOf<HonourBoard>>('/points/boards', { limit: 1 }, signal) })
  const board = q.data?.items[0]
  return (
    <Page title="红榜">
      {q.isError ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : q.isPending ? (
        <Loading />
      ) : !board ? (
        <EmptyBlock title="暂无已发布的红黑榜" description="社区每月确认后发布" />
      ) : (
        <>
          <div className="yw-hero">
            <h1>{monthName(board.month)}红榜</h1>
            <p>
              {board.community.name} · {board.confirmedAt ? `${formatDate(board.confirmedAt)} 发布` : ''}
            </p>
          </div>
          <List header="服务积分前十（志愿服务、走访、微心愿、接单）">
            {board.red.length === 0 ? <List.Item>本月暂无服务记录</List.Item> : null}
            {board.red.map((r) => (
              <List.Item key={r.earnerId} prefix={<strong style={{ width: 28, display: 'inline-block', color: r.rank <= 3 ? '#a8071a' : undefined }}>{r.rank}</strong>} description={`${r.roleName} · 服务 ${r.services} 次`} extra={`${r.points} 分`}>
                {r.name}
              </List.Item>
            ))}
          </List>
          {board.black ? (
            <List header={`黑榜（连续 ${board.blackListMonths} 个月无服务的报到党员）`}>
              {board.black.length === 0 ? <List.Item>无</List.Item> : null}
              {board.black.map((m) => (
                <List.Item key={m.partyMemberId} description={m.workUnit}>
                  {m.name}
                </List.Item>
              ))}
            </List>
          ) : null}
        </>
      )}
    </Page>
  )
}
