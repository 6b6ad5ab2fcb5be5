/**
 * 诉求详情: header (number, status, countdown, card), the stage bar, the facts, the timeline,
 * 吹哨 / extension / supervision records, and one button per allowedActions entry.
 */
import { useState } from 'react'
import { Button, Card, Col, Descriptions, Row, Space, Table, Typography } from 'antd'
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons'
import { useNavigate, useParams, useSearchParams } from 'react-router'
import type { AppealAction } from '#contracts/workflow'
import {
  ACTION_NAMES,
  CHANNEL_NAMES,
  CLOSE_REASON_NAMES,
  EXTENSION_STATUS_NAMES,
  OVERDUE_NAMES,
  RATING_NAMES,
  RESOLUTION_LEVEL_NAMES,
  EVENT_ROLE_NAMES,
  SUPERVISION_LEVEL_NAMES,
  SUPERVISION_REASON_NAMES,
  SUPERVISION_STATUS_NAMES,
  SUPERVISION_TARGET_NAMES,
  WHISTLE_ROLE_NAMES,
  labelOf,
} from '#contracts/labels'
import { useAppeal } from '../../shared/use-appeal'
import { formatTime } from '../../shared/format'
import { useNow } from '../../shared/use-now'
import { PageError, PageLoading } from '../shell/states'
import { Pill } from '../shell/Pill'
import { usePageTitle } from '../shell/usePageTitle'
import { ActionModal } from './actions/ActionForm'
import { MiniMap } from './MiniMap'
import { Photos } from './Photos'
import { StageBar } from './StageBar'
import { AppealTimeline } from './Timeline'
import { CardTag, ColorTag, DeadlineChip, StatusTag } from './tags'

/** Actions shown as the primary button (the one the step waits for). */
const PRIMARY: ReadonlySet<AppealAction> = new Set<AppealAction>(['accept', 'dispatch', 'claim', 'whistle', 'resolve', 'verify', 'reply', 'rateOnBehalf', 'reportIn', 'approveExtension', 'closeWithExplanation'])
const DANGER: ReadonlySet<AppealAction> = new Set<AppealAction>(['reject', 'verifyFail', 'denyExtension', 'return'])

export { useAppeal }

