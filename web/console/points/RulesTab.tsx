/** 积分规则: points per hour or per piece of service, an optional monthly cap, and the black list's months — set by the county. */
import { useEffect } from 'react'
import { Alert, Button, Card, Form, InputNumber, Table, Typography } from 'antd'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { PointsRule, PointsRules } from '#contracts/points'
import { api, get } from '../../shared/api'
import { formatTime } from '../../shared/format'
import { notifier } from '../shell/notifier'
import { PageError, PageLoading } from '../shell/states'

interface FormValues {
  rules: Record<string, { pointsPerUnit: number; monthlyCap: number | null }>
  blackListMonths: number
}

export function RulesTab() {
  const client = useQueryClient()
  const [form] = Form.useForm<FormValues>()
  const q = useQuery({ queryKey: ['points', 'rules'], queryFn: ({ signal }) => get<PointsRules>('/points/rules', undefined, signal) })
  const save = useMutation({
    mutationFn: (v: FormValues) =>
      api<PointsRules>('PUT', '/points/rules', {
        body: {
          rules: Object.entries(v.rules).map(([kind, r]) => ({ kind, pointsPerUnit: r.pointsPerUnit, monthlyCap: r.monthlyCap ?? null })),
          blackListMonths: v.blackListMonths,
        },
      }),
    onSuccess: (r) => {
      notifier.show('积分规则已保存，此后的服务按新规则计分', 'success')
      client.setQueryData(['points', 'rules'], r)
    },
  })
  useEffect(() => {
    if (q.data) form.setFieldsValue({ rules: Object.fromEntries(q.data.rules.map((r) => [r.kind, { pointsPerUnit: r.pointsPerUnit, monthlyCap: r.monthlyCap }])), blackListMonths: q.data.blackListMonths })
  }, [q.data, form])
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />
  if (!q.data) return <PageLoading />
  const r = q.data
  const edit = r.canEdit
  return (
    <Card>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={r.isCustom ? `本县规则${r.updatedAt ? `，${r.updatedBy ?? ''} 于 ${formatTime(r.updatedAt)} 修改` : ''}` : '本县尚未设置，以下为默认规则'}
        description="积分只计群众感受得到的服务（志愿服务时长、微心愿、包保走访、党员接单、项目），不计登录、点击。规则修改只影响此后的计分，已有记录不变。"
      />
      <Form form={form} onFinish={(v) => save.mutate(v)} disabled={!edit}>
        <Table<PointsRule>
          rowKey="kind"
          size="middle"
          pagination={false}
          dataSource={r.rules}
          columns={[
            { title: '服务类型', dataIndex: 'kindName', width: 160 },
            {
              title: '积分',
              render: (_, x) => (
                <span>
                  每{x.unitName}{' '}
                  <Form.Item name={['rules', x.kind, 'pointsPerUnit']} noStyle rules={[{ required: true }]}>
                    <InputNumber min={0} max={1000} precision={0} aria-label={`${x.kindName}每${x.unitName}积分`} />
                  </Form.Item>{' '}
                  分
                </span>
              ),
            },
            {
              title: '每人每月上限（空为不限）',
              render: (_, x) => (
                <Form.Item name={['rules', x.kind, 'monthlyCap']} noStyle>
                  <InputNumber min={1} max={100000} precision={0} placeholder="不限" aria-label={`${x.kindName}每月上限`} />
                </Form.Item>
              ),
            },
          ]}
        />
        <div style={{ marginTop: 16, display: 'flex', alignItems: 'center', gap: 12 }}>
          <Typography.Text>黑榜：已报到的在职党员连续</Typography.Text>
          <Form.Item name="blackListMonths" noStyle rules={[{ required: true }]}>
            <InputNumber min={1} max={12} precision={0} aria-label="黑榜月数" />
          </Form.Item>
          <Typography.Text>个月无服务记录</Typography.Text>
        </div>
        {edit ? (
          <Button type="primary" htmlType="submit" loading={save.isPending} style={{ marginTop: 16 }}>
            保存规则
          </Button>
        ) : (
          <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
            积分规则由县级设置。
          </Typography.Paragraph>
        )}
      </Form>
    </Card>
  )
}
