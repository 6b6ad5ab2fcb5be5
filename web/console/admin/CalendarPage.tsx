/** 工作日历: statutory holidays and 调休 make-up days of a year; the system administrator edits them. */
import { useState } from 'react'
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Popconfirm, Radio, Space, Table } from 'antd'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { CalendarDay } from '#contracts/calendar'
import { api, errorText, get } from '../../shared/api'
import { useMe } from '../../shared/session'
import { notifier } from '../shell/notifier'
import { PageError } from '../shell/states'
import { Pill } from '../shell/Pill'
import { usePageTitle } from '../shell/usePageTitle'

interface CalendarYear {
  year: number
  workStart: string
  workEnd: string
  days: CalendarDay[]
}

export default function CalendarPage() {
  usePageTitle('工作日历')
  const me = useMe().data
  const canEdit = me?.role === 'systemAdmin'
  const [year, setYear] = useState(() => new Date().getFullYear())
  const [adding, setAdding] = useState(false)
  const [form] = Form.useForm()
  const client = useQueryClient()
  const q = useQuery({ queryKey: ['calendar', year], queryFn: ({ signal }) => get<CalendarYear>('/calendar', { year }, signal) })
  const refresh = () => void client.invalidateQueries({ queryKey: ['calendar'] })
  const setDay = useMutation({
    mutationFn: (v: { day: { format(f: string): string }; isWorkday: boolean; name?: string }) =>
      api<CalendarDay>('PUT', `/calendar/${v.day.format('YYYY-MM-DD')}`, { body: { isWorkday: v.isWorkday, ...(v.name ? { name: v.name } : {}) } }),
    meta: { silent: true },
    onSuccess: () => {
      notifier.show('已保存', 'success')
      setAdding(false)
      form.resetFields()
      refresh()
    },
  })
  const clear = useMutation({ mutationFn: (day: string) => api('DELETE', `/calendar/${day}`), onSuccess: refresh })
  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>工作日历</h1>
        <Space>
          <InputNumber value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} suffix="年" aria-label="年份" />
          {canEdit ? (
            <Button type="primary" onClick={() => setAdding(true)}>
              调整某日
            </Button>
          ) : null}
        </Space>
      </div>
      <Card>
        <p className="yw-muted">
          周一至周五为工作日，工作时间 {q.data?.workStart ?? '09:00'}–{q.data?.workEnd ?? '17:30'}（北京时间）。下表为法定节假日与调休上班日；所有按工作日计算的时限都按此表跳过休息日。
        </p>
        {q.isError ? (
          <PageError error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <Table<CalendarDay>
            rowKey="day"
            size="small"
            loading={q.isPending}
            dataSource={q.data?.days ?? []}
            pagination={false}
            columns={[
              { title: '日期', dataIndex: 'day', width: 130 },
              { title: '安排', render: (_, d) => (d.isWorkday ? <Pill tone="blue">调休上班</Pill> : <Pill tone="red">休息</Pill>), width: 110 },
              { title: '名称', render: (_, d) => d.name ?? '—' },
              { title: '来源', render: (_, d) => (d.source === 'admin' ? '管理员调整' : '国务院办公厅通知'), width: 160 },
              ...(canEdit
                ? [
                    {
                      title: '操作',
                      width: 100,
                      render: (_: unknown, d: CalendarDay) =>
                        d.source === 'admin' ? (
                          <Popconfirm title="取消该日的特别安排？" onConfirm={() => clear.mutate(d.day)}>
                            <Button type="link" size="small">
                              取消
                            </Button>
                          </Popconfirm>
                        ) : null,
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
      <Modal open={adding} title="调整某日" onOk={() => form.submit()} onCancel={() => setAdding(false)} confirmLoading={setDay.isPending} destroyOnHidden>
        {setDay.error ? <Alert type="error" showIcon title={errorText(setDay.error)} style={{ marginBottom: 16 }} /> : null}
        <Form form={form} layout="vertical" onFinish={(v) => setDay.mutate(v)} initialValues={{ isWorkday: false }} preserve={false}>
          <Form.Item label="日期" name="day" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item label="安排" name="isWorkday">
            <Radio.Group
              options={[
                { value: false, label: '休息' },
                { value: true, label: '上班' },
              ]}
            />
          </Form.Item>
          <Form.Item label="名称" name="name">
            <Input placeholder="如：抗灾停工" maxLength={50} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  )
}
