/**
 * What the special-groups page and the person card's panel share: the caller's abilities, the record drawer (masked;
 * 查看完整信息 for the kind's keepers — an audited read), and the create / update / end dialogs. Every rule is the
 * server's: the buttons follow `allowedActions` and the abilities the server reports.
 */
import { useState } from 'react'
import { Alert, AutoComplete, Button, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Modal, Select, Space, Switch, Typography } from 'antd'
import { EyeOutlined } from '@ant-design/icons'
import dayjs, { type Dayjs } from 'dayjs'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { SpecialGroup, SpecialGroupAbilities } from '#contracts/special-groups'
import {
  CORRECTION_TYPES,
  DISABILITY_GRADES,
  DISABILITY_TYPES,
  DRUG_USER_STATUSES,
  KEY_YOUTH_TYPES,
  REGISTERED_MARK,
  SPECIAL_GROUP_DETAIL_NAMES,
  SPECIAL_GROUP_LEVEL_NAMES,
  SPECIAL_GROUP_NAMES,
  VETERAN_TYPES,
  type SpecialGroupKind,
} from '#contracts/ledger-names'
import { api, errorText, get, post } from '../../shared/api'
import { formatTime } from '../../shared/format'
import { Pill, type Tone } from '../shell/Pill'
import { PageError } from '../shell/states'

export const useAbilities = () =>
  useQuery({ queryKey: ['special-groups', 'abilities'], queryFn: ({ signal }) => get<SpecialGroupAbilities>('/special-groups/abilities', undefined, signal), staleTime: 600_000 })

const LEVEL_TONE: Record<string, Tone> = { normal: 'gray', attention: 'orange', key: 'red' }
export const LevelTag = ({ g }: { g: Pick<SpecialGroup, 'level' | 'levelName'> }) => <Pill tone={LEVEL_TONE[g.level] ?? 'gray'}>{g.levelName}</Pill>
export const KindTag = ({ g }: { g: Pick<SpecialGroup, 'category' | 'kindName'> }) => <Pill tone={g.category === 'managed' ? 'purple' : 'blue'}>{g.kindName}</Pill>

/** One field of a kind's details as the form asks for it. */
type FieldSpec = { key: string; input: 'text' | 'phone' | 'date' | 'int' | 'bool' | readonly string[]; max?: number; min?: number }
const t = (key: string): FieldSpec => ({ key, input: 'text' })
export const DETAIL_FIELDS: Record<SpecialGroupKind, FieldSpec[]> = {
  elderlyAlone: [t('emergencyContactName'), { key: 'emergencyContactPhone', input: 'phone' }],
  advancedAge: [],
  minimumLiving: [t('certificateNo'), { key: 'memberCount', input: 'int', min: 1, max: 30 }],
  extremePoverty: [t('certificateNo'), { key: 'memberCount', input: 'int', min: 1, max: 30 }],
  disabled: [{ key: 'grade', input: DISABILITY_GRADES }, { key: 'type', input: DISABILITY_TYPES }, t('certificateNo')],
  veteran: [{ key: 'type', input: VETERAN_TYPES }],
  leftBehindChild: [t('guardianName'), t('guardianRelation'), t('parentsWorkplace')],
  communityCorrection: [{ key: 'correctionType', input: CORRECTION_TYPES }, { key: 'termStart', input: 'date' }, { key: 'termEnd', input: 'date' }, t('crime')],
  released: [{ key: 'releasedOn', input: 'date' }, t('crime'), { key: 'resettled', input: 'bool' }],
  severeMental: [{ key: 'riskLevel', input: 'int', min: 0, max: 5 }, t('guardianName'), { key: 'guardianPhone', input: 'phone' }],
  drugUser: [{ key: 'status', input: DRUG_USER_STATUSES }],
  keyYouth: [{ key: 'type', input: KEY_YOUTH_TYPES }],
}

