/**
 * 十联户名单 of a building on A4: each group with its 联户长 (phone masked by the server unless the community recorded
 * the leader's consent — the switches above the sheet, not printed), its rooms and the heads' surnames only, and the
 * grid staff. Print it from the browser and post it in
 * the stairwell; the menu and buttons are left out of the print.
 */
import { Button, Card, Space, Switch, Typography } from 'antd'
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate, useParams } from 'react-router'
import type { GroupPrint, LeaderContact } from '#contracts/household-groups'
import { api, get } from '../../shared/api'
import { useMe } from '../../shared/session'
import { PageError, PageLoading } from '../shell/states'
import { usePageTitle } from '../shell/usePageTitle'
import './ledger.css'

/** Rows of five households side by side, so a group of ten fits two lines. */
const chunks = <T,>(xs: T[], n: number): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n))

export default function GroupPrintPage() {
  const { buildingId } = useParams()
  const navigate = useNavigate()
  const me = useMe().data!
  const canKeep = me.role === 'community' || me.role === 'street' || me.role === 'county'
  const client = useQueryClient()
  const consent = useMutation({
    mutationFn: (v: { groupId: string; phonePublic: boolean }) => api<LeaderContact>('PUT', `/household-groups/${v.groupId}/leader-contact`, { body: { phonePublic: v.phonePublic } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['household-groups', 'print', buildingId] }),
  })
  const q = useQuery({ queryKey: ['household-groups', 'print', buildingId], queryFn: ({ signal }) => get<GroupPrint>('/household-groups/print', { buildingId }, signal) })
  const p = q.data
  const where = p ? `${p.building.compoundName ?? ''}${p.building.name}` : ''
  usePageTitle(p ? `${where}十联户名单` : '十联户名单')
  if (q.isPending) return <PageLoading />
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />
  const staff = (role: string) => p!.gridStaff.filter((s) => s.role === role).map((s) => s.name).join('、') || '—'
  return (
    <div className="yw-page">
      <Space className="yw-noprint" style={{ marginBottom: 16 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/household-groups')}>
          返回十联户
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          打印名单（A4）
        </Button>
      </Space>
      {canKeep && p!.groups.some((g) => g.leader) ? (
        <Card size="small" className="yw-noprint" style={{ marginBottom: 16 }} title="联户长电话公示">
          <Typography.Paragraph className="yw-muted" style={{ marginTop: 0 }}>
            联户长书面同意后，名单上显示完整电话；否则显示掩码。
          </Typography.Paragraph>
          <Space wrap size="large">
            {p!.groups
              .filter((g) => g.leader)
              .map((g) => (
                <Space key={g.id}>
                  <Switch
                    aria-label={`${g.name}联户长${g.leader!.name}同意公示完整电话`}
                    checked={g.leader!.phonePublic}
                    loading={consent.isPending && consent.variables?.groupId === g.id}
                    onChange={(v) => consent.mutate({ groupId: g.id, phonePublic: v })}
                  />
                  <span>
                    {g.name} · {g.leader!.name}
                  </span>
                </Space>
              ))}
          </Space>
        </Card>
      ) : null}
      <article className="yw-groups" aria-label="十联户名单">
        <header>
          <h1>十联户名单</h1>
          <p>
            {p!.communityName} · {where}
          </p>
        </header>
        <dl>
          <dt>所属网格</dt>
          <dd>
            {p!.grid.name}（{p!.grid.code}）
          </dd>
          <dt>网格长</dt>
          <dd>{staff('网格长')}</dd>
          <dt>网格员</dt>
          <dd>{staff('网格员')}</dd>
        </dl>
        {p!.groups.length ? (
          p!.groups.map((g) => (
            <section key={g.id}>
              <h2>
                {g.name}
                <small>
                  联户长：{g.leader ? `${g.leader.name}${g.leader.phone ? `　${g.leader.phone}` : ''}` : '暂缺'}　共 {g.households.length} 户
                </small>
              </h2>
              <table>
                <tbody>
                  {chunks(g.households, 5).map((row, i) => (
                    <tr key={i}>
                      {row.map((h) => (
                        <td key={h.room}>
                          {h.room}
                          {h.headSurname ? `（${h.headSurname}）` : ''}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))
        ) : (
          <p style={{ marginTop: '8mm' }}>本楼尚未编组十联户。</p>
        )}
        {p!.ungrouped ? <p className="yw-muted">本楼另有 {p!.ungrouped} 户尚未编组。</p> : null}
        <footer>
          邻里守望 · 互帮互助　{p!.streetName} · {p!.communityName} · {p!.asOf.slice(0, 10)}
        </footer>
      </article>
    </div>
  )
}
