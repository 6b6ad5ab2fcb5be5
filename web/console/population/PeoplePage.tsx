/**
 * 人口台账: one search box (姓名前缀；完整身份证号或手机号精确查找) and filters — 地址、人口类型、状态、标签 — kept in the
 * URL; a dense table of people (证件号、电话脱敏); 导出 the filtered view (.xlsx, watermarked, audited by the server);
 * 导入 goes to the people import; a row opens the person card.
 */
import { useState } from 'react'
import { Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd'
import { useNavigate, useSearchParams } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import type { PageOf } from '#contracts/common'
import type { Person } from '#contracts/population'
import { PERSON_STATUS_NAMES, RESIDENCE_TYPE_NAMES } from '#contracts/ledger-names'
import { get } from '../../shared/api'
import { shortAddress } from '../../shared/format'
import { useMe } from '../../shared/session'
import { PageError } from '../shell/states'
import { usePageTitle } from '../shell/usePageTitle'
import { ExportButton, ImportButton } from '../shell/ExcelButtons'

const COMMON_TAGS = ['独居老人', '高龄', '低保', '残疾', '退役军人', '留守儿童', '流动人口']
const KEEPERS = ['county', 'street', 'community']

/** The address below the community (龙城印象1栋1单元601): the county, street and community are the page's own. */

export default function PeoplePage() {
  usePageTitle('人口台账')
  const navigate = useNavigate()
  const role = useMe().data?.role
  const [params, setParams] = useSearchParams()
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined])
  const cursor = cursors.at(-1)
  const filter = {
    q: params.get('q') ?? undefined,
    address: params.get('address') ?? undefined,
    residenceType: params.get('residenceType') ?? undefined,
    status: params.get('status') ?? undefined,
    tags: params.getAll('tags'),
    placeCode: params.get('placeCode') ?? undefined,
    buildingId: params.get('buildingId') ?? undefined,
    householdId: params.get('householdId') ?? undefined,
  }
  const setFilter = (k: string, v: string | string[] | undefined) => {
    const next = new URLSearchParams(params)
    next.delete(k)
    for (const x of Array.isArray(v) ? v : v ? [v] : []) next.append(k, x)
    setCursors([undefined])
    setParams(next, { replace: true })
  }
  const list = useQuery({
    queryKey: ['population', 'people', params.toString(), cursor],
    queryFn: ({ signal }) => get<PageOf<Person>>('/population/people', { ...filter, limit: 50, cursor, withTotal: true }, signal),
  })
  const [box, setBox] = useState(filter.q ?? '')
  const [address, setAddress] = useState(filter.address ?? '')
  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>
          人口台账
          {list.data?.total !== undefined ? (
            <Typography.Text type="secondary" style={{ fontSize: 14, marginLeft: 8 }}>
              共 {list.data.total} 人
            </Typography.Text>
          ) : null}
        </h1>
        <Space wrap>
          <ExportButton path="/exports/population" query={filter} fileName="实有人口台账.xlsx" />
          {role && KEEPERS.includes(role) ? (
            <ImportButton to="/population/people/import" />
          ) : null}
        </Space>
      </div>
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search
            aria-label="搜索姓名、身份证号或手机号"
            placeholder="姓名 / 身份证号 / 手机号"
            allowClear
            style={{ width: 280 }}
            value={box}
            onChange={(e) => setBox(e.target.value)}
            onSearch={(v) => setFilter('q', v.trim() || undefined)}
          />
          <Input.Search
            aria-label="地址包含"
            placeholder="地址包含"
            allowClear
            style={{ width: 220 }}
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            onSearch={(v) => setFilter('address', v.trim() || undefined)}
          />
          <Select
            aria-label="人口类型"
            placeholder="人口类型"
            allowClear
            style={{ width: 130 }}
            value={filter.residenceType}
            onChange={(v?: string) => setFilter('residenceType', v)}
            options={Object.entries(RESIDENCE_TYPE_NAMES).map(([value, label]) => ({ value, label }))}
          />
          <Select
            aria-label="状态"
            style={{ width: 120 }}
            value={filter.status ?? 'present'}
            onChange={(v: string) => setFilter('status', v === 'present' ? undefined : v)}
            options={[...Object.entries(PERSON_STATUS_NAMES).map(([value, label]) => ({ value, label })), { value: 'all', label: '全部' }]}
          />
          <Select
            aria-label="标签"
            mode="tags"
            placeholder="标签"
            style={{ minWidth: 200 }}
            value={filter.tags}
            onChange={(v: string[]) => setFilter('tags', v)}
            options={COMMON_TAGS.map((t) => ({ value: t, label: t }))}
          />
        </Space>
        {list.isError ? (
          <PageError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Person>
            rowKey="id"
            size="small"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: <span style={{ color: '#595959' }}>没有符合条件的人员</span> }}
            onRow={(r) => ({ onClick: () => void navigate(`/population/people/${r.id}`), style: { cursor: 'pointer' } })}
            columns={[
              { title: '姓名', width: 90, render: (_, r) => <a href={`/population/people/${r.id}`} onClick={(e) => e.preventDefault()}>{r.name}</a> },
              { title: '性别', width: 56, render: (_, r) => r.genderName ?? '—' },
              { title: '年龄', width: 56, render: (_, r) => <span className="yw-tabular">{r.age ?? '—'}</span> },
              { title: '证件号码', width: 180, render: (_, r) => <span className="yw-tabular">{r.idNumber ?? '—'}</span> },
              { title: '联系电话', width: 120, render: (_, r) => <span className="yw-tabular">{r.phone ?? '—'}</span> },
              { title: '人口类型', width: 90, render: (_, r) => r.residenceTypeName },
              { title: '民族', width: 72, render: (_, r) => r.ethnicity?.name ?? '—' },
              { title: '与户主关系', width: 90, render: (_, r) => r.relation?.name ?? '—' },
              { title: '现住址', ellipsis: true, render: (_, r) => <span title={r.address ?? undefined}>{shortAddress(r.address)}</span> },
              { title: '标签', width: 180, render: (_, r) => r.tags.map((t) => <Tag key={t}>{t}</Tag>) },
              { title: '状态', width: 72, render: (_, r) => (r.status === 'present' ? r.statusName : <Typography.Text type="secondary">{r.statusName}</Typography.Text>) },
            ]}
          />
        )}
        <Space style={{ marginTop: 16 }}>
          <Button disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
            上一页
          </Button>
          <Button disabled={!list.data?.nextCursor} onClick={() => setCursors([...cursors, list.data!.nextCursor!])}>
            下一页
          </Button>
        </Space>
      </Card>
    </div>
  )
}