function DetailInput({ f }: { f: FieldSpec }) {
  const label = SPECIAL_GROUP_DETAIL_NAMES[f.key] ?? f.key
  const name = ['details', f.key]
  if (Array.isArray(f.input))
    return (
      <Form.Item label={label} name={name}>
        <Select allowClear options={(f.input as readonly string[]).map((v) => ({ value: v, label: v }))} />
      </Form.Item>
    )
  switch (f.input) {
    case 'date':
      return (
        <Form.Item label={label} name={name}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      )
    case 'int':
      return (
        <Form.Item label={label} name={name}>
          <InputNumber min={f.min} max={f.max} style={{ width: '100%' }} />
        </Form.Item>
      )
    case 'bool':
      return (
        <Form.Item label={label} name={name} valuePropName="checked">
          <Switch />
        </Form.Item>
      )
    case 'phone':
      return (
        <Form.Item label={label} name={name} rules={[{ pattern: /^1[3-9][0-9]{9}$|^0[0-9]{2,3}-?[0-9]{7,8}$/, message: '请填写手机号或带区号的固话' }]}>
          <Input inputMode="tel" />
        </Form.Item>
      )
    default:
      return (
        <Form.Item label={label} name={name}>
          <Input maxLength={100} />
        </Form.Item>
      )
  }
}

/** A form's details: dates as YYYY-MM-DD, empty fields left out. */
function detailsOf(kind: SpecialGroupKind, raw: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const f of DETAIL_FIELDS[kind]) {
    const v = raw?.[f.key]
    if (v === undefined || v === null || v === '') continue
    out[f.key] = dayjs.isDayjs(v) ? (v as Dayjs).format('YYYY-MM-DD') : typeof v === 'string' ? v.trim() : v
  }
  return out
}

const LEVEL_OPTIONS = Object.entries(SPECIAL_GROUP_LEVEL_NAMES).map(([value, label]) => ({ value, label }))

/** 登记: a person (fixed, or by ID number), a kind the caller keeps, its details. */
export function CreateDialog({ open, residentId, onClose, onDone }: { open: boolean; residentId?: string; onClose: () => void; onDone: (g: SpecialGroup) => void }) {
  const [form] = Form.useForm()
  const abilities = useAbilities().data
  const kind = Form.useWatch('kind', form) as SpecialGroupKind | undefined
  const saving = useMutation({
    mutationFn: async (v: { idNumber?: string; kind: SpecialGroupKind; level?: string; since?: Dayjs; note?: string; details?: Record<string, unknown> }) =>
      post<SpecialGroup>('/special-groups', {
        ...(residentId ? { residentId } : { idNumber: v.idNumber!.trim() }),
        kind: v.kind,
        level: v.level ?? 'normal',
        details: detailsOf(v.kind, v.details),
        ...(v.since ? { since: v.since.format('YYYY-MM-DD') } : {}),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      }),
    meta: { silent: true },
    onSuccess: (g) => {
      form.resetFields()
      onDone(g)
    },
  })
  return (
    <Modal open={open} title="登记特殊人群" okText="登记" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving.isPending} destroyOnHidden width={560}>
      {saving.error ? <Alert type="error" showIcon title={errorText(saving.error)} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => saving.mutate(v)} initialValues={{ level: 'normal' }}>
        {residentId ? null : (
          <Form.Item label="身份证号" name="idNumber" rules={[{ required: true, message: '请填写完整身份证号' }, { pattern: /^[0-9]{17}[0-9Xx]$/, message: '请填写 18 位身份证号' }]} extra="按身份证号在辖区居民中查找">
            <Input maxLength={18} autoComplete="off" />
          </Form.Item>
        )}
        <Space.Compact block>
          <Form.Item label="人群类别" name="kind" rules={[{ required: true, message: '请选择类别' }]} style={{ flex: 2, marginRight: 12 }}>
            <Select options={(abilities?.writable ?? []).map((k) => ({ value: k, label: SPECIAL_GROUP_NAMES[k] }))} />
          </Form.Item>
          <Form.Item label="等级" name="level" style={{ flex: 1, marginRight: 12 }}>
            <Select options={LEVEL_OPTIONS} />
          </Form.Item>
          <Form.Item label="起始日期" name="since" style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Space.Compact>
        {kind ? DETAIL_FIELDS[kind].map((f) => <DetailInput key={f.key} f={f} />) : null}
        <Form.Item label="备注" name="note">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

/** The details a masked record may prefill: not the masked ones (已登记, 139****5678); dates as dayjs. */
function prefill(g: SpecialGroup): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const f of DETAIL_FIELDS[g.kind as SpecialGroupKind]) {
    const v = g.details[f.key]
    if (v === undefined || v === null || v === REGISTERED_MARK || (typeof v === 'string' && v.includes('*'))) continue
    out[f.key] = f.input === 'date' && typeof v === 'string' ? dayjs(v) : v
  }
  return out
}

