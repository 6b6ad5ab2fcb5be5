/**
 * 特殊人群 (基层台账): a tab per category the caller may see (关爱服务对象 / 服务管理对象), filters by kind, level,
 * status and place, a search by name or full ID number, a dense table (masked by the server), the record drawer,
 * 登记 and 导入 for the kinds the caller keeps, and 导出 (masked, watermarked, audited by the server).
 */
import { useState } from 'react'
import { Button, Card, Input, Select, Space, Table, Tabs, Typography } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { useSearchParams } from 'react-router'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import type { PageOf } from '#contracts/common'
import type { SpecialGroup, SpecialGroupCounts } from '#contracts/special-groups'
import { SPECIAL_GROUP_CATEGORY_NAMES, SPECIAL_GROUP_LEVEL_NAMES, SPECIAL_GROUP_STATUS_NAMES, specialGroupCategory } from '#contracts/ledger-names'
import { get } from '../../shared/api'
import { shortAddress } from '../../shared/format'
import { PlacePicker } from '../appeals/pickers'
import { useCursors } from '../party/bits'
import { PageError } from '../shell/states'
import { usePageTitle } from '../shell/usePageTitle'
import { CreateDialog, GroupDrawer, KindTag, LevelTag, useAbilities } from './bits'
import { ExportButton, ImportButton } from '../shell/ExcelButtons'

type Category = 'care' | 'managed'

export default function SpecialGroupsPage() {
  usePageTitle('特殊人群')
  const client = useQueryClient()
  const [params, setParams] = useSearchParams()
  const abilities = useAbilities()
  const readable = abilities.data?.readable ?? []
  const categories = (['care', 'managed'] as const).filter((c) => readable.some((k) => specialGroupCategory(k) === c))
  const category = (categories.includes(params.get('category') as Category) ? params.get('category') : categories[0]) as Category | undefined
  const kind = params.get('kind') ?? undefined
  const level = params.get('level') ?? undefined
  const status = params.get('status') ?? 'active'
  const place = params.get('place') ?? undefined
  const [search, setSearch] = useState(params.get('q') ?? '')
  const q = params.get('q') ?? undefined
  const [openId, setOpenId] = useState<string | null>(null)
  const [creating, setCreating] = useState(false)
  const { cursor, reset, pager } = useCursors()
  const set = (patch: Record<string, string | undefined>) => {
    reset()
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(patch)) if (v) next.set(k, v)
    else next.delete(k)
    setParams(next, { replace: true })
  }
  const query = { category, kind, level, status: status === 'all' ? undefined : status, place, q }
  const list = useQuery({
    queryKey: ['special-groups', 'list', query, cursor],
    queryFn: ({ signal }) => get<PageOf<SpecialGroup>>('/special-groups', { ...query, limit: 50, cursor, withTotal: true }, signal),
    enabled: category !== undefined,
  })
  const counts = useQuery({
    queryKey: ['special-groups', 'counts', place],
    queryFn: ({ signal }) => get<SpecialGroupCounts>('/special-groups/counts', { place }, signal),
  })
  const writable = abilities.data?.writable ?? []
  const writesCare = writable.some((k) => specialGroupCategory(k) === 'care')
  const writesManaged = writable.some((k) => specialGroupCategory(k) === 'managed')
  const kindOptions = (counts.data?.items ?? []).filter((c) => specialGroupCategory(c.kind) === category).map((c) => ({ value: c.kind, label: `${c.kindName}（${c.active}）` }))

  if (abilities.isError) return <PageError error={abilities.error} onRetry={() => void abilities.refetch()} />
  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>
          特殊人群
          {list.data?.total !== undefined ? (
            <Typography.Text type="secondary" style={{ fontSize: 14, marginLeft: 8 }}>
              共 {list.data.total} 条
            </Typography.Text>
          ) : null}
        </h1>
        <Space wrap>
          {writable.length ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              登记
            </Button>
          ) : null}
          {writesCare ? (
            <ImportButton to="/special-groups/import/special-groups">导入关爱对象</ImportButton>
          ) : null}
          {writesManaged ? (
            <ImportButton to="/special-groups/import/managed-groups">导入管理对象</ImportButton>
          ) : null}
          <ExportButton path="/exports/special-groups" query={query} fileName="特殊人群台账.xlsx" />
        </Space>
      </div>
      <Card>
        {categories.length > 1 ? (
          <Tabs
            activeKey={category}
            onChange={(c) => set({ category: c, kind: undefined })}
            items={categories.map((c) => ({ key: c, label: SPECIAL_GROUP_CATEGORY_NAMES[c] }))}
            style={{ marginTop: -8 }}
          />
        ) : null}
        <Space wrap style={{ marginBottom: 12 }}>
          <Select aria-label="人群类别" placeholder="全部类别" allowClear style={{ width: 200 }} value={kind} onChange={(v) => set({ kind: v })} options={kindOptions} />
          <Select
            aria-label="等级"
            placeholder="全部等级"
            allowClear
            style={{ width: 110 }}
            value={level}
            onChange={(v) => set({ level: v })}
            options={Object.entries(SPECIAL_GROUP_LEVEL_NAMES).map(([value, label]) => ({ value, label }))}
          />
          <Select
            aria-label="状态"
            style={{ width: 110 }}
            value={status}
            onChange={(v) => set({ status: v === 'active' ? undefined : v })}
            options={[...Object.entries(SPECIAL_GROUP_STATUS_NAMES).map(([value, label]) => ({ value, label })), { value: 'all', label: '全部状态' }]}
          />
          <div style={{ width: 240 }}>
            <PlacePicker value={place} onChange={(v) => set({ place: v })} ariaLabel="社区或网格" />
          </div>
          <Input.Search
            aria-label="姓名或身份证号"
            placeholder="姓名或完整身份证号"
            allowClear
            style={{ width: 240 }}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => set({ q: v.trim() || undefined })}
          />
        </Space>
        {list.isError ? (
          <PageError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<SpecialGroup>
            rowKey="id"
            size="small"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: '暂无记录' }}
            onRow={(g) => ({ onClick: () => setOpenId(g.id), style: { cursor: 'pointer' } })}
            columns={[
              { title: '姓名', render: (_, g) => <a onClick={() => setOpenId(g.id)}>{g.resident.name}</a>, width: 90 },
              { title: '身份证号', render: (_, g) => <span className="yw-tabular">{g.resident.idNumber ?? '—'}</span>, width: 180 },
              { title: '类别', render: (_, g) => <KindTag g={g} />, width: 150 },
              { title: '等级', render: (_, g) => <LevelTag g={g} />, width: 70 },
              { title: '网格', render: (_, g) => `${g.community.name} · ${g.grid.name}`, width: 170, ellipsis: true },
              { title: '住址', render: (_, g) => <span title={g.address ?? undefined}>{shortAddress(g.address)}</span>, ellipsis: true },
              { title: '起始日期', render: (_, g) => g.since ?? '—', width: 110 },
              { title: '状态', render: (_, g) => g.statusName, width: 70 },
            ]}
          />
        )}
        {pager(list.data?.nextCursor)}
      </Card>
      <GroupDrawer id={openId} onClose={() => setOpenId(null)} />
      <CreateDialog
        open={creating}
        onClose={() => setCreating(false)}
        onDone={(g) => {
          setCreating(false)
          void client.invalidateQueries({ queryKey: ['special-groups'] })
          setOpenId(g.id)
        }}
      />
    </div>
  )
}