export default function AppealDetailPage() {
  const { id } = useParams()
  const [params, setParams] = useSearchParams()
  const navigate = useNavigate()
  const q = useAppeal(id)
  const now = useNow(15_000)
  usePageTitle(q.data ? `诉求 ${q.data.number}` : '诉求详情')
  const requested = params.get('do') as AppealAction | null
  const [chosen, setChosen] = useState<AppealAction | null>(null)
  const a = q.data
  const open = chosen ?? (requested && a?.allowedActions.includes(requested) ? requested : null)
  const close = () => {
    setChosen(null)
    if (params.has('do')) {
      params.delete('do')
      setParams(params, { replace: true })
    }
  }

  if (q.isPending) return <PageLoading rows={12} />
  if (q.isError || !a) return <PageError error={q.error} onRetry={() => void q.refetch()} />

  const overdue = (Object.keys(OVERDUE_NAMES) as (keyof typeof OVERDUE_NAMES)[]).filter((k) => a.overdue[k])
  return (
    <div className="yw-page">
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} style={{ paddingLeft: 0 }}>
        返回
      </Button>
      <Card style={{ marginBottom: 16 }}>
        <Row justify="space-between" align="top" gutter={16}>
          <Col flex="auto">
            <Space size={8} wrap>
              <Typography.Text className="yw-tabular" copyable style={{ fontSize: 16 }}>
                {a.number}
              </Typography.Text>
              <StatusTag status={a.status} />
              <ColorTag color={a.color} long />
              <CardTag card={a.card} />
              {overdue.map((k) => (
                <Pill key={k} tone="red">
                  {OVERDUE_NAMES[k]}
                </Pill>
              ))}
              {a.extensionPending ? <Pill tone="orange">延期待审核</Pill> : null}
            </Space>
            <h1 style={{ fontSize: 20, margin: '12px 0 4px' }}>{a.title}</h1>
            <div style={{ fontSize: 15 }}>
              <DeadlineChip appeal={a} now={now} />
            </div>
          </Col>
          <Col>
            <Space wrap style={{ justifyContent: 'flex-end' }}>
              {a.allowedActions.map((x) => (
                <Button key={x} type={PRIMARY.has(x) ? 'primary' : 'default'} danger={DANGER.has(x)} onClick={() => setChosen(x)}>
                  {ACTION_NAMES[x]}
                </Button>
              ))}
              <Button icon={<ReloadOutlined />} onClick={() => void q.refetch()} aria-label="刷新" />
            </Space>
          </Col>
        </Row>
        <div style={{ marginTop: 20 }}>
          <StageBar appeal={a} />
        </div>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card title="诉求内容" style={{ marginBottom: 16 }}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 15 }}>{a.description}</Typography.Paragraph>
            <Photos ids={a.photoIds} />
            <Descriptions
              column={2}
              size="small"
              style={{ marginTop: 16 }}
              items={[
                { key: 'category', label: '分类', children: a.category.name },
                { key: 'channel', label: '渠道', children: labelOf(CHANNEL_NAMES, a.channel) },
                { key: 'place', label: '网格', children: `${a.place.communityName}${a.place.gridName}（${a.place.gridCode}）` },
                { key: 'address', label: '地址', children: a.address ?? '—' },
                { key: 'contact', label: '联系人', children: a.contact.name ? `${a.contact.name} ${a.contact.phone ?? ''}` : '—' },
                { key: 'submitter', label: '登记人角色', children: labelOf(EVENT_ROLE_NAMES, a.submitter.role) },
                { key: 'created', label: '登记时间', children: formatTime(a.createdAt) },
                { key: 'assignee', label: '承办', children: a.assignee ? a.assignee.name : '—' },
                ...(a.people.length ? [{ key: 'people', label: '涉及人员', span: 2, children: a.people.map((p) => `${p.name}${p.phone ? ` ${p.phone}` : ''}${p.relation ? `（${p.relation}）` : ''}`).join('；') }] : []),
              ]}
            />
            {a.lat !== null && a.lng !== null ? (
              <div style={{ marginTop: 16 }}>
                <MiniMap gridCode={a.place.gridCode} lat={a.lat} lng={a.lng} />
              </div>
            ) : null}
          </Card>
          {a.result || a.replyMessage || a.rating || a.closeReason ? (
            <Card title="办理与评价" style={{ marginBottom: 16 }}>
              <Descriptions
                column={1}
                size="small"
                items={[
                  ...(a.result ? [{ key: 'r', label: '办理结果', children: <span style={{ whiteSpace: 'pre-wrap' }}>{a.result}</span> }] : []),
                  ...(a.resolutionLevel ? [{ key: 'l', label: '解决层级', children: labelOf(RESOLUTION_LEVEL_NAMES, a.resolutionLevel) }] : []),
                  ...(a.replyMessage ? [{ key: 'm', label: '答复群众', children: <span style={{ whiteSpace: 'pre-wrap' }}>{a.replyMessage}</span> }] : []),
                  ...(a.rating ? [{ key: 'g', label: '群众评价', children: `${labelOf(RATING_NAMES, a.rating)}${a.ratingComment ? `：${a.ratingComment}` : ''}` }] : []),
                  ...(a.closeReason ? [{ key: 'c', label: '结案', children: `${labelOf(CLOSE_REASON_NAMES, a.closeReason)}（${formatTime(a.closedAt)}）` }] : []),
                ]}
              />
            </Card>
          ) : null}
          {a.departments?.length ? (
            <Card title="吹哨报到" style={{ marginBottom: 16 }}>
              <Table
                size="small"
                rowKey="code"
                pagination={false}
                dataSource={a.departments}
                columns={[
                  { title: '部门', dataIndex: 'name' },
                  { title: '角色', render: (_, d) => labelOf(WHISTLE_ROLE_NAMES, d.role) },
                  { title: '报到时限', render: (_, d) => formatTime(d.reportBy) },
                  { title: '报到时间', render: (_, d) => (d.reportedAt ? formatTime(d.reportedAt) : d.active ? '未报到' : '已撤回') },
                  { title: '是否超时', render: (_, d) => (d.late === null ? '—' : d.late ? <Pill tone="red">超时</Pill> : <Pill tone="green">按时</Pill>) },
                ]}
              />
            </Card>
          ) : null}
          {a.extensions?.length ? (
            <Card title="延期申请" style={{ marginBottom: 16 }}>
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={a.extensions}
                columns={[
                  { title: '申请时间', render: (_, e) => formatTime(e.requestedAt) },
                  { title: '天数', render: (_, e) => `${e.days} 个工作日` },
                  { title: '理由', dataIndex: 'reason' },
                  { title: '结果', render: (_, e) => labelOf(EXTENSION_STATUS_NAMES, e.status) },
                  { title: '新时限', render: (_, e) => formatTime(e.newDueAt) },
                ]}
              />
            </Card>
          ) : null}
          {a.supervisions?.length ? (
            <Card title="督办记录" style={{ marginBottom: 16 }}>
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={a.supervisions}
                columns={[
                  { title: '督办', render: (_, s) => `${labelOf(SUPERVISION_LEVEL_NAMES, s.level)} · ${labelOf(SUPERVISION_REASON_NAMES, s.reason)}` },
                  { title: '对象', render: (_, s) => labelOf(SUPERVISION_TARGET_NAMES, s.target) },
                  { title: '发起', render: (_, s) => formatTime(s.openedAt) },
                  { title: '状态', render: (_, s) => labelOf(SUPERVISION_STATUS_NAMES, s.status) },
                  { title: '回复', render: (_, s) => s.answer ?? '—' },
                ]}
              />
            </Card>
          ) : null}
        </Col>
        <Col xs={24} xl={10}>
          <Card title="办理时间线">
            <AppealTimeline appeal={a} />
          </Card>
        </Col>
      </Row>
      <ActionModal appeal={a} action={open} onClose={close} />
    </div>
  )
}
