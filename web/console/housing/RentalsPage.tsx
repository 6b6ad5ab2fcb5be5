/**
 * 出租房屋: rentals in scope (status, use, landlord's name; a landlord's phone or ID number matched exactly), and a
 * drawer with the landlord (masked) and the tenants — those who left kept with their dates; a tenant's leaving and
 * 退租 recorded in one step. Export of the filtered view.
 */
import { useState } from 'react'
import { Alert, Button, Card, DatePicker, Descriptions, Drawer, Input, List, Popconfirm, Segmented, Select, Space, Table, Typography } from 'antd'
import { useSearchParams } from 'react-router'
import dayjs from 'dayjs'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { PageOf } from '#contracts/common'
import type { Rental } from '#contracts/housing'
import { RENTAL_PURPOSE_NAMES } from '#contracts/ledger-names'
import { errorText, get, post } from '../../shared/api'
import { shortAddress } from '../../shared/format'
import { useMe } from '../../shared/session'
import { Pill } from '../shell/Pill'
import { PageError } from '../shell/states'
import { usePageTitle } from '../shell/usePageTitle'
import { useCursorPager } from './pager'
import { ResidentPicker } from './ResidentPicker'
import { Revealable } from './Reveal'
import { ExportButton, ImportButton } from '../shell/ExcelButtons'

type StatusFilter = 'active' | 'ended' | 'all'

export default function RentalsPage() {
  const role = useMe().data?.role
  /** the keepers import (county, street, community); grid staff only read and record */
  const mayImport = role === 'county' || role === 'street' || role === 'community'
  usePageTitle('出租房屋')
  const [params, setParams] = useSearchParams()
  const [status, setStatus] = useState<StatusFilter>('active')
  const [purpose, setPurpose] = useState<string | undefined>()
  const [landlordName, setLandlordName] = useState('')
  const [landlordKey, setLandlordKey] = useState('')
  const { cursor, reset, pager } = useCursorPager()
  const openId = params.get('open')
  const query = {
    status: status === 'all' ? undefined : status,
    purpose,
    landlordName: landlordName || undefined,
    landlordKey: landlordKey || undefined,
  }
  const list = useQuery({
    queryKey: ['rentals', query, cursor],
    queryFn: ({ signal }) => get<PageOf<Rental>>('/housing/rentals', { ...query, limit: 50, cursor, withTotal: true }, signal),
  })
  const setOpen = (id: string | null) => setParams(id ? { open: id } : {}, { replace: true })
  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>
          出租房屋
          {list.data?.total !== undefined ? <Typography.Text type="secondary" style={{ fontSize: 14, marginLeft: 8 }}>共 {list.data.total} 处</Typography.Text> : null}
        </h1>
        <Space wrap>
          <Segmented
            value={status}
            onChange={(v) => {
              reset()
              setStatus(v as StatusFilter)
            }}
            options={[
              { value: 'active', label: '在租' },
              { value: 'ended', label: '已退租' },
              { value: 'all', label: '全部' },
            ]}
          />
          <Select
            allowClear
            placeholder="用途"
            aria-label="用途"
            style={{ width: 130 }}
            value={purpose}
            onChange={(v) => {
              reset()
              setPurpose(v)
            }}
            options={Object.entries(RENTAL_PURPOSE_NAMES).map(([value, label]) => ({ value, label }))}
          />
          <Input.Search allowClear placeholder="房东姓名" aria-label="房东姓名" style={{ width: 150 }} onSearch={(v) => (reset(), setLandlordName(v.trim()))} />
          <Input.Search allowClear placeholder="房东手机号或身份证号" aria-label="房东手机号或身份证号" style={{ width: 220 }} onSearch={(v) => (reset(), setLandlordKey(v.trim()))} />
          <ExportButton path="/exports/rentals" query={query} fileName="出租房屋台账.xlsx" />
          {mayImport ? <ImportButton to="/housing/import/rentals" /> : null}
        </Space>
      </div>
      <Card>
        {list.isError ? (
          <PageError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Rental>
            rowKey="id"
            size="small"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: '暂无出租房屋' }}
            onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
            columns={[
              {
                title: '房屋',
                render: (_, r) => (
                  <a onClick={() => setOpen(r.id)} title={r.household.address}>
                    {shortAddress(r.household.address)}
                  </a>
                ),
                ellipsis: true,
              },
              { title: '网格', render: (_, r) => r.gridName, width: 110 },
              { title: '房东', render: (_, r) => r.landlord.name, width: 90 },
              { title: '房东电话', render: (_, r) => <span className="yw-tabular">{r.landlord.phone ?? '—'}</span>, width: 120 },
              { title: '用途', render: (_, r) => r.purposeName, width: 100 },
              { title: '租客', render: (_, r) => r.tenants.filter((t) => t.current).map((t) => t.name).join('、') || '—', width: 160, ellipsis: true },
              { title: '起租', render: (_, r) => <span className="yw-tabular">{r.startDate}</span>, width: 100 },
              { title: '责任书', render: (_, r) => (r.securityPledgeSigned ? '已签' : <Pill tone="orange">未签</Pill>), width: 70 },
              { title: '状态', render: (_, r) => <Pill tone={r.status === 'active' ? 'green' : 'gray'}>{r.statusName}</Pill>, width: 80 },
            ]}
          />
        )}
        {pager(list.data?.nextCursor)}
      </Card>
      <RentalDrawer id={openId} onClose={() => setOpen(null)} />
    </div>
  )
}

function RentalDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const client = useQueryClient()
  const [date, setDate] = useState(dayjs().format('YYYY-MM-DD'))
  const detail = useQuery({ queryKey: ['rental', id], queryFn: ({ signal }) => get<Rental>(`/housing/rentals/${id}`, undefined, signal), enabled: id !== null })
  const done = () => {
    void client.invalidateQueries({ queryKey: ['rental', id] })
    void client.invalidateQueries({ queryKey: ['rentals'] })
  }
  const endTenant = useMutation({ mutationFn: (tenantId: string) => post<Rental>(`/housing/rentals/${id}/tenants/${tenantId}/end`, { toDate: date }), onSuccess: done })
  const end = useMutation({ mutationFn: (version: number) => post<Rental>(`/housing/rentals/${id}/end`, { version, endDate: date }), onSuccess: done })
  const [tenant, setTenant] = useState<string | undefined>()
  const addTenant = useMutation({
    mutationFn: () => post<Rental>(`/housing/rentals/${id}/tenants`, { residentId: tenant, fromDate: date }),
    onSuccess: () => {
      setTenant(undefined)
      done()
    },
  })
  const r = detail.data
  const error = endTenant.error ?? end.error ?? addTenant.error
  return (
    <Drawer open={id !== null} onClose={onClose} size={520} title={r ? r.household.address : '出租房屋'}>
      {detail.isError ? <PageError error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {r ? (
        <>
          <Descriptions column={1} size="small" bordered styles={{ label: { width: 110, whiteSpace: 'nowrap' } }}>
            <Descriptions.Item label="状态">
              <Pill tone={r.status === 'active' ? 'green' : 'gray'}>{r.statusName}</Pill>
            </Descriptions.Item>
            <Descriptions.Item label="房东">{r.landlord.name}{r.landlord.residentId ? <Typography.Text type="secondary">（本辖区居民）</Typography.Text> : null}</Descriptions.Item>
            <Descriptions.Item label="房东电话"><Revealable masked={r.landlord.phone} path={`/housing/rentals/${r.id}/reveal`} field="landlordPhone" /></Descriptions.Item>
            <Descriptions.Item label="房东身份证号"><Revealable masked={r.landlord.idNumber} path={`/housing/rentals/${r.id}/reveal`} field="landlordIdNumber" /></Descriptions.Item>
            <Descriptions.Item label="用途">{r.purposeName}</Descriptions.Item>
            <Descriptions.Item label="起租日期">{r.startDate}</Descriptions.Item>
            {r.endDate ? <Descriptions.Item label="退租日期">{r.endDate}</Descriptions.Item> : null}
            <Descriptions.Item label="治安责任书">{r.securityPledgeSigned ? '已签订' : '未签订'}</Descriptions.Item>
            {r.note ? <Descriptions.Item label="备注">{r.note}</Descriptions.Item> : null}
          </Descriptions>
          <h3 style={{ fontSize: 15, margin: '24px 0 8px' }}>租客（{r.tenants.filter((t) => t.current).length} 人在住）</h3>
          {r.allowedActions.length ? (
            <Space style={{ marginBottom: 8 }}>
              <span>入住/搬离/退租日期</span>
              <DatePicker aria-label="搬离或退租日期" allowClear={false} value={dayjs(date)} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} />
            </Space>
          ) : null}
          {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 8 }} /> : null}
          <List
            size="small"
            bordered
            locale={{ emptyText: '暂无租客' }}
            dataSource={r.tenants}
            renderItem={(t) => (
              <List.Item
                actions={
                  t.current && r.allowedActions.includes('endTenant')
                    ? [
                        <Popconfirm key="end" title={`${t.name}于 ${date} 搬离？`} okText="确认" cancelText="取消" onConfirm={() => endTenant.mutate(t.id)}>
                          <a>登记搬离</a>
                        </Popconfirm>,
                      ]
                    : []
                }
              >
                <Space>
                  <span>{t.name}</span>
                  <Typography.Text type="secondary" className="yw-tabular">
                    {t.fromDate} 至 {t.toDate ?? '今'}
                  </Typography.Text>
                  {t.current ? <Pill tone="green">在住</Pill> : <Pill tone="gray">已搬离</Pill>}
                </Space>
              </List.Item>
            )}
          />
          {r.allowedActions.includes('addTenant') ? (
            <Space.Compact style={{ width: '100%', marginTop: 12 }}>
              <ResidentPicker value={tenant} onChange={setTenant} label="登记租客" />
              <Button type="primary" disabled={!tenant} loading={addTenant.isPending} onClick={() => addTenant.mutate()}>
                登记入住
              </Button>
            </Space.Compact>
          ) : null}
          {r.allowedActions.includes('end') ? (
            <Popconfirm title={`于 ${date} 退租？在住租客同日搬离，房屋变为空置。`} okText="退租" cancelText="取消" onConfirm={() => end.mutate(r.version)}>
              <Button danger style={{ marginTop: 16 }} loading={end.isPending}>
                退租
              </Button>
            </Popconfirm>
          ) : null}
        </>
      ) : null}
    </Drawer>
  )
}
