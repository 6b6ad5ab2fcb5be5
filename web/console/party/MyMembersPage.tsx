/**
 * 工作在单位、服务在社区: a unit's party organisation sees its own in-service members — where they
 * registered, their status and post with their service: hours, households pledged, wishes fulfilled and points.
 */
import { Card, Table, Typography } from 'antd'
import { useQuery } from '@tanstack/react-query'
import type { PageOf } from '#contracts/common'
import type { UnitMember } from '#contracts/units'
import { get } from '../../shared/api'
import { formatDate } from '../../shared/format'
import { useMe } from '../../shared/session'
import { PageError } from '../shell/states'
import { usePageTitle } from '../shell/usePageTitle'
import { StatusPill, useCursors } from './bits'

export default function MyMembersPage() {
  usePageTitle('本单位党员')
  const me = useMe().data!
  const unitId = me.scope.startsWith('unit:') ? me.scope.slice('unit:'.length) : null
  const { cursor, pager } = useCursors()
  const list = useQuery({
    queryKey: ['unit-members', unitId, cursor],
    queryFn: ({ signal }) => get<PageOf<UnitMember>>(`/units/${unitId}/members`, { limit: 50, cursor, withTotal: true }, signal),
    enabled: unitId !== null,
  })
  const has = (k: 'serviceHours' | 'tasksDone' | 'points' | 'households') => (list.data?.items ?? []).some((m) => m[k] !== undefined)
  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>
          本单位在职党员到社区报到情况
          {list.data?.total !== undefined ? <Typography.Text type="secondary" style={{ fontSize: 14, marginLeft: 8 }}>共 {list.data.total} 人次</Typography.Text> : null}
        </h1>
        <Typography.Text type="secondary">{me.scopeName}</Typography.Text>
      </div>
      <Card>
        {list.isError ? (
          <PageError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<UnitMember>
            rowKey="registrationId"
            size="middle"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: '本单位还没有党员到社区报到' }}
            columns={[
              { title: '党员', render: (_, m) => m.member.name, width: 110 },
              { title: '报到社区', render: (_, m) => m.community.name },
              { title: '志愿岗位', render: (_, m) => m.postName ?? '—' },
              { title: '特长', render: (_, m) => m.skills ?? '—', ellipsis: true },
              { title: '状态', render: (_, m) => <StatusPill status={m.status} name={m.statusName} />, width: 100 },
              { title: '报到日期', render: (_, m) => formatDate(m.submittedAt), width: 110 },
              { title: '确认日期', render: (_, m) => formatDate(m.decidedAt) || '—', width: 110 },
              ...(has('serviceHours') ? [{ title: '服务时长', render: (_: unknown, m: UnitMember) => `${m.serviceHours ?? 0} 小时`, width: 100 }] : []),
              ...(has('households') ? [{ title: '包保户数', render: (_: unknown, m: UnitMember) => m.households ?? 0, width: 90 }] : []),
              ...(has('tasksDone') ? [{ title: '完成心愿', render: (_: unknown, m: UnitMember) => m.tasksDone ?? 0, width: 90 }] : []),
              ...(has('points') ? [{ title: '积分', render: (_: unknown, m: UnitMember) => m.points ?? 0, width: 80 }] : []),
            ]}
          />
        )}
        {pager(list.data?.nextCursor)}
      </Card>
    </div>
  )
}