function UpdateDialog({ g, open, onClose, onDone }: { g: SpecialGroup; open: boolean; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm()
  const kind = g.kind as SpecialGroupKind
  const saving = useMutation({
    mutationFn: (v: { level: string; note?: string; details?: Record<string, unknown> }) =>
      api<SpecialGroup>('PATCH', `/special-groups/${g.id}`, { body: { version: g.version, level: v.level, note: v.note?.trim() || null, details: detailsOf(kind, v.details) } }),
    meta: { silent: true },
    onSuccess: onDone,
  })
  return (
    <Modal open={open} title={`修改 · ${g.kindName}`} okText="保存" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving.isPending} destroyOnHidden>
      {saving.error ? <Alert type="error" showIcon title={errorText(saving.error)} style={{ marginBottom: 16 }} /> : null}
      <Typography.Paragraph type="secondary">专项信息只需填写要修改的项目，留空的项目保持不变。</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => saving.mutate(v)} initialValues={{ level: g.level, note: g.note ?? '', details: prefill(g) }}>
        <Form.Item label="等级" name="level">
          <Select options={LEVEL_OPTIONS} />
        </Form.Item>
        {DETAIL_FIELDS[kind].map((f) => (
          <DetailInput key={f.key} f={f} />
        ))}
        <Form.Item label="备注" name="note">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

function EndDialog({ g, open, onClose, onDone }: { g: SpecialGroup; open: boolean; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm()
  const saving = useMutation({
    mutationFn: (v: { until: Dayjs; endReason: string }) => post<SpecialGroup>(`/special-groups/${g.id}/end`, { version: g.version, until: v.until.format('YYYY-MM-DD'), endReason: v.endReason.trim() }),
    meta: { silent: true },
    onSuccess: onDone,
  })
  return (
    <Modal open={open} title={`解除 · ${g.resident.name} · ${g.kindName}`} okText="解除" okButtonProps={{ danger: true }} cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving.isPending} destroyOnHidden>
      {saving.error ? <Alert type="error" showIcon title={errorText(saving.error)} style={{ marginBottom: 16 }} /> : null}
      <Typography.Paragraph type="secondary">解除后记录保留在台账中，状态为“已解除”。</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => saving.mutate(v)} initialValues={{ until: dayjs() }}>
        <Form.Item label="解除日期" name="until" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="解除原因" name="endReason" rules={[{ required: true, whitespace: true, message: '请填写原因' }]}>
          <AutoComplete options={['矫正期满', '帮教期满', '迁出', '死亡', '不再符合条件'].map((v) => ({ value: v }))} placeholder="选择或输入" />
        </Form.Item>
      </Form>
    </Modal>
  )
}

