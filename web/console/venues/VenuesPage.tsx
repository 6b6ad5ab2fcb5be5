/**
 * 单位场所: shops, restaurants, 九小场所, enterprises and key units in scope, filtered by kind, 九小 type, key type and
 * status, searched by name or address; a drawer with the details (phone masked) and 停业/注销 in one step; export.
 */
import { useState } from 'react'
import { Alert, Button, Card, DatePicker, Descriptions, Drawer, Input, Popconfirm, Select, Space, Table, Typography } from 'antd'
import dayjs from 'dayjs'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { PageOf } from '#contracts/common'
import type { Venue } from '#contracts/venues'
import { KEY_TYPE_NAMES, SMALL_VENUE_TYPE_NAMES, VENUE_KIND_NAMES, VENUE_STATUS_NAMES } from '#contracts/ledger-names'
import { errorText, get, post } from '../../shared/api'
import { useMe } from '../../shared/session'
import { Pill } from '../shell/Pill'
import { PageError } from '../shell/states'
import { usePageTitle } from '../shell/usePageTitle'
import { useCursorPager } from '../housing/pager'
import { Revealable } from '../housing/Reveal'
import { ExportButton, ImportButton } from '../shell/ExcelButtons'

const options = (names: Record<string, string>) => Object.entries(names).map(([value, label]) => ({ value, label }))

export default function VenuesPage() {
  const role = useMe().data?.role
  /** the keepers import (county, street, community); grid staff only read and record */
  const mayImport = role === 'county' || role === 'street' || role === 'community'
  usePageTitle('单位场所')
  const [kind, setKind] = useState<string | undefined>()
  const [smallVenueType, setSmallVenueType] = useState<string | undefined>()
  const [keyType, setKeyType] = useState<string | undefined>()
  const [status, setStatus] = useState<string | undefined>('open')
  const [q, setQ] = useState('')
  const [openId, setOpenId] = useState<string | null>(null)
  const { cursor, reset, pager } = useCursorPager()
  const query = { kind, smallVenueType, keyType, status, q: q || undefined }
  const list = useQuery({
    queryKey: ['venues', query, cursor],
    queryFn: ({ signal }) => get<PageOf<Venue>>('/venues', { ...query, limit: 50, cursor, withTotal: true }, signal),
  })
  const filter = (set: (v: string | undefined) => void) => (v: string | undefined) => {
    reset()
    set(v)
  }
  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>
          单位场所
          {list.data?.total !== undefined ? <Typography.Text type="secondary" style={{ fontSize: 14, marginLeft: 8 }}>共 {list.data.total} 家</Typography.Text> : null}
        </h1>
        <Space wrap>
          <Select allowClear placeholder="类别" aria-label="类别" style={{ width: 130 }} value={kind} onChange={filter(setKind)} options={options(VENUE_KIND_NAMES)} />
          <Select allowClear placeholder="九小场所" aria-label="九小场所类型" style={{ width: 160 }} value={smallVenueType} onChange={filter(setSmallVenueType)} options={options(SMALL_VENUE_TYPE_NAMES)} />
          <Select allowClear placeholder="重点类型" aria-label="重点类型" style={{ width: 140 }} value={keyType} onChange={filter(setKeyType)} options={options(KEY_TYPE_NAMES)} />
          <Select allowClear placeholder="状态" aria-label="状态" style={{ width: 120 }} value={status} onChange={filter(setStatus)} options={options(VENUE_STATUS_NAMES)} />
          <Input.Search allowClear placeholder="名称或地址" aria-label="按名称或地址查找" style={{ width: 180 }} onSearch={(v) => (reset(), setQ(v.trim()))} />
          <ExportButton path="/exports/venues" query={query} fileName="单位场所台账.xlsx" />
          {mayImport ? <ImportButton to="/venues/import" /> : null}
        </Space>
      </div>
      <Card>
        {list.isError ? (
          <PageError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Venue>
            rowKey="id"
            size="small"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: '暂无单位场所' }}
            onRow={(v) => ({ onClick: () => setOpenId(v.id), style: { cursor: 'pointer' } })}
            columns={[
              { title: '名称', render: (_, v) => <a onClick={() => setOpenId(v.id)}>{v.name}</a>, ellipsis: true },
              { title: '类别', render: (_, v) => v.kindName, width: 100 },
              { title: '九小场所', render: (_, v) => v.smallVenueTypeName ?? '—', width: 130 },
              { title: '重点', render: (_, v) => (v.keyTypeNames.length ? <Space size={4}>{v.keyTypeNames.map((k) => <Pill key={k} tone="orange">{k.replace('重点', '')}</Pill>)}</Space> : '—'), width: 170 },
              { title: '网格', render: (_, v) => v.gridName, width: 100 },
              { title: '负责人', render: (_, v) => v.responsibleName, width: 80 },
              { title: '电话', render: (_, v) => <span className="yw-tabular">{v.responsiblePhone ?? '—'}</span>, width: 120 },
              { title: '状态', render: (_, v) => <Pill tone={v.status === 'open' ? 'green' : 'gray'}>{v.statusName}</Pill>, width: 90 },
            ]}
          />
        )}
        {pager(list.data?.nextCursor)}
      </Card>
      <VenueDrawer id={openId} onClose={() => setOpenId(null)} />
    </div>
  )
}

function VenueDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const client = useQueryClient()
  const [date, setDate] = useState(dayjs().format('YYYY-MM-DD'))
  const detail = useQuery({ queryKey: ['venue', id], queryFn: ({ signal }) => get<Venue>(`/venues/${id}`, undefined, signal), enabled: id !== null })
  const close = useMutation({
    mutationFn: (version: number) => post<Venue>(`/venues/${id}/close`, { version, date }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['venue', id] })
      void client.invalidateQueries({ queryKey: ['venues'] })
    },
  })
  const v = detail.data
  return (
    <Drawer open={id !== null} onClose={onClose} size={500} title={v ? v.name : '单位场所'}>
      {detail.isError ? <PageError error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {v ? (
        <>
          <Descriptions column={1} size="small" bordered styles={{ label: { width: 120, whiteSpace: 'nowrap' } }}>
            <Descriptions.Item label="状态">
              <Pill tone={v.status === 'open' ? 'green' : 'gray'}>{v.statusName}</Pill>
              {v.closedAt ? <span className="yw-tabular">{v.closedAt}</span> : null}
            </Descriptions.Item>
            <Descriptions.Item label="类别">{v.kindName}{v.smallVenueTypeName ? ` · ${v.smallVenueTypeName}` : ''}</Descriptions.Item>
            <Descriptions.Item label="重点类型">{v.keyTypeNames.join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label="地址">{v.address}</Descriptions.Item>
            <Descriptions.Item label="网格">{v.gridName}</Descriptions.Item>
            <Descriptions.Item label="统一社会信用代码"><span className="yw-tabular">{v.creditCode ?? '—'}</span></Descriptions.Item>
            <Descriptions.Item label="负责人">{v.responsibleName}</Descriptions.Item>
            <Descriptions.Item label="电话"><Revealable masked={v.responsiblePhone} path={`/venues/${v.id}/reveal`} field="responsiblePhone" /></Descriptions.Item>
            <Descriptions.Item label="从业人数">{v.employees ?? '—'}</Descriptions.Item>
            {v.note ? <Descriptions.Item label="备注">{v.note}</Descriptions.Item> : null}
          </Descriptions>
          {v.allowedActions.includes('close') ? (
            <Space style={{ marginTop: 16 }} wrap>
              <DatePicker aria-label="停业日期" allowClear={false} value={dayjs(date)} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} />
              <Popconfirm title={`登记于 ${date} 停业/注销？`} okText="确认" cancelText="取消" onConfirm={() => close.mutate(v.version)}>
                <Button danger loading={close.isPending}>
                  停业/注销
                </Button>
              </Popconfirm>
            </Space>
          ) : null}
          {close.error ? <Alert type="error" showIcon title={errorText(close.error)} style={{ marginTop: 12 }} /> : null}
        </>
      ) : null}
    </Drawer>
  )
}
