/** 督办: supervision orders in scope — the supervised level answers, the supervising level closes. */
import { useState } from 'react'
import { Alert, Button, Card, Form, Input, Modal, Segmented, Space, Table } from 'antd'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link } from 'react-router'
import type { PageOf } from '#contracts/common'
import type { SupervisionItem } from '#contracts/supervisions'
import { STATUS_NAMES, STEP_NAMES, SUPERVISION_LEVEL_NAMES, SUPERVISION_REASON_NAMES, SUPERVISION_STATUS_NAMES, SUPERVISION_TARGET_NAMES, labelOf } from '#contracts/labels'
import { errorText, get, post } from '../../shared/api'
import { formatTime } from '../../shared/format'
import { PageError } from '../shell/states'
import { Pill } from '../shell/Pill'
import { usePageTitle } from '../shell/usePageTitle'
import { notifier } from '../shell/notifier'

type Mode = { kind: 'answer' | 'close'; item: SupervisionItem } | null

export default function SupervisionsPage() {
  usePageTitle('督办')
  const [status, setStatus] = useState<'open' | 'answered' | 'closed' | 'all'>('open')
  const [mode, setMode] = useState<Mode>(null)
  const [form] = Form.useForm()
  const client = useQueryClient()
  const q = useQuery({
    queryKey: ['supervisions', status],
    queryFn: ({ signal }) => get<PageOf<SupervisionItem>>('/supervisions', { status: status === 'all' ? undefined : [status], limit: 100 }, signal),
  })
  const act = useMutation({
    mutationFn: (v: { answer?: string; note?: string }) =>
      mode!.kind === 'answer' ? post(`/supervisions/${mode!.item.id}/answer`, { answer: v.answer }) : post(`/supervisions/${mode!.item.id}/close`, v.note ? { note: v.note } : {}),
    meta: { silent: true },
    onSuccess: () => {
      notifier.show(mode!.kind === 'answer' ? '已回复督办' : '督办单已办结', 'success')
      setMode(null)
      form.resetFields()
      void client.invalidateQueries({ queryKey: ['supervisions'] })
    },
  })
  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>督办单</h1>
        <Segmented
          value={status}
          onChange={(v) => setStatus(v as typeof status)}
          options={[
            { value: 'open', label: '待回复' },
            { value: 'answered', label: '已回复' },
            { value: 'closed', label: '已办结' },
            { value: 'all', label: '全部' },
          ]}
        />
      </div>
      <Card>
        {q.isError ? (
          <PageError error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <Table<SupervisionItem>
            rowKey="id"
            loading={q.isPending}
            dataSource={q.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: '暂无督办单' }}
            columns={[
              { title: '诉求', render: (_, s) => <Link to={`/appeals/${s.appeal.id}`}>{s.appeal.number}</Link>, width: 190 },
              { title: '标题', render: (_, s) => s.appeal.title, ellipsis: true },
              { title: '诉求状态', render: (_, s) => labelOf(STATUS_NAMES, s.appeal.status), width: 100 },
              {
                title: '督办',
                render: (_, s) => (
                  <Space size={4} wrap>
                    <Pill tone={s.reason === 'redCard' ? 'red' : 'orange'}>{labelOf(SUPERVISION_REASON_NAMES, s.reason)}</Pill>
                    {labelOf(SUPERVISION_LEVEL_NAMES, s.level)}
                    {s.step ? `· ${labelOf(STEP_NAMES, s.step)}环节` : ''}
                  </Space>
                ),
              },
              { title: '被督办', render: (_, s) => labelOf(SUPERVISION_TARGET_NAMES, s.target), width: 90 },
              { title: '发起时间', render: (_, s) => formatTime(s.openedAt), width: 150 },
              { title: '状态', render: (_, s) => labelOf(SUPERVISION_STATUS_NAMES, s.status), width: 80 },
              { title: '回复', render: (_, s) => s.answer ?? '—', ellipsis: true },
              {
                title: '操作',
                width: 150,
                render: (_, s) =>
                  s.status === 'closed' ? null : (
                    <Space size={4}>
                      {s.status === 'open' ? (
                        <Button size="small" type="link" onClick={() => setMode({ kind: 'answer', item: s })}>
                          回复
                        </Button>
                      ) : null}
                      <Button size="small" type="link" onClick={() => setMode({ kind: 'close', item: s })}>
                        办结
                      </Button>
                    </Space>
                  ),
              },
            ]}
          />
        )}
      </Card>
      <Modal
        open={mode !== null}
        title={mode?.kind === 'answer' ? `回复督办 · ${mode.item.appeal.number}` : `办结督办单 · ${mode?.item.appeal.number ?? ''}`}
        onOk={() => form.submit()}
        confirmLoading={act.isPending}
        onCancel={() => {
          act.reset()
          setMode(null)
        }}
        destroyOnHidden
      >
        {act.error ? <Alert type="error" showIcon title={errorText(act.error)} style={{ marginBottom: 16 }} /> : null}
        <Form form={form} layout="vertical" onFinish={(v) => act.mutate(v)} preserve={false}>
          {mode?.kind === 'answer' ? (
            <Form.Item label="回复内容" name="answer" rules={[{ required: true, whitespace: true, message: '请填写回复内容' }]}>
              <Input.TextArea rows={4} maxLength={2000} showCount />
            </Form.Item>
          ) : (
            <Form.Item label="办结说明（可不填）" name="note">
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </div>
  )
}
