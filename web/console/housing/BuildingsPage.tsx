/** 房屋台账: the buildings in scope with their rooms counted by use; a building opens its rooms grid. */
import { useState } from 'react'
import { Button, Card, Input, Space, Table, Typography } from 'antd'
import { DownloadOutlined, ImportOutlined } from '@ant-design/icons'
import { useNavigate } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import type { PageOf } from '#contracts/common'
import type { HousingBuilding } from '#contracts/housing'
import { get } from '../../shared/api'
import { useMe } from '../../shared/session'
import { PageError } from '../shell/states'
import { usePageTitle } from '../shell/usePageTitle'
import { useTableExport } from '../shell/useTableExport'
import { useCursorPager } from './pager'
import { OCCUPANCY_COLORS } from './occupancy'

export default function BuildingsPage() {
  const role = useMe().data?.role
  /** the keepers import (county, street, community); grid staff only read and record */
  const mayImport = role === 'county' || role === 'street' || role === 'community'
  usePageTitle('房屋台账')
  const navigate = useNavigate()
  const [q, setQ] = useState('')
  const { cursor, reset, pager } = useCursorPager()
  const list = useQuery({
    queryKey: ['housing-buildings', q, cursor],
    queryFn: ({ signal }) => get<PageOf<HousingBuilding>>('/housing/buildings', { q: q || undefined, limit: 50, cursor, withTotal: true }, signal),
  })
  const exporting = useTableExport<HousingBuilding>()
  const count = (b: HousingBuilding, k: keyof HousingBuilding['occupancy']) => (
    <span className="yw-tabular" style={{ color: b.occupancy[k] ? OCCUPANCY_COLORS[k].text : '#bfbfbf' }}>
      {b.occupancy[k]}
    </span>
  )
  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>
          房屋台账
          {list.data?.total !== undefined ? <Typography.Text type="secondary" style={{ fontSize: 14, marginLeft: 8 }}>共 {list.data.total} 栋</Typography.Text> : null}
        </h1>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder="小区或楼栋名称"
            aria-label="按小区或楼栋名称查找"
            style={{ width: 220 }}
            onSearch={(v) => {
              reset()
              setQ(v.trim())
            }}
          />
          <Button
            icon={<DownloadOutlined />}
            loading={exporting.isPending}
            onClick={() =>
              exporting.mutate({
                title: '实有房屋楼栋汇总',
                note: q ? `查找：${q}` : undefined,
                rows: { path: '/housing/buildings', query: { q: q || undefined } },
                columns: [
                  { header: '小区', value: (b) => b.compoundName ?? '' },
                  { header: '楼栋', value: (b) => b.name },
                  { header: '网格', value: (b) => b.gridName },
                  { header: '房屋数', value: (b) => b.roomCount },
                  { header: '自住', value: (b) => b.occupancy.owner },
                  { header: '出租', value: (b) => b.occupancy.rented },
                  { header: '空置', value: (b) => b.occupancy.vacant },
                  { header: '其他', value: (b) => b.occupancy.other },
                ],
              })
            }
          >
            导出
          </Button>
          {mayImport ? (
            <Button icon={<ImportOutlined />} onClick={() => void navigate('/housing/import/rooms')}>
              导入
            </Button>
          ) : null}
        </Space>
      </div>
      <Card>
        {list.isError ? (
          <PageError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<HousingBuilding>
            rowKey="id"
            size="small"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: '辖区内暂无楼栋' }}
            onRow={(b) => ({ onClick: () => void navigate(`/housing/buildings/${b.id}`), style: { cursor: 'pointer' } })}
            columns={[
              { title: '小区', render: (_, b) => b.compoundName ?? '—', width: 160 },
              { title: '楼栋', render: (_, b) => <a onClick={() => void navigate(`/housing/buildings/${b.id}`)}>{b.name}</a>, width: 90 },
              { title: '网格', render: (_, b) => b.gridName, width: 110 },
              { title: '层数', render: (_, b) => b.floors ?? '—', width: 60, align: 'right' },
              { title: '房屋', render: (_, b) => <span className="yw-tabular">{b.roomCount}</span>, width: 70, align: 'right' },
              { title: '自住', render: (_, b) => count(b, 'owner'), width: 70, align: 'right' },
              { title: '出租', render: (_, b) => count(b, 'rented'), width: 70, align: 'right' },
              { title: '空置', render: (_, b) => count(b, 'vacant'), width: 70, align: 'right' },
              { title: '其他', render: (_, b) => count(b, 'other'), width: 70, align: 'right' },
              { title: '地址', render: (_, b) => b.address ?? '—', ellipsis: true },
            ]}
          />
        )}
        {pager(list.data?.nextCursor)}
      </Card>
    </div>
  )
}
