/**
 * 扫码反映 poster for a grid, on A4: the grid's name and code, its team, and a QR code that opens
 * the phone report page with the grid filled in. Print it from the browser (the menu and buttons
 * are left out of the print).
 */
import { Button, QRCode, Space } from 'antd'
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { useNavigate, useParams } from 'react-router'
import type { GridProfile } from '#contracts/grid-maps'
import { get } from '../../shared/api'
import { PageError, PageLoading } from '../shell/states'
import { usePageTitle } from '../shell/usePageTitle'
import './poster.css'

export default function PosterPage() {
  const { code } = useParams()
  const navigate = useNavigate()
  const q = useQuery({ queryKey: ['grids', code, 'profile'], queryFn: ({ signal }) => get<GridProfile>(`/grids/${code}/profile`, undefined, signal) })
  usePageTitle(q.data ? `${q.data.name}二维码海报` : '二维码海报')
  if (q.isPending) return <PageLoading />
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />
  const g = q.data
  const url = `${location.origin}/h5/qr/${g.code}`
  const names = (xs: { name: string }[]) => xs.map((x) => x.name).join('、') || '—'
  return (
    <div className="yw-page">
      <Space className="yw-noprint" style={{ marginBottom: 16 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/grids/${g.code}`)}>
          返回网格
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          打印海报（A4）
        </Button>
      </Space>
      <article className="yw-poster" aria-label="二维码海报">
        <header>
          <div className="yw-poster-kicker">党建引领 · 网格服务</div>
          <h1>扫码反映</h1>
          <p>身边的难事、急事、烦心事，扫一扫告诉网格员</p>
        </header>
        <div className="yw-poster-qr">
          <div role="img" aria-label={`二维码：扫码打开${g.communityName}${g.name}的反映页面`} ref={(el) => el?.querySelector('canvas')?.setAttribute('aria-hidden', 'true')}>
            <QRCode value={url} type="canvas" size={300} bordered={false} errorLevel="M" />
          </div>
          <div className="yw-poster-url">{url}</div>
        </div>
        <section className="yw-poster-grid">
          <h2>
            {g.communityName}
            {g.name}
          </h2>
          <div className="yw-poster-code">网格编码 {g.code}</div>
          <dl>
            <dt>网格长</dt>
            <dd>{names(g.team.heads)}</dd>
            <dt>网格员</dt>
            <dd>{names(g.team.workers)}</dd>
            {g.team.partyGroups.length ? (
              <>
                <dt>党组织</dt>
                <dd>{g.team.partyGroups.map((p) => p.name).join('、')}</dd>
              </>
            ) : null}
            {g.team.groups.some((x) => x.leader) ? (
              <>
                <dt>联户长</dt>
                <dd>{g.team.groups.filter((x) => x.leader).slice(0, 12).map((x) => x.leader).join('、')}</dd>
              </>
            ) : null}
          </dl>
        </section>
        <footer>不用注册，留个电话即可反映；网格员限时受理，办结后回访。{g.streetName} · 一网</footer>
      </article>
    </div>
  )
}
