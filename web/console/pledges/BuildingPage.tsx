/**
 * 楼栋包保图: the building's rooms floor by floor, coloured by whether a member pledges them; the
 * community or grid selects free rooms and assigns them to a member, or releases a pledge — the buttons
 * follow the server's canAssign and each pledge's allowedActions.
 */
import { useMemo, useState } from 'react'
import { Alert, Button, Card, Col, Modal, Popconfirm, Row, Select, Space, Table, Tooltip } from 'antd'
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate, useParams } from 'react-router'
import type { BuildingPledgeMap, CreatedPledges, Pledge } from '#contracts/pledges'
import { PLEDGE_MAX, PLEDGE_MIN } from '#contracts/pledge-names'
import { errorText, get, post } from '../../shared/api'
import { Pill } from '../shell/Pill'
import { PageError, PageLoading } from '../shell/states'
import { usePageTitle } from '../shell/usePageTitle'
import { notifier } from '../shell/notifier'

type Room = BuildingPledgeMap['households'][number]

/** A stable colour per member, from a calm palette. */
const PALETTE = ['#e6f4ff', '#f6ffed', '#fff7e6', '#f9f0ff', '#e6fffb', '#fff0f6', '#fcffe6', '#f0f5ff']

export default function BuildingPage() {
  const { id } = useParams()
  const navigate = useNavigate()
  const client = useQueryClient()
  const key = ['pledges', 'building', id]
  const q = useQuery({ queryKey: key, queryFn: ({ signal }) => get<BuildingPledgeMap>(`/pledges/buildings/${id}`, undefined, signal) })
  const [picked, setPicked] = useState<string[]>([])
  const [assigning, setAssigning] = useState(false)
  const [memberId, setMemberId] = useState<string>()
  const title = q.data ? `${q.data.building.compoundName ?? ''}${q.data.building.name}` : '楼栋'
  usePageTitle(`${title} · 包保图`)
  const refresh = () => void client.invalidateQueries({ queryKey: ['pledges'] })

  const assign = useMutation({
    mutationFn: () => post<CreatedPledges>('/pledges', { householdIds: picked, partyMemberId: memberId }),
    meta: { silent: true },
    onSuccess: (r) => {
      notifier.show(`已分配 ${r.items.length} 户给${r.items[0]?.member.name ?? ''}`, 'success')
      setAssigning(false)
      setPicked([])
      setMemberId(undefined)
      refresh()
    },
  })
  const release = useMutation({
    mutationFn: (p: NonNullable<Room['pledge']>) => post<Pledge>(`/pledges/${p.id}/actions`, { action: 'release', version: p.version }),
    onSuccess: () => {
      notifier.show('已解除包保', 'success')
      refresh()
    },
  })

  const colours = useMemo(() => new Map((q.data?.members ?? []).map((m, i) => [m.id, PALETTE[i % PALETTE.length]!])), [q.data])
  // units side by side, floors top to bottom
  const units = useMemo(() => {
    const by = new Map<string, Map<number, Room[]>>()
    for (const h of q.data?.households ?? []) {
      const u = h.unitName ?? '—'
      const floors = by.get(u) ?? new Map<number, Room[]>()
      const f = h.floor ?? 0
      floors.set(f, [...(floors.get(f) ?? []), h])
      by.set(u, floors)
    }
    return [...by.entries()].map(([name, floors]) => ({ name, floors: [...floors.entries()].sort((a, b) => b[0] - a[0]) }))
  }, [q.data])

  if (q.isPending) return <PageLoading />
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />
  const m = q.data
  const covered = m.households.filter((h) => h.pledge).length
  const toggle = (h: Room) => setPicked((xs) => (xs.includes(h.id) ? xs.filter((x) => x !== h.id) : [...xs, h.id]))

  const tile = (h: Room) => {
    const p = h.pledge
    const isPicked = picked.includes(h.id)
    const label = h.room?.replace(h.unitName ?? '', '') ?? h.id
    const body = (
      <button
        type="button"
        key={h.id}
        aria-pressed={p ? undefined : isPicked}
        aria-label={`${h.room ?? ''}${p ? `，${p.member.name}包保` : '，无人包保'}`}
        onClick={() => (!p && m.canAssign ? toggle(h) : undefined)}
        style={{
          width: 92,
          height: 52,
          border: isPicked ? '2px solid #1677ff' : `1px solid ${p ? '#91caff' : '#d9d9d9'}`,
          borderRadius: 6,
          background: p ? colours.get(p.member.id) : isPicked ? '#e6f4ff' : '#fafafa',
          cursor: !p && m.canAssign ? 'pointer' : 'default',
          padding: 4,
          textAlign: 'left',
          fontSize: 12,
          lineHeight: '18px',
          color: '#1f1f1f',
        }}
      >
        <div style={{ fontWeight: 600 }}>{label}</div>
        <div style={{ color: p ? '#1f1f1f' : '#595959', overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis' }}>{p ? p.member.name : '无人包保'}</div>
      </button>
    )
    if (!p || !p.allowedActions.includes('release')) return body
    return (
      <Popconfirm key={h.id} title={`解除${p.member.name}对 ${h.room ?? ''} 的包保？`} okText="解除包保" cancelText="取消" onConfirm={() => release.mutate(p)}>
        <Tooltip title="点击解除包保">{body}</Tooltip>
      </Popconfirm>
    )
  }

  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>
          {title} · 包保图 <span className="yw-muted" style={{ fontSize: 14, fontWeight: 400 }}>{m.building.gridName}</span>
        </h1>
        <Space>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/pledges?place=${m.building.communityCode}`)}>
            包保覆盖
          </Button>
          <Button icon={<PrinterOutlined />} onClick={() => navigate(`/pledges/buildings/${m.building.id}/notice`)}>
            打印公示
          </Button>
        </Space>
      </div>
      <Row gutter={16}>
        <Col span={16}>
          <Card
            size="small"
            title={`共 ${m.households.length} 户，已包保 ${covered} 户，无人包保 ${m.households.length - covered} 户`}
            extra={
              m.canAssign ? (
                <Space>
                  {picked.length ? <span>已选 {picked.length} 户</span> : <span className="yw-muted">点选无人包保的房间，再分配给党员</span>}
                  <Button type="primary" disabled={!picked.length} onClick={() => setAssigning(true)}>
                    分配给党员
                  </Button>
                </Space>
              ) : null
            }
          >
            <div style={{ display: 'flex', gap: 24, overflowX: 'auto' }}>
              {units.map((u) => (
                <section key={u.name} aria-label={u.name}>
                  <h2 style={{ fontSize: 14, margin: '0 0 8px' }}>{u.name}</h2>
                  {u.floors.map(([floor, rooms]) => (
                    <div key={floor} style={{ display: 'flex', gap: 6, marginBottom: 6, alignItems: 'center' }}>
                      <span className="yw-muted" style={{ width: 28, fontSize: 12 }}>
                        {floor ? `${floor}层` : ''}
                      </span>
                      {rooms.map(tile)}
                    </div>
                  ))}
                </section>
              ))}
            </div>
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title="本楼包保党员">
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={m.members}
              locale={{ emptyText: '本楼还没有党员包保' }}
              columns={[
                { title: '姓名', dataIndex: 'name', render: (n: string, r) => <span style={{ background: colours.get(r.id), padding: '0 6px', borderRadius: 4 }}>{n}</span> },
                { title: '本楼', dataIndex: 'households', width: 60, align: 'right' },
                { title: '合计', dataIndex: 'total', width: 60, align: 'right' },
                { title: '', width: 70, render: (_, r) => (r.total < PLEDGE_MIN ? <Pill tone="red">未达标</Pill> : null) },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Modal
        open={assigning}
        title={`分配 ${picked.length} 户包保户`}
        okText="分配"
        cancelText="取消"
        okButtonProps={{ disabled: !memberId }}
        confirmLoading={assign.isPending}
        onOk={() => assign.mutate()}
        onCancel={() => {
          assign.reset()
          setAssigning(false)
        }}
        destroyOnHidden
      >
        {assign.error ? <Alert type="error" showIcon title={errorText(assign.error)} style={{ marginBottom: 16 }} /> : null}
        <p className="yw-muted">每名党员包保 {PLEDGE_MIN}–{PLEDGE_MAX} 户；一户只由一名党员包保。</p>
        <Select
          aria-label="包保党员"
          style={{ width: '100%' }}
          showSearch
          optionFilterProp="label"
          placeholder="选择已报到的在职党员"
          value={memberId}
          onChange={setMemberId}
          options={m.candidates.map((c) => ({
            value: c.id,
            label: `${c.name}${c.postName ? ` · ${c.postName}` : ''} · 已包保 ${c.total} 户`,
            disabled: c.total + picked.length > PLEDGE_MAX,
          }))}
        />
      </Modal>
    </div>
  )
}
