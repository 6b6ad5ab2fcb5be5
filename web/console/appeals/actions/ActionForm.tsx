/**
 * One form per workflow action, opened by the action's button on the detail page. The server
 * decides who may do what (allowedActions); the form only asks for the fields the action needs
 * (contracts/workflow.ts ACTION_FIELDS) and checks them in Chinese before sending.
 */
import { Alert, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Appeal, Candidate } from '#contracts/appeals'
import type { PageOf } from '#contracts/common'
import type { AppealAction } from '#contracts/workflow'
import { ACTION_NAMES, ASSIGNEE_TYPE_NAMES, IMPORTANCE_NAMES, RATING_NAMES, URGENCY_NAMES, VIA_NAMES, labelOf } from '#contracts/labels'
import { UserError, errorText, get, post } from '../../../shared/api'
import { PhotoUpload } from '../PhotoUpload'
import { notifier } from '../../shell/notifier'

const required = (message: string) => [{ required: true, whitespace: true, message }]

/** Actions done with one click and a confirmation (no fields to fill). */
export const ONE_CLICK: ReadonlySet<AppealAction> = new Set<AppealAction>(['claim', 'reportIn', 'verify', 'approveExtension', 'denyExtension'])

function Fields({ action, appeal }: { action: AppealAction; appeal: Appeal }) {
  switch (action) {
    case 'accept':
      return (
        <>
          <Typography.Paragraph className="yw-muted">可按现场情况重新分色（不填则按分类默认）。</Typography.Paragraph>
          <Form.Item label="重要程度" name="importance">
            <Radio.Group optionType="button" options={Object.entries(IMPORTANCE_NAMES).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item label="紧急程度" name="urgency">
            <Radio.Group optionType="button" options={Object.entries(URGENCY_NAMES).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item label="备注" name="comment">
            <Input.TextArea rows={2} maxLength={1000} showCount />
          </Form.Item>
        </>
      )
    case 'dispatch':
      return <DispatchFields appeal={appeal} />
    case 'whistle':
      return <WhistleFields appeal={appeal} />
    case 'resolve':
    case 'resolveOnSpot':
      return (
        <>
          <Form.Item label="办理结果" name="result" rules={required('请填写办理结果')}>
            <Input.TextArea rows={4} maxLength={2000} showCount placeholder="做了什么、现在怎样" />
          </Form.Item>
          <Form.Item
            label="现场照片"
            name="photoIds"
            rules={action === 'resolveOnSpot' ? [{ required: true, type: 'array', min: 1, message: '就地解决请至少上传一张照片' }] : []}
          >
            <PhotoUpload />
          </Form.Item>
        </>
      )
    case 'assistNote':
      return (
        <>
          <Form.Item label="协办情况" name="note" rules={required('请填写协办情况')}>
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
          <Form.Item label="照片" name="photoIds">
            <PhotoUpload />
          </Form.Item>
        </>
      )
    case 'verify':
    case 'reportIn':
    case 'approveExtension':
    case 'denyExtension':
      return (
        <Form.Item label="说明（可不填）" name="note">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      )
    case 'claim':
      return <Typography.Paragraph>确认领取这件诉求并开始办理？领单后办结时限开始计算。</Typography.Paragraph>
    case 'escalate':
    case 'verifyFail':
    case 'return':
    case 'reject':
      return (
        <Form.Item label={action === 'verifyFail' ? '未通过的原因' : action === 'escalate' ? '上报原因' : action === 'return' ? '退回原因' : '不予受理的理由'} name="reason" rules={required('请填写原因')}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      )
    case 'reply':
      return (
        <Form.Item label="答复内容" name="message" rules={required('请填写答复内容')} extra="答复将通知到群众，请写清办理结果与后续安排。">
          <Input.TextArea rows={5} maxLength={2000} showCount />
        </Form.Item>
      )
    case 'rate':
    case 'rateOnBehalf':
      return (
        <>
          <Form.Item label="回访方式" name="via" rules={[{ required: true, message: '请选择回访方式' }]}>
            <Radio.Group options={Object.entries(VIA_NAMES).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item label="群众评价" name="rating" rules={[{ required: true, message: '请选择群众的评价' }]}>
            <Radio.Group optionType="button" options={Object.entries(RATING_NAMES).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item label="回访记录" name="comment" rules={required('请记录群众的原话或意见')}>
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        </>
      )
    case 'merge':
      return <MergeFields appeal={appeal} />
    case 'requestExtension':
      return (
        <>
          <Form.Item label="延长工作日" name="days" rules={[{ required: true, message: '请填写延长天数' }]}>
            <InputNumber min={1} max={10} suffix="个工作日" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item label="延期理由" name="reason" rules={required('请填写延期理由')}>
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        </>
      )
    case 'closeWithExplanation':
      return (
        <Form.Item label="结案说明" name="explanation" rules={required('请填写结案说明')} extra="说明已做的工作与不能继续办理的原因，将随督办单一并存档。">
          <Input.TextArea rows={5} maxLength={2000} showCount />
        </Form.Item>
      )
  }
}

function useCandidates(appeal: Appeal, action: 'dispatch' | 'whistle') {
  return useQuery({
    queryKey: ['appeals', appeal.id, 'candidates', action],
    queryFn: ({ signal }) => get<Candidate[]>(`/appeals/${appeal.id}/candidates`, { action }, signal),
  })
}

function DispatchFields({ appeal }: { appeal: Appeal }) {
  const c = useCandidates(appeal, 'dispatch')
  const types = [...new Set((c.data ?? []).map((x) => x.type))]
  return (
    <>
      {c.isError ? <Alert type="error" title={errorText(c.error)} /> : null}
      <Form.Item label="承办对象" name="assignee" rules={[{ required: true, message: '请选择承办对象' }]}>
        <Select
          showSearch
          loading={c.isPending}
          placeholder="选择物业、网格员、党员接单池或志愿队"
          optionFilterProp="label"
          options={types.map((t) => ({
            label: labelOf(ASSIGNEE_TYPE_NAMES, t),
            options: (c.data ?? []).filter((x) => x.type === t).map((x) => ({ value: `${x.type}|${x.id}`, label: x.detail ? `${x.name}（${x.detail}）` : x.name })),
          }))}
        />
      </Form.Item>
      <Form.Item label="派单说明" name="comment">
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </>
  )
}

function WhistleFields({ appeal }: { appeal: Appeal }) {
  const c = useCandidates(appeal, 'whistle')
  const options = (c.data ?? []).map((x) => ({ value: x.id, label: x.name }))
  return (
    <>
      <Form.Item label="主办部门" name="lead" rules={[{ required: true, message: '请选择主办部门' }]}>
        <Select showSearch optionFilterProp="label" loading={c.isPending} options={options} placeholder="牵头办理并报到的部门" />
      </Form.Item>
      <Form.Item label="协办部门" name="assist">
        <Select mode="multiple" optionFilterProp="label" options={options} placeholder="可多选" />
      </Form.Item>
      <Form.Item label="报到时限" name="reportBy" extra="不填则为 1 个工作日内报到">
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
      </Form.Item>
      <Form.Item label="吹哨说明" name="comment">
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </>
  )
}

function MergeFields({ appeal }: { appeal: Appeal }) {
  return (
    <Form.Item
      label="重复的诉求编号"
      name="duplicateNumber"
      rules={[{ required: true, whitespace: true, message: '请填写与之重复的诉求编号' }]}
      extra={`本件（${appeal.number}）将合并到该诉求并结案`}
    >
      <Input placeholder="如 ZN20261123-000123" />
    </Form.Item>
  )
}

/** Build the action body from the form values (the contract's field names). */
async function bodyOf(action: AppealAction, v: Record<string, unknown>): Promise<Record<string, unknown>> {
  const b: Record<string, unknown> = {}
  for (const [k, val] of Object.entries(v)) if (val !== undefined && val !== null && val !== '') b[k] = val
  if (action === 'dispatch') {
    const [assigneeType, assigneeId] = String(v.assignee).split('|')
    delete b.assignee
    Object.assign(b, { assigneeType, assigneeId })
  }
  if (action === 'whistle') {
    const ids = [String(v.lead), ...((v.assist as string[]) ?? []).filter((x) => x !== v.lead)]
    delete b.lead
    delete b.assist
    b.departmentIds = ids
    if (v.reportBy) b.reportBy = (v.reportBy as { toISOString(): string }).toISOString()
  }
  if (action === 'merge') {
    delete b.duplicateNumber
    const found = await get<PageOf<Appeal>>('/appeals', { q: String(v.duplicateNumber).trim(), limit: 1 })
    const target = found.items[0]
    if (!target) throw new UserError('找不到该编号的诉求，或不在您的辖区内')
    b.duplicateOf = target.id
  }
  if (Array.isArray(b.photoIds) && b.photoIds.length === 0) delete b.photoIds
  return b
}

/** Prefilled where the record already says it (fewer keystrokes): the reply starts from the result. */
function initialValuesOf(action: AppealAction | null, appeal: Appeal): Record<string, unknown> | undefined {
  if (action === 'rateOnBehalf') return { via: 'phone' }
  if (action === 'reply' && appeal.result) return { message: `您好，您反映的问题已办理：${appeal.result}。如仍有问题，请随时反映。` }
  return undefined
}

export function ActionModal({ appeal, action, onClose }: { appeal: Appeal; action: AppealAction | null; onClose: () => void }) {
  const [form] = Form.useForm()
  const client = useQueryClient()
  const m = useMutation({
    mutationFn: async (v: Record<string, unknown>) =>
      post<Appeal>(`/appeals/${appeal.id}/actions`, { action, version: appeal.version, ...(await bodyOf(action!, v)) }),
    meta: { silent: true },
    // a read of this appeal still in flight would land after the action and bring back the old version
    onMutate: () => client.cancelQueries({ queryKey: ['appeals', 'detail', appeal.id] }),
    onSuccess: (updated) => {
      client.setQueryData(['appeals', 'detail', appeal.id], updated)
      void client.invalidateQueries({ queryKey: ['appeals', 'list'] }) // the lists and the to-do (['appeals', 'list', 'todo'])
      notifier.show(`已${ACTION_NAMES[action!]}`, 'success')
      form.resetFields()
      onClose()
    },
    onError: (e) => {
      if ((e as { status?: number }).status === 409) onClose()
    },
  })
  return (
    <Modal
      open={action !== null}
      title={action ? `${ACTION_NAMES[action]} · ${appeal.number}` : ''}
      okText={action ? `确认${ACTION_NAMES[action]}` : '确认'}
      onOk={() => form.submit()}
      confirmLoading={m.isPending}
      onCancel={() => {
        m.reset()
        onClose()
      }}
      destroyOnHidden
      width={560}
    >
      {m.error && (m.error as { status?: number }).status !== 409 ? <Alert type="error" showIcon role="alert" title={errorText(m.error)} style={{ marginBottom: 16 }} /> : null}
      {action ? (
        <Form form={form} layout="vertical" onFinish={(v) => m.mutate(v)} preserve={false} initialValues={initialValuesOf(action, appeal)}>
          <Fields action={action} appeal={appeal} />
        </Form>
      ) : null}
    </Modal>
  )
}
