/**
 * 活动详情: the activity, the organiser's buttons (publish, close, start, finish, cancel), the venue's
 * check-in code with its QR code, every sign-up with 签到 / 签退 / 取消 / 更正时长, and the timeline.
 */
import { useState } from 'react'
import { Alert, Button, Card, Col, Descriptions, Form, Input, InputNumber, Modal, QRCode, Row, Space, Table, Timeline } from 'antd'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link, useParams } from 'react-router'
import type { Activity, Signup } from '#contracts/volunteers'
import { ACTIVITY_ACTION_NAMES, SIGNUP_ACTION_NAMES, type ActivityAction, type SignupAction } from '#contracts/volunteer-names'
import { errorText, get, post } from '../../shared/api'
import { formatTime } from '../../shared/format'
import { PageError, PageLoading } from '../shell/states'
import { notifier } from '../shell/notifier'
import { usePageTitle } from '../shell/usePageTitle'
import { ActivityStatus, SignupStatusPill } from './bits'
import { Empty } from './bits'

type Ask = { kind: 'cancelActivity' } | { kind: 'correctHours'; signup: Signup } | null

export default function ActivityPage() {
  const { id } = useParams()
  const client = useQueryClient()
  const [ask, setAsk] = useState<Ask>(null)
  const [form] = Form.useForm()
  const q = useQuery({ queryKey: ['volunteers', 'activity', id], queryFn: ({ signal }) => get<Activity>(`/volunteers/activities/${id}`, undefined, signal) })
  usePageTitle(q.data?.title ?? '志愿活动')
  const refresh = () => void client.invalidateQueries({ queryKey: ['volunteers'] })
  const act = useMutation({
    mutationFn: (v: { action: ActivityAction; reason?: string }) => post<Activity>(`/volunteers/activities/${id}/actions`, { version: q.data!.version, ...v }),
    onSuccess: (_, v) => {
      notifier.show(`已${ACTIVITY_ACTION_NAMES[v.action]}`, 'success')
      setAsk(null)
      refresh()
    },
  })
  const signupAct = useMutation({
    mutationFn: (v: { signup: Signup; action: SignupAction; hours?: number; reason?: string }) =>
      post<Signup>(`/volunteers/signups/${v.signup.id}/actions`, { action: v.action, version: v.signup.version, ...(v.hours !== undefined ? { hours: v.hours, reason: v.reason } : {}) }),
    meta: { silent: true },
    onSuccess: (s, v) => {
      notifier.show(`${s.user.name}：${SIGNUP_ACTION_NAMES[v.action]}${v.action === 'checkOut' || v.action === 'correctHours' ? `，计 ${s.hours ?? 0} 小时` : ''}`, 'success')
      setAsk(null)
      refresh()
    },
    onError: (e) => notifier.show(errorText(e), 'error'),
  })
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />
  if (!q.data) return <PageLoading />
  const a = q.data
  const attendUrl = `${window.location.origin}/h5/volunteers/attend?code=${a.checkInCode ?? ''}`
  const signups = a.signups ?? []
  const served = signups.reduce((sum, s) => sum + (s.hours ?? 0), 0)
  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>
          <Link to="/volunteers" style={{ fontWeight: 'normal', marginInlineEnd: 8 }}>
            志愿服务
          </Link>
          / {a.title}
        </h1>
        <Space>
          {a.allowedActions
            .filter((x) => x !== 'cancel')
            .map((x) => (
              <Button key={x} type={x === 'publish' || (x === 'finish' && a.status === 'ongoing') ? 'primary' : 'default'} loading={act.isPending && act.variables?.action === x} onClick={() => act.mutate({ action: x })}>
                {ACTIVITY_ACTION_NAMES[x]}
              </Button>
            ))}
          {a.allowedActions.includes('cancel') ? (
            <Button danger onClick={() => setAsk({ kind: 'cancelActivity' })}>
              取消活动
            </Button>
          ) : null}
        </Space>
      </div>
      <Row gutter={16}>
        <Col span={a.checkInCode ? 16 : 24}>
          <Card style={{ marginBottom: 16 }}>
            <Descriptions column={2} size="small">
              <Descriptions.Item label="状态">
                <ActivityStatus status={a.status} name={a.statusName} />
              </Descriptions.Item>
              <Descriptions.Item label="类型">{a.kindName}</Descriptions.Item>
              <Descriptions.Item label="时间">
                {formatTime(a.startsAt)}–{a.endsAt.slice(11, 16)}（{a.durationHours} 小时）
              </Descriptions.Item>
              <Descriptions.Item label="地点">{a.venue}</Descriptions.Item>
              <Descriptions.Item label="组织">{a.team ? `${a.team.name}（${a.team.kindName}）` : a.community.name}</Descriptions.Item>
              <Descriptions.Item label="名额">
                {a.slots - a.slotsLeft} / {a.slots}（{a.signupRole === 'resident' ? '居民预约' : '志愿者报名'}）
              </Descriptions.Item>
              <Descriptions.Item label="已核定时长">{served} 小时</Descriptions.Item>
              <Descriptions.Item label="内容" span={2}>
                {a.description || '—'}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        {a.checkInCode ? (
          <Col span={8}>
            <Card title="现场签到码" size="small" style={{ marginBottom: 16 }}>
              <div style={{ display: 'flex', gap: 16, alignItems: 'center' }}>
                <div role="img" aria-label="二维码：扫码打开现场签到页面" ref={(el) => el?.querySelector('canvas')?.setAttribute('aria-hidden', 'true')}>
                  <QRCode value={attendUrl} size={128} bordered={false} errorLevel="M" />
                </div>
                <div>
                  <div style={{ fontSize: 32, letterSpacing: 6, fontVariantNumeric: 'tabular-nums', fontWeight: 600 }} aria-label={`签到码 ${a.checkInCode.split('').join(' ')}`}>
                    {a.checkInCode}
                  </div>
                  <p style={{ color: '#595959', margin: 0 }}>志愿者在手机上扫码或输入签到码签到、签退</p>
                </div>
              </div>
            </Card>
          </Col>
        ) : null}
      </Row>
      <Card title={`报名名单（${signups.filter((s) => s.status !== 'cancelled').length} 人）`} style={{ marginBottom: 16 }}>
        <Table<Signup>
          rowKey="id"
          size="small"
          dataSource={signups}
          pagination={false}
          locale={{ emptyText: <Empty text={'还没有人报名'} /> }}
          columns={[
            { title: '姓名', render: (_, s) => s.user.name },
            { title: '身份', width: 90, render: (_, s) => s.roleName },
            { title: '报名时间', width: 150, render: (_, s) => formatTime(s.signedUpAt) },
            { title: '状态', width: 90, render: (_, s) => <SignupStatusPill status={s.status} name={s.statusName} /> },
            { title: '签到', width: 150, render: (_, s) => (s.checkedInAt ? formatTime(s.checkedInAt) : '—') },
            { title: '签退', width: 150, render: (_, s) => (s.checkedOutAt ? formatTime(s.checkedOutAt) : '—') },
            { title: '时长', width: 80, align: 'right', render: (_, s) => (s.hours === null ? '—' : `${s.hours} 小时`) },
            {
              title: '操作',
              width: 170,
              render: (_, s) => (
                <Space size={4}>
                  {s.allowedActions.map((x) =>
                    x === 'correctHours' ? (
                      <Button key={x} size="small" type="link" onClick={() => setAsk({ kind: 'correctHours', signup: s })}>
                        更正时长
                      </Button>
                    ) : (
                      <Button key={x} size="small" type={x === 'cancel' ? 'link' : 'primary'} danger={x === 'cancel'} ghost={x !== 'cancel'} loading={signupAct.isPending && signupAct.variables?.signup.id === s.id && signupAct.variables.action === x} onClick={() => signupAct.mutate({ signup: s, action: x })}>
                        {x === 'cancel' ? '取消报名' : SIGNUP_ACTION_NAMES[x]}
                      </Button>
                    ),
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {a.events?.length ? (
        <Card title="活动记录" size="small">
          <Timeline
            items={a.events.map((e) => ({
              content: (
                <span>
                  {formatTime(e.at)} · {e.actor.name}（{e.actor.roleName}）{e.actionName}
                  {typeof e.fields.reason === 'string' ? `：${e.fields.reason}` : ''}
                </span>
              ),
            }))}
          />
        </Card>
      ) : null}
      <Modal
        open={ask !== null}
        title={ask?.kind === 'cancelActivity' ? '取消活动' : `更正服务时长 · ${ask?.kind === 'correctHours' ? ask.signup.user.name : ''}`}
        onOk={() => form.submit()}
        confirmLoading={act.isPending || signupAct.isPending}
        onCancel={() => {
          act.reset()
          signupAct.reset()
          setAsk(null)
        }}
        destroyOnHidden
      >
        {act.error || signupAct.error ? <Alert type="error" showIcon title={errorText(act.error ?? signupAct.error)} style={{ marginBottom: 16 }} /> : null}
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={(v: { reason: string; hours?: number }) =>
            ask?.kind === 'correctHours' ? signupAct.mutate({ signup: ask.signup, action: 'correctHours', hours: v.hours, reason: v.reason }) : act.mutate({ action: 'cancel', reason: v.reason })
          }
          initialValues={ask?.kind === 'correctHours' ? { hours: ask.signup.hours } : {}}
        >
          {ask?.kind === 'correctHours' ? (
            <Form.Item label={`服务时长（小时，0.5 的倍数，不超过活动时长 ${a.durationHours} 小时）`} name="hours" rules={[{ required: true, message: '请填写时长' }]}>
              <InputNumber min={0} max={24} step={0.5} style={{ width: 160 }} />
            </Form.Item>
          ) : null}
          <Form.Item label={ask?.kind === 'correctHours' ? '更正原因' : '取消原因（将通知已报名的人）'} name="reason" rules={[{ required: true, whitespace: true, message: '请填写原因' }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  )
}
