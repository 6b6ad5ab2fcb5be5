/**
 * One building's rooms as a compact grid — floors down, units across — each room a tile coloured by its use
 * (自住/出租/空置/其他) with a legend; a room opens a drawer: head (masked), people, active rental, and its use
 * changed in one step.
 */
import { useMemo, useState } from 'react'
import { Alert, Button, Card, Checkbox, DatePicker, Descriptions, Drawer, Empty, Form, Input, Segmented, Select, Space, Typography } from 'antd'
import dayjs from 'dayjs'
import { ArrowLeftOutlined } from '@ant-design/icons'
import { useNavigate, useParams } from 'react-router'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { BuildingRooms, Room, RoomUseHistory } from '#contracts/housing'
import { OCCUPANCY_NAMES, RENTAL_PURPOSE_NAMES, type Occupancy } from '#contracts/ledger-names'
import { api, errorText, get, post } from '../../shared/api'
import { PageError, PageLoading } from '../shell/states'
import { usePageTitle } from '../shell/usePageTitle'
import { Pill } from '../shell/Pill'
import { OCCUPANCY_COLORS, OCCUPANCY_TONES } from './occupancy'
import { ExportButton } from '../shell/ExcelButtons'

const OCCUPANCIES = Object.keys(OCCUPANCY_NAMES) as Occupancy[]

function Legend({ counts }: { counts: Record<Occupancy, number> }) {
  return (
    <Space size={16} wrap aria-label="图例">
      {OCCUPANCIES.map((o) => (
        <span key={o} style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
          <span style={{ width: 14, height: 14, borderRadius: 3, background: OCCUPANCY_COLORS[o].fill, border: `1px solid ${OCCUPANCY_COLORS[o].border}` }} />
          {OCCUPANCY_NAMES[o]} <span className="yw-tabular">{counts[o]}</span>
        </span>
      ))}
    </Space>
  )
}

function RoomTile({ r, onOpen }: { r: Room; onOpen: () => void }) {
  const c = OCCUPANCY_COLORS[r.occupancy]
  const label = r.unitName && r.room?.startsWith(r.unitName) ? r.room.slice(r.unitName.length) : (r.room ?? '—')
  return (
    <button
      type="button"
      onClick={onOpen}
      aria-label={`${r.room ?? ''} ${r.occupancyName}`}
      title={`${r.address} · ${r.occupancyName}${r.headName ? ` · 户主 ${r.headName}` : ''}`}
      style={{ minWidth: 64, padding: '4px 6px', background: c.fill, border: `1px solid ${c.border}`, color: c.text, borderRadius: 4, cursor: 'pointer', textAlign: 'left', lineHeight: 1.3, font: 'inherit', fontSize: 12 }}
    >
      <div style={{ fontWeight: 600 }} className="yw-tabular">
        {label}
      </div>
      <div>
        {r.occupancyName}
        {r.memberCount ? (r.occupancy === 'vacant' ? ` · 登记${r.memberCount}人` : ` · ${r.memberCount}人`) : ''}
      </div>
    </button>
  )
}