/** A record's drawer: masked; 查看完整信息 (audited) when the caller may. */
export function GroupDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const client = useQueryClient()
  const [full, setFull] = useState<SpecialGroup | null>(null)
  const [dialog, setDialog] = useState<'update' | 'end' | null>(null)
  const detail = useQuery({
    queryKey: ['special-group', id],
    queryFn: ({ signal }) => get<SpecialGroup>(`/special-groups/${id}`, undefined, signal),
    enabled: id !== null,
  })
  const reveal = useMutation({ mutationFn: () => get<SpecialGroup>(`/special-groups/${id}/full`), onSuccess: setFull })
  const g = full?.id === id ? full : detail.data
  const close = () => {
    setFull(null)
    onClose()
  }
  const changed = () => {
    setDialog(null)
    setFull(null)
    void client.invalidateQueries({ queryKey: ['special-group', id] })
    void client.invalidateQueries({ queryKey: ['special-groups'] })
  }
  return (
    <Drawer open={id !== null} onClose={close} size={560} title={g ? `${g.resident.name} · ${g.kindName}` : '特殊人群'}>
      {detail.isError ? <PageError error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {g ? (
        <>
          <Space style={{ marginBottom: 16 }} wrap>
            <KindTag g={g} />
            <LevelTag g={g} />
            <Pill tone={g.status === 'active' ? 'green' : 'gray'}>{g.statusName}</Pill>
            {g.allowedActions.includes('update') ? (
              <Button size="small" onClick={() => setDialog('update')}>
                修改
              </Button>
            ) : null}
            {g.allowedActions.includes('end') ? (
              <Button size="small" danger onClick={() => setDialog('end')}>
                解除
              </Button>
            ) : null}
            {g.allowedActions.includes('readFull') && !g.full ? (
              <Button
                size="small"
                icon={<EyeOutlined />}
                loading={reveal.isPending}
                onClick={() =>
                  Modal.confirm({
                    title: '查看完整信息',
                    content: '将显示完整身份证号、电话和敏感信息。本次查看将记入审计日志（查看人、时间、记录）。',
                    okText: '查看',
                    cancelText: '取消',
                    onOk: () => reveal.mutate(),
                  })
                }
              >
                查看完整信息
              </Button>
            ) : null}
          </Space>
          {g.full ? <Alert type="warning" showIcon title="正在显示完整信息，本次查看已记入审计日志" style={{ marginBottom: 12 }} /> : null}
          <Descriptions column={1} size="small" bordered styles={{ label: { width: 110, whiteSpace: 'nowrap' } }}>
            <Descriptions.Item label="姓名">{g.resident.name}</Descriptions.Item>
            <Descriptions.Item label="身份证号">
              <span className="yw-tabular">{g.resident.idNumber ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label="联系电话">
              <span className="yw-tabular">{g.resident.phone ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label="所在网格">
              {g.community.name} · {g.grid.name}
            </Descriptions.Item>
            <Descriptions.Item label="住址">{g.address ?? '—'}</Descriptions.Item>
            {Object.entries(g.details).map(([k, v]) => (
              <Descriptions.Item key={k} label={SPECIAL_GROUP_DETAIL_NAMES[k] ?? k}>
                {typeof v === 'boolean' ? (v ? '是' : '否') : String(v ?? '—')}
              </Descriptions.Item>
            ))}
            <Descriptions.Item label="起始日期">{g.since ?? '—'}</Descriptions.Item>
            {g.status === 'ended' ? (
              <Descriptions.Item label="解除">
                {g.until} · {g.endReason}
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label="备注">{g.note ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="登记时间">{formatTime(g.createdAt)}</Descriptions.Item>
          </Descriptions>
          {detail.data ? <UpdateDialog g={detail.data} open={dialog === 'update'} onClose={() => setDialog(null)} onDone={changed} /> : null}
          {detail.data ? <EndDialog g={detail.data} open={dialog === 'end'} onClose={() => setDialog(null)} onDone={changed} /> : null}
        </>
      ) : null}
    </Drawer>
  )
}
