/**
 * The buttons of a record's allowed actions, and the one form each opens: the fields the workflow table
 * asks for (reason, note, owner, deadline, photos, rating …). Used by the three lists and by the wishes.
 */
import { useState } from 'react'
import { Alert, Button, Form, Input, Modal, Rate, Space } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { WorkflowTable } from '#contracts/workflow-table'
import { errorText, post } from '../../shared/api'
import { PhotoUpload } from '../appeals/PhotoUpload'
import { notifier } from '../shell/notifier'

const FIELD_LABELS: Record<string, string> = {
  reason: '原因',
  note: '说明',
  summary: '完成情况',
  owner: '项目负责人',
  deadline: '完成期限',
  photoIds: '照片',
  rating: '评价',
  message: '答谢留言',
}

function FieldControl({ name }: { name: string }) {
  if (name === 'photoIds') return <PhotoUpload />
  if (name === 'rating') return <Rate />
  if (name === 'deadline') return <Input type="date" />
  if (name === 'owner') return <Input maxLength={50} />
  return <Input.TextArea rows={3} maxLength={name === 'message' ? 200 : 1000} />
}

/** Buttons for `allowed`, each opening a form with the table's fields; posts to `${path}/actions` with the version. */
export function WorkflowActions<A extends string>({
  table,
  path,
  version,
  allowed,
  invalidate,
  danger = [],
}: {
  table: WorkflowTable<string, A, string>
  path: string
  version: number
  allowed: readonly A[]
  invalidate: readonly unknown[][]
  danger?: readonly A[]
}) {
  const [action, setAction] = useState<A | null>(null)
  const [form] = Form.useForm()
  const client = useQueryClient()
  const act = useMutation({
    mutationFn: (values: Record<string, unknown>) => post(`${path}/actions`, { action, version, ...clean(values) }),
    meta: { silent: true },
    onSuccess: () => {
      notifier.show(`${table.actionNames[action!]}成功`, 'success')
      setAction(null)
      form.resetFields()
      for (const key of invalidate) void client.invalidateQueries({ queryKey: key })
    },
  })
  if (!allowed.length) return null
  const spec = action ? table.fields?.[action] : undefined
  const fields = spec ? [...spec.required, ...spec.optional] : []
  return (
    <>
      <Space wrap>
        {allowed.map((a) => (
          <Button key={a} type={danger.includes(a) ? 'default' : 'primary'} danger={danger.includes(a)} onClick={() => (act.reset(), setAction(a))}>
            {table.actionNames[a]}
          </Button>
        ))}
      </Space>
      <Modal
        open={action !== null}
        title={action ? table.actionNames[action] : ''}
        onOk={() => (fields.length ? form.submit() : act.mutate({}))}
        okText="确定"
        confirmLoading={act.isPending}
        onCancel={() => setAction(null)}
        destroyOnHidden
      >
        {act.error ? <Alert type="error" showIcon title={errorText(act.error)} style={{ marginBottom: 16 }} /> : null}
        {fields.length ? (
          <Form form={form} layout="vertical" onFinish={(v) => act.mutate(v)} preserve={false}>
            {fields.map((f) => (
              <Form.Item key={f} label={FIELD_LABELS[f] ?? f} name={f} rules={spec!.required.includes(f) ? [{ required: true, message: `请填写${FIELD_LABELS[f] ?? f}` }] : []}>
                <FieldControl name={f} />
              </Form.Item>
            ))}
          </Form>
        ) : (
          <p>确定要{action ? table.actionNames[action] : ''}吗？</p>
        )}
      </Modal>
    </>
  )
}

function clean(v: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, x] of Object.entries(v)) {
    if (x === undefined || x === null || x === '' || (Array.isArray(x) && x.length === 0)) continue
    out[k] = typeof x === 'string' ? x.trim() : x
  }
  return out
}
