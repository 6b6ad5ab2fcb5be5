/**
 * "三亮" 楼栋公示 on A4 (亮身份、亮职责、亮承诺): the building's grid team and the party members who
 * pledge its households, with post, phone and rooms. Print it from the browser and post it in the
 * stairwell; the menu and buttons are left out of the print. Phones are shown in full only where the
 * member agreed; otherwise masked by the server.
 */
import { Button, Space } from 'antd'
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { useNavigate, useParams } from 'react-router'
import type { BuildingNotice } from '#contracts/pledges'
import { get } from '../../shared/api'
import { PageError, PageLoading } from '../shell/states'
import { usePageTitle } from '../shell/usePageTitle'
import './notice.css'

export default function NoticePage() {
  const { id } = useParams()
  const navigate = useNavigate()
  const q = useQuery({ queryKey: ['pledges', 'notice', id], queryFn: ({ signal }) => get<BuildingNotice>(`/pledges/buildings/${id}/notice`, undefined, signal) })
  const n = q.data
  const where = n ? `${n.building.compoundName ?? ''}${n.building.name}` : ''
  usePageTitle(n ? `${where}三亮公示` : '三亮公示')
  if (q.isPending) return <PageLoading />
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />
  const names = (xs: { name: string }[]) => xs.map((x) => x.name).join('、') || '—'
  return (
    <div className="yw-page">
      <Space className="yw-noprint" style={{ marginBottom: 16 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/pledges/buildings/${id}`)}>
          返回包保图
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          打印公示（A4）
        </Button>
      </Space>
      <article className="yw-notice" aria-label="三亮楼栋公示">
        <header>
          <div className="yw-notice-kicker">亮身份 · 亮职责 · 亮承诺</div>
          <h1>党员包保公示</h1>
          <p>
            {n!.communityName}
            {where}
          </p>
        </header>
        <section>
          <h2>网格服务团队</h2>
          <dl>
            <dt>所属网格</dt>
            <dd>
              {n!.grid.name}（{n!.grid.code}）
            </dd>
            <dt>网格长</dt>
            <dd>{names(n!.team.heads)}</dd>
            <dt>网格员</dt>
            <dd>{names(n!.team.workers)}</dd>
            {n!.team.partyGroups.length ? (
              <>
                <dt>党组织</dt>
                <dd>{n!.team.partyGroups.map((g) => g.name).join('、')}</dd>
              </>
            ) : null}
            {n!.team.householdLeaders.length ? (
              <>
                <dt>联户长</dt>
                <dd>{n!.team.householdLeaders.map((l) => `${l.name}（${l.group}）`).join('、')}</dd>
              </>
            ) : null}
          </dl>
        </section>
        <section>
          <h2>包保党员</h2>
          {n!.members.length ? (
            <table>
              <thead>
                <tr>
                  <th scope="col">姓名</th>
                  <th scope="col">岗位</th>
                  <th scope="col">工作单位</th>
                  <th scope="col">联系电话</th>
                  <th scope="col">包保住户</th>
                </tr>
              </thead>
              <tbody>
                {n!.members.map((m) => (
                  <tr key={m.name + m.rooms.join()}>
                    <td className="yw-notice-name">{m.name}</td>
                    <td>{m.postName ?? '—'}</td>
                    <td>{m.workUnit ?? '—'}</td>
                    <td>{m.phone ?? '—'}</td>
                    <td>{m.rooms.join('、')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>本楼暂无党员包保。</p>
          )}
        </section>
        <p className="yw-notice-pledge">我们承诺：常走访、听民声、解民忧。有困难、有诉求，请找您的包保党员或网格员。</p>
        <footer>
          {n!.streetName} · {n!.communityName} · 公示日期 {n!.asOf.slice(0, 10)}
        </footer>
      </article>
    </div>
  )
}
