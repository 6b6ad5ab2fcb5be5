/** 服务时长: 人次 and hours for the caller's place and a period, per person, team, work unit and community — derived from attendance. */
import { useState } from 'react'
import { Button, Card, Col, Row, Statistic, Table } from 'antd'
import { useQuery } from '@tanstack/react-query'
import dayjs, { type Dayjs } from 'dayjs'
import type { VolunteerFigures } from '#contracts/volunteers'
import { useMe } from '../../shared/session'
import { get } from '../../shared/api'
import { addDays, todayInShanghai } from '../../shared/format'
import { DateRange } from '../shell/DateRange'
import { PageError, PageLoading } from '../shell/states'
import { useTableExport } from '../shell/useTableExport'
import { Empty } from './bits'

const hoursText = (h: number) => `${Number.isInteger(h) ? h : h.toFixed(1)} 小时`
const hoursValue = (h: number) => Math.round(h * 10) / 10

type PersonRow = VolunteerFigures['perPerson'][number]
type TeamRow = VolunteerFigures['perTeam'][number]

export function HoursTab() {
  const today = todayInShanghai()
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs(addDays(today, -89)), dayjs(today)])
  const from = range[0].format('YYYY-MM-DD')
  const to = addDays(range[1].format('YYYY-MM-DD'), 1)
  const q = useQuery({ queryKey: ['volunteers', 'figures', from, to], queryFn: ({ signal }) => get<VolunteerFigures>('/volunteers/figures', { from, to }, signal) })
  const f = q.data
  const me = useMe().data!
  const note = `${me.scopeName}；${from} 至 ${range[1].format('YYYY-MM-DD')}，按活动开始时间统计，签退完成的报名`
  const byPerson = useTableExport<PersonRow>()
  const byTeam = useTableExport<TeamRow>()
  const exportButton = (loading: boolean, empty: boolean, onClick: () => void) => (
    <Button size="small" loading={loading} disabled={empty} onClick={onClick}>
      导出
    </Button>
  )
  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <Row gutter={24} align="middle">
          <Col flex="320px">
            <DateRange label="统计期间" value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
          </Col>
          <Col flex="auto" style={{ color: '#595959' }}>
            按活动开始时间统计；人次为签退完成的志愿者报名，时长为签退时核定的服务时长。
          </Col>
        </Row>
      </Card>
      {q.isError ? (
        <PageError error={q.error} onRetry={() => void q.refetch()} />
      ) : !f ? (
        <PageLoading />
      ) : (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            {[
              ['开展活动', `${f.activities} 次`],
              ['服务人次', `${f.personTimes}`],
              ['服务时长', hoursText(f.hours)],
              ['参与志愿者', `${f.volunteers} 人`],
              ['预约服务居民', `${f.residentsServed} 人次`],
            ].map(([title, value]) => (
              <Col key={title} flex={1}>
                <Card>
                  <Statistic title={title} value={value} />
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={16}>
            <Col span={12}>
              <Card
                title="按人员"
                size="small"
                style={{ marginBottom: 16 }}
                extra={exportButton(byPerson.isPending, !f.perPerson.length, () =>
                  byPerson.mutate({
                    title: '志愿服务时长（按人员）',
                    note,
                    columns: [
                      { header: '姓名', value: (r) => r.name },
                      { header: '人次', value: (r) => r.personTimes },
                      { header: '时长（小时）', value: (r) => hoursValue(r.hours) },
                    ],
                    rows: f.perPerson,
                  }),
                )}
              >
                <Table rowKey="userId" size="small" pagination={{ pageSize: 10, hideOnSinglePage: true }} dataSource={f.perPerson} locale={{ emptyText: <Empty text={'期间内没有服务记录'} /> }}
                  columns={[
                    { title: '姓名', dataIndex: 'name' },
                    { title: '人次', dataIndex: 'personTimes', align: 'right', width: 80 },
                    { title: '时长', align: 'right', width: 110, render: (_, r) => hoursText(r.hours) },
                  ]}
                />
              </Card>
            </Col>
            <Col span={12}>
              <Card
                title="按队伍"
                size="small"
                style={{ marginBottom: 16 }}
                extra={exportButton(byTeam.isPending, !f.perTeam.length, () =>
                  byTeam.mutate({
                    title: '志愿服务时长（按队伍）',
                    note,
                    columns: [
                      { header: '队伍', value: (r) => r.name },
                      { header: '类型', value: (r) => r.kindName ?? '—' },
                      { header: '人次', value: (r) => r.personTimes },
                      { header: '时长（小时）', value: (r) => hoursValue(r.hours) },
                    ],
                    rows: f.perTeam,
                  }),
                )}
              >
                <Table rowKey={(r) => r.teamId ?? 'community'} size="small" pagination={false} dataSource={f.perTeam} locale={{ emptyText: <Empty text={'期间内没有服务记录'} /> }}
                  columns={[
                    { title: '队伍', dataIndex: 'name' },
                    { title: '类型', width: 120, render: (_, r) => r.kindName ?? '—' },
                    { title: '人次', dataIndex: 'personTimes', align: 'right', width: 80 },
                    { title: '时长', align: 'right', width: 110, render: (_, r) => hoursText(r.hours) },
                  ]}
                />
              </Card>
              <Card title="按党员工作单位" size="small" style={{ marginBottom: 16 }}>
                <Table rowKey="workUnit" size="small" pagination={{ pageSize: 8, hideOnSinglePage: true }} dataSource={f.perUnit} locale={{ emptyText: <Empty text={'期间内没有服务记录'} /> }}
                  columns={[
                    { title: '单位', dataIndex: 'workUnit' },
                    { title: '人次', dataIndex: 'personTimes', align: 'right', width: 80 },
                    { title: '时长', align: 'right', width: 110, render: (_, r) => hoursText(r.hours) },
                  ]}
                />
              </Card>
              {f.perCommunity.length > 1 ? (
                <Card title="按社区" size="small">
                  <Table rowKey="code" size="small" pagination={false} dataSource={f.perCommunity}
                    columns={[
                      { title: '社区', dataIndex: 'name' },
                      { title: '活动', dataIndex: 'activities', align: 'right', width: 70 },
                      { title: '人次', dataIndex: 'personTimes', align: 'right', width: 80 },
                      { title: '时长', align: 'right', width: 110, render: (_, r) => hoursText(r.hours) },
                    ]}
                  />
                </Card>
              ) : null}
            </Col>
          </Row>
        </>
      )}
    </>
  )
}