export default function BuildingRoomsPage() {
  const { id } = useParams()
  const navigate = useNavigate()
  const [openId, setOpenId] = useState<string | null>(null)
  const rooms = useQuery({ queryKey: ['housing-rooms', id], queryFn: ({ signal }) => get<BuildingRooms>(`/housing/buildings/${id}/rooms`, undefined, signal) })
  const b = rooms.data?.building
  usePageTitle(b ? `${b.compoundName ?? ''}${b.name}` : '楼栋房屋')
  const layout = useMemo(() => {
    const data = rooms.data
    if (!data) return null
    const floors = [...new Set(data.rooms.map((r) => r.floor ?? 0))].sort((x, y) => y - x)
    const units = data.units.filter((u) => data.rooms.some((r) => r.unitId === u.id))
    return { floors, units }
  }, [rooms.data])
  const open = rooms.data?.rooms.find((r) => r.id === openId) ?? null
  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>
          <Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回房屋台账" onClick={() => void navigate('/housing')} />
          {b ? `${b.compoundName ?? ''}${b.name}` : '楼栋房屋'}
          {b ? <Typography.Text type="secondary" style={{ fontSize: 14, marginLeft: 8 }}>{b.gridName} · {b.roomCount} 间</Typography.Text> : null}
        </h1>
        <Space wrap>
          {b ? <Legend counts={b.occupancy} /> : null}
          <ExportButton path="/exports/rooms" query={{ buildingId: id }} fileName="实有房屋.xlsx" />
        </Space>
      </div>
      <Card>
        {rooms.isError ? (
          <PageError error={rooms.error} onRetry={() => void rooms.refetch()} />
        ) : !rooms.data || !layout ? (
          <PageLoading />
        ) : rooms.data.rooms.length === 0 ? (
          <Empty description="这栋楼还没有登记房屋" />
        ) : (
          <div style={{ overflowX: 'auto' }}>
            <table style={{ borderCollapse: 'separate', borderSpacing: 6 }}>
              <thead>
                <tr>
                  <th scope="col" style={{ width: 48, textAlign: 'right', color: '#595959', fontWeight: 500 }}>
                    楼层
                  </th>
                  {layout.units.map((u) => (
                    <th key={u.id ?? 'none'} scope="col" style={{ textAlign: 'left', fontWeight: 600 }}>
                      {u.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {layout.floors.map((f) => (
                  <tr key={f}>
                    <th scope="row" style={{ textAlign: 'right', color: '#595959', fontWeight: 500 }} className="yw-tabular">
                      {f ? `${f}F` : '—'}
                    </th>
                    {layout.units.map((u) => (
                      <td key={u.id ?? 'none'} style={{ verticalAlign: 'top' }}>
                        <Space size={6}>
                          {rooms.data.rooms
                            .filter((r) => r.unitId === u.id && (r.floor ?? 0) === f)
                            .map((r) => (
                              <RoomTile key={r.id} r={r} onOpen={() => setOpenId(r.id)} />
                            ))}
                        </Space>
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <RoomDrawer room={open} onClose={() => setOpenId(null)} />
    </div>
  )
}

function RoomDrawer({ room, onClose }: { room: Room | null; onClose: () => void }) {
  const client = useQueryClient()
  const navigate = useNavigate()
  const [choice, setChoice] = useState<Occupancy | null>(null)
  const save = useMutation({
    mutationFn: (occupancy: Occupancy) => api<Room>('PATCH', `/housing/rooms/${room!.id}`, { body: { occupancy, version: room!.version } }),
    onSuccess: () => {
      setChoice(null)
      void client.invalidateQueries({ queryKey: ['housing-rooms'] })
    },
  })
  const value = choice ?? room?.occupancy ?? 'owner'
  const history = useQuery({
    queryKey: ['housing-rooms', room?.id, 'use-history', room?.version],
    queryFn: ({ signal }) => get<RoomUseHistory>(`/housing/rooms/${room!.id}/use-history`, undefined, signal),
    enabled: room !== null,
  })
  return (
    <Drawer open={room !== null} onClose={onClose} size={440} title={room ? room.address : '房屋'}>
      {room ? (
        <>
          <Descriptions column={1} size="small" bordered styles={{ label: { width: 96, whiteSpace: 'nowrap' } }}>
            <Descriptions.Item label="房号">{room.room ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="楼层">{room.floor ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="使用状态">
              <Pill tone={OCCUPANCY_TONES[room.occupancy]}>{room.occupancyName}</Pill>
            </Descriptions.Item>
            <Descriptions.Item label="户主">{room.headName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="在住人数">{room.memberCount}</Descriptions.Item>
            <Descriptions.Item label="出租登记">
              {room.activeRental ? (
                <a onClick={() => void navigate(`/housing/rentals?open=${room.activeRental!.id}`)}>
                  房东 {room.activeRental.landlordName} · {room.activeRental.purposeName} · {room.activeRental.startDate} 起 · 租客 {room.activeRental.tenantCount} 人
                </a>
              ) : (
                '—'
              )}
            </Descriptions.Item>
          </Descriptions>
          {room.canEdit && !room.activeRental ? <RentalForm room={room} /> : null}
          {room.canEdit ? (
            <div style={{ marginTop: 24 }}>
              <h3 style={{ fontSize: 15, margin: '0 0 12px' }}>修改使用状态</h3>
              <Space direction="vertical" style={{ width: '100%' }}>
                <Segmented<Occupancy> value={value} onChange={(v) => setChoice(v)} options={OCCUPANCIES.map((o) => ({ value: o, label: OCCUPANCY_NAMES[o] }))} />
                {save.error ? <Alert type="error" showIcon title={errorText(save.error)} /> : null}
                <Button type="primary" disabled={value === room.occupancy} loading={save.isPending} onClick={() => save.mutate(value)}>
                  保存
                </Button>
              </Space>
            </div>
          ) : null}
          <div style={{ marginTop: 24 }}>
            <h3 style={{ fontSize: 15, margin: '0 0 8px' }}>用途变更记录</h3>
            {history.data?.items.length ? (
              <ul style={{ margin: 0, paddingLeft: 18, lineHeight: 1.9 }}>
                {history.data.items.map((c, i) => (
                  <li key={i}>
                    {c.day}：{c.fromName} → {c.toName}
                  </li>
                ))}
              </ul>
            ) : (
              <Typography.Text type="secondary">{history.isPending ? '加载中…' : '登记以来未变更'}</Typography.Text>
            )}
          </div>
        </>
      ) : null}
    </Drawer>
  )
}

/** 登记出租: the landlord (name, phone, ID number — stored encrypted), use and start; the room becomes rented. */
function RentalForm({ room }: { room: Room }) {
  const client = useQueryClient()
  const [form] = Form.useForm<{ name: string; phone?: string; idNumber?: string; purpose: string; startDate: dayjs.Dayjs; securityPledgeSigned: boolean }>()
  const create = useMutation({
    mutationFn: (v: { name: string; phone?: string; idNumber?: string; purpose: string; startDate: dayjs.Dayjs; securityPledgeSigned: boolean }) =>
      post('/housing/rentals', {
        householdId: room.id,
        landlord: { name: v.name, ...(v.phone ? { phone: v.phone } : {}), ...(v.idNumber ? { idNumber: v.idNumber } : {}) },
        purpose: v.purpose,
        startDate: v.startDate.format('YYYY-MM-DD'),
        securityPledgeSigned: v.securityPledgeSigned,
      }),
    onSuccess: () => {
      form.resetFields()
      void client.invalidateQueries({ queryKey: ['housing-rooms'] })
    },
  })
  return (
    <div style={{ marginTop: 24 }}>
      <h3 style={{ fontSize: 15, margin: '0 0 12px' }}>登记出租</h3>
      <Form form={form} layout="vertical" size="small" initialValues={{ purpose: 'residence', startDate: dayjs(), securityPledgeSigned: false }} onFinish={(v) => create.mutate(v)}>
        <Form.Item name="name" label="房东姓名" rules={[{ required: true, message: '请填写房东姓名' }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Space style={{ width: '100%' }} styles={{ item: { flex: 1 } }}>
          <Form.Item name="phone" label="房东电话" rules={[{ pattern: /^(1[3-9][0-9]{9}|0[0-9]{9,11})$/, message: '手机号或带区号的固定电话' }]}>
            <Input maxLength={12} />
          </Form.Item>
          <Form.Item name="idNumber" label="房东身份证号" rules={[{ pattern: /^[0-9]{17}[0-9Xx]$/, message: '18 位身份证号' }]}>
            <Input maxLength={18} />
          </Form.Item>
        </Space>
        <Space>
          <Form.Item name="purpose" label="用途">
            <Select style={{ width: 140 }} options={Object.entries(RENTAL_PURPOSE_NAMES).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="startDate" label="起租日期">
            <DatePicker allowClear={false} />
          </Form.Item>
          <Form.Item name="securityPledgeSigned" label="治安责任书" valuePropName="checked">
            <Checkbox>已签订</Checkbox>
          </Form.Item>
        </Space>
        {create.error ? <Alert type="error" showIcon title={errorText(create.error)} style={{ marginBottom: 8 }} /> : null}
        <Button htmlType="submit" type="primary" loading={create.isPending}>
          登记出租
        </Button>
      </Form>
    </div>
  )
}
