/** What both 双报到 ledgers share: the status pill, the pager, the action dialog driven by allowedActions. */
import { useState } from 'react'
import { Alert, Button, Form, Input, Modal, Space } from 'antd'
import { useMutation } from '@tanstack/react-query'
import { errorText, post } from '../../shared/api'
import { Pill, type Tone } from '../shell/Pill'
import { notifier } from '../shell/notifier'

const TONES: Record<string, Tone> = { submitted: 'orange', confirmed: 'green', declined: 'red', transferred: 'gray', ended: 'gray', withdrawn: 'gray' }

export function StatusPill({ status, name }: { status: string; name: string }) {
  return <Pill tone={TONES[status] ?? 'gray'}>{name}</Pill>
}

/** Keyset paging: a stack of cursors. */
export function useCursors() {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined])
  return {
    cursor: cursors.at(-1),
    reset: () => setCursors([undefined]),
    pager: (next: string | null | undefined) => (
      <Space style={{ marginTop: 16 }}>
        <Button disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          上一页
        </Button>
        <Button disabled={!next} onClick={() => setCursors([...cursors, next!])}>
          下一页
        </Button>
      </Space>
    ),
  }
}

export interface ActionSpec {
  /** the action's button text */
  label: string
  /** the field the dialog asks for, and whether it must be filled */
  field?: { name: 'reason' | 'note' | 'toCommunityCode'; label: string; required: boolean }
  danger?: boolean
}

/** One dialog for every workflow action: POST {action, version, field} to the record's actions path. */
export function ActionDialog({
  path,
  record,
  action,
  spec,
  onClose,
  onDone,
}: {
  path: string
  record: { id: string; version: number }
  action: string | null
  spec: ActionSpec | undefined
  onClose: () => void
  onDone: () => void
}) {
  const [form] = Form.useForm()
  const act = useMutation({
    mutationFn: (v: Record<string, string | undefined>) => {
      const value = spec?.field ? v[spec.field.name]?.trim() : undefined
      return post(`${path}/${record.id}/actions`, { action, version: record.version, ...(spec?.field && value ? { [spec.field.name]: value } : {}) })
    },
    meta: { silent: true },
    onSuccess: () => {
      notifier.show(`已${spec?.label ?? '处理'}`, 'success')
      onDone()
    },
  })
  return (
    <Modal
      open={action !== null}
      title={spec?.label}
      okText={spec?.label}
      okButtonProps={{ danger: spec?.danger }}
      onOk={() => form.submit()}
      confirmLoading={act.isPending}
      onCancel={() => {
        act.reset()
        onClose()
      }}
      destroyOnHidden
    >
      {act.error ? <Alert type="error" showIcon title={errorText(act.error)} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => act.mutate(v)} preserve={false}>
        {spec?.field?.name === 'toCommunityCode' ? (
          <Form.Item label={spec.field.label} name="toCommunityCode" rules={[{ required: true, pattern: /^[0-9]{12}$/, message: '请填写 12 位社区代码' }]}>
            <Input maxLength={12} placeholder="如 520423002014" />
          </Form.Item>
        ) : spec?.field ? (
          <Form.Item label={spec.field.label} name={spec.field.name} rules={spec.field.required ? [{ required: true, whitespace: true, message: `请填写${spec.field.label}` }] : []}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        ) : (
          <p>确认{spec?.label}？</p>
        )}
      </Form>
    </Modal>
  )
}
