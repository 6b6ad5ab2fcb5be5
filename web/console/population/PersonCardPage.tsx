/**
 * 人员档案: the whole picture of one resident on one page — the header (name, masked ID, age, type, status, tags),
 * person fields, household members, housing, the residence history as a timeline, appeals about them — then
 * the panels other registers add (card-panels.tsx). Actions the server allows (迁出, 死亡, 户内变动, 迁回, 修改,
 * 设为户主, 查看完整证件) open modals.
 */
import { useState } from 'react'
import { Alert, Button, Card, Col, DatePicker, Descriptions, Form, Input, Modal, Row, Select, Space, Switch, Table, Tag, Timeline, Typography } from 'antd'
import { ArrowLeftOutlined } from '@ant-design/icons'
import dayjs, { type Dayjs } from 'dayjs'
import { Link, useNavigate, useParams } from 'react-router'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { BuildingHouseholds, HouseholdMember, MyBuilding, PersonCard, PersonIdentity } from '#contracts/population'
import { GB_EDUCATION, GB_ETHNICITY, GB_MARITAL, GB_POLITICAL, GB_RELATION, type CodeSet } from '#contracts/gb-codes'
import { RESIDENCE_TYPE_NAMES } from '#contracts/ledger-names'
import { api, errorText, get } from '../../shared/api'
import { formatDate } from '../../shared/format'
import { Pill } from '../shell/Pill'
import { PageError, PageLoading } from '../shell/states'
import { usePageTitle } from '../shell/usePageTitle'
import { PERSON_CARD_PANELS } from './card-panels'

type Move = 'moveOut' | 'death' | 'transfer' | 'moveIn' | 'update'
const MOVE_NAMES: Record<Move, string> = { moveOut: '迁出', death: '死亡', transfer: '户内变动', moveIn: '迁回', update: '修改' }
const MOVE_PATHS: Record<Exclude<Move, 'update'>, string> = { moveOut: 'move-out', death: 'death', transfer: 'transfer', moveIn: 'move-in' }

const codeOptions = (set: CodeSet) => set.items.map((i) => ({ value: i.code, label: `${i.code} ${i.name}` }))
const day = (d: Dayjs | undefined) => (d ? d.format('YYYY-MM-DD') : undefined)
const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day')

export default function PersonCardPage() {
  const { id } = useParams()
  const navigate = useNavigate()
  const card = useQuery({ queryKey: ['population', 'person', id], queryFn: ({ signal }) => get<PersonCard>(`/population/people/${id}`, undefined, signal) })
  usePageTitle(card.data ? `${card.data.person.name} · 人员档案` : '人员档案')
  const [move, setMove] = useState<Move | null>(null)
  const [identity, setIdentity] = useState(false)
  if (card.isError) return <div className="yw-page"><PageError error={card.error} onRetry={() => void card.refetch()} /></div>
  if (!card.data) return <div className="yw-page"><PageLoading /></div>
  const { person: p, household, housing, history, appeals, allowedActions } = card.data
  const can = (a: string) => allowedActions.includes(a)
  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <Space align="center" wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回人口台账" onClick={() => void navigate('/population/people')} />
          <h1>{p.name}</h1>
          <span className="yw-tabular">{p.idNumber ?? '无证件号'}</span>
          <span>{p.genderName ?? ''}{p.age !== null ? ` · ${p.age} 岁` : ''}</span>
          <Pill tone={p.residenceType === 'registered' ? 'blue' : p.residenceType === 'floating' ? 'orange' : 'purple'}>{p.residenceTypeName}</Pill>
          <Pill tone={p.status === 'present' ? 'green' : 'gray'}>{p.statusName}</Pill>
          {p.tags.map((t) => (
            <Tag key={t}>{t}</Tag>
          ))}
        </Space>
        <Space wrap>
          {(['moveOut', 'death', 'transfer', 'moveIn', 'update'] as const).filter(can).map((a) => (
            <Button key={a} danger={a === 'death'} onClick={() => setMove(a)}>
              {MOVE_NAMES[a]}
            </Button>
          ))}
          {can('identity') ? <Button onClick={() => setIdentity(true)}>查看完整证件</Button> : null}
        </Space>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title="基本信息" size="small">
            <Descriptions size="small" column={2} bordered styles={{ label: { width: 110, whiteSpace: 'nowrap' } }}>
              <Descriptions.Item label="证件类型">{p.idTypeName}</Descriptions.Item>
              <Descriptions.Item label="出生日期">{p.birthDate ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="联系电话">{p.phone ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="国籍">{p.nationality}</Descriptions.Item>
              <Descriptions.Item label="民族">{p.ethnicity?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="政治面貌">{p.politicalStatus?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="学历">{p.education?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="婚姻状况">{p.maritalStatus?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="与户主关系">{p.relation?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="人户一致">{p.sameAsHukou ? '是' : '否（人户分离）'}</Descriptions.Item>
              <Descriptions.Item label="户籍地址" span={2}>{p.hukouAddress ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="现住址" span={2}>{p.address ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="职业">{p.occupation ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="工作单位">{p.workplace ?? '—'}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={household ? `家庭成员 · 户主 ${household.headName ?? '暂缺'}` : '家庭成员'} size="small" style={{ marginTop: 16 }}>
            {household ? (
              <HouseholdMembers card={card.data} />
            ) : (
              <Typography.Text type="secondary">未登记住户</Typography.Text>
            )}
          </Card>
          <Card title="相关诉求" size="small" style={{ marginTop: 16 }}>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={appeals}
              locale={{ emptyText: <span style={{ color: '#595959' }}>暂无相关诉求</span> }}
              columns={[
                { title: '编号', width: 170, render: (_, a) => <Link to={`/appeals/${a.id}`}>{a.number}</Link> },
                { title: '标题', ellipsis: true, render: (_, a) => a.title },
                { title: '状态', width: 90, render: (_, a) => a.statusName },
                { title: '提出日期', width: 110, render: (_, a) => formatDate(a.createdAt) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title="住房" size="small">
            {housing ? (
              <Descriptions size="small" column={1} bordered styles={{ label: { width: 110, whiteSpace: 'nowrap' } }}>
                <Descriptions.Item label="楼栋">{housing.buildingName ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="单元 / 房间">{(housing.room && housing.unitName && housing.room.startsWith(housing.unitName) ? housing.room : [housing.unitName, housing.room].filter(Boolean).join(' ')) || '—'}</Descriptions.Item>
                <Descriptions.Item label="房屋用途">{housing.occupancyName}</Descriptions.Item>
                <Descriptions.Item label="出租登记">
                  {housing.rental ? `房东 ${housing.rental.landlordName} · ${housing.rental.purposeName} · 自 ${housing.rental.startDate} · 租客 ${housing.rental.tenantCount} 人` : '未登记'}
                </Descriptions.Item>
              </Descriptions>
            ) : (
              <Typography.Text type="secondary">无住房信息</Typography.Text>
            )}
          </Card>
          <Card title="居住史" size="small" style={{ marginTop: 16 }}>
            <Timeline
              items={history.map((s) => ({
                color: s.toDate ? 'gray' : 'green',
                content: (
                  <div>
                    <div>
                      <span className="yw-tabular">{s.fromDate}</span> 至 <span className="yw-tabular">{s.toDate ?? '今'}</span>
                      <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                        {s.startReasonName}
                        {s.endReasonName ? ` → ${s.endReasonName}` : ''}
                      </Typography.Text>
                    </div>
                    <div>{s.address || '（地址未登记）'}</div>
                    <Typography.Text type="secondary">
                      {[s.relationName, s.residenceTypeName, s.note].filter(Boolean).join(' · ')}
                    </Typography.Text>
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      {PERSON_CARD_PANELS.map(({ key, title, Panel }) => (
        <Card key={key} title={title} size="small" style={{ marginTop: 16 }}>
          <Panel residentId={p.id} />
        </Card>
      ))}
      {move ? <MoveModal card={card.data} move={move} onClose={() => setMove(null)} /> : null}
      {identity ? <IdentityModal id={p.id} onClose={() => setIdentity(false)} /> : null}
    </div>
  )
}

function HouseholdMembers({ card }: { card: PersonCard }) {
  const client = useQueryClient()
  const household = card.household!
  const setHead = useMutation({
    mutationFn: (residentId: string) => api<PersonCard>('PATCH', `/population/households/${household.id}/head`, { body: { version: household.version, residentId } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['population'] }),
  })
  return (
    <>
      {setHead.error ? <Alert type="error" showIcon title={errorText(setHead.error)} style={{ marginBottom: 8 }} /> : null}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={household.members}
        locale={{ emptyText: <span style={{ color: '#595959' }}>本户暂无在住成员</span> }}
        columns={[
          { title: '姓名', render: (_, m) => (m.id === card.person.id ? <strong>{m.name}</strong> : <Link to={`/population/people/${m.id}`}>{m.name}</Link>) },
          { title: '与户主关系', width: 100, render: (_, m) => (m.isHead ? '户主' : (m.relation?.name ?? '—')) },
          { title: '证件号码', width: 180, render: (_, m) => <span className="yw-tabular">{m.idNumber ?? '—'}</span> },
          { title: '年龄', width: 60, render: (_, m) => m.age ?? '—' },
          ...(card.allowedActions.includes('setHead')
            ? [
                {
                  title: '',
                  width: 90,
                  render: (_: unknown, m: HouseholdMember) =>
                    m.isHead ? null : (
                      <Button size="small" type="link" loading={setHead.isPending && setHead.variables === m.id} onClick={() => setHead.mutate(m.id)}>
                        设为户主
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
    </>
  )
}

/** Pick a household of the caller's place: a building, then a room. */
function HouseholdPicker({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  const [buildingId, setBuildingId] = useState<string>()
  const buildings = useQuery({ queryKey: ['population', 'buildings'], queryFn: ({ signal }) => get<MyBuilding[]>('/population/buildings', undefined, signal) })
  const rooms = useQuery({
    queryKey: ['population', 'building', buildingId],
    queryFn: ({ signal }) => get<BuildingHouseholds>(`/population/buildings/${buildingId}/households`, undefined, signal),
    enabled: buildingId !== undefined,
  })
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Select
        aria-label="楼栋"
        placeholder="楼栋"
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: '50%' }}
        value={buildingId}
        onChange={setBuildingId}
        loading={buildings.isLoading}
        options={(buildings.data ?? []).map((b) => ({ value: b.id, label: b.address ? b.address.replace(/^.+?(?:街道|镇|乡).+?(?:社区|村)/, '') || b.name : b.name }))}
      />
      <Select
        aria-label="房间"
        placeholder="房间"
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: '50%' }}
        value={value}
        onChange={onChange}
        disabled={!buildingId}
        options={(rooms.data?.units ?? []).flatMap((u) => u.households.map((h) => ({ value: h.id, label: `${u.name} ${h.room ?? h.address}（${h.members.length} 人）` })))}
      />
    </Space.Compact>
  )
}

function MoveModal({ card, move, onClose }: { card: PersonCard; move: Move; onClose: () => void }) {
  const client = useQueryClient()
  const [form] = Form.useForm()
  const p = card.person
  const save = useMutation({
    mutationFn: async (v: Record<string, unknown>) => {
      if (move === 'update') {
        const body = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined))
        return api<PersonCard>('PATCH', `/population/people/${p.id}`, { body: { version: p.version, ...body, phone: v.phone ? v.phone : undefined } })
      }
      const body = { version: p.version, ...v, date: day(v.date as Dayjs | undefined) }
      return api<PersonCard>('POST', `/population/people/${p.id}/${MOVE_PATHS[move]}`, { body })
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['population'] })
      onClose()
    },
  })
  const initial =
    move === 'update'
      ? {
          residenceType: p.residenceType,
          ethnicity: p.ethnicity?.code,
          politicalStatus: p.politicalStatus?.code,
          education: p.education?.code,
          maritalStatus: p.maritalStatus?.code,
          relationCode: p.relation?.code,
          hukouAddress: p.hukouAddress ?? undefined,
          sameAsHukou: p.sameAsHukou,
          occupation: p.occupation ?? undefined,
          workplace: p.workplace ?? undefined,
          tags: p.tags,
        }
      : { date: dayjs() }
  return (
    <Modal open title={`${MOVE_NAMES[move]} · ${p.name}`} okText="确定" cancelText="取消" confirmLoading={save.isPending} onOk={() => form.submit()} onCancel={onClose} width={move === 'update' ? 640 : 480} destroyOnHidden>
      {save.error ? <Alert type="error" showIcon title={errorText(save.error)} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v: Record<string, unknown>) => save.mutate(v)}>
        {move !== 'update' ? (
          <Form.Item name="date" label={move === 'death' ? '死亡日期' : '变动日期'} rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker disabledDate={notFuture} style={{ width: '100%' }} />
          </Form.Item>
        ) : null}
        {move === 'moveOut' || move === 'death' ? (
          <Form.Item name="note" label={move === 'moveOut' ? '去向' : '说明'}>
            <Input maxLength={200} />
          </Form.Item>
        ) : null}
        {move === 'transfer' || move === 'moveIn' ? (
          <>
            <Form.Item name="householdId" label={move === 'transfer' ? '转入住户' : '入住住户'} rules={[{ required: true, message: '请选择住户' }]}>
              <HouseholdPicker />
            </Form.Item>
            <Form.Item name="relationCode" label="与户主关系" rules={move === 'transfer' ? [{ required: true, message: '请选择与户主关系' }] : []}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={codeOptions(GB_RELATION)} />
            </Form.Item>
          </>
        ) : null}
        {move === 'update' ? (
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="residenceType" label="人口类型">
                <Select options={Object.entries(RESIDENCE_TYPE_NAMES).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="phone" label="联系电话（留空不改）" rules={[{ pattern: /^1[3-9][0-9]{9}$/, message: '请输入 11 位手机号' }]}>
                <Input placeholder={p.phone ?? ''} />
              </Form.Item>
            </Col>
            {(
              [
                ['ethnicity', '民族', GB_ETHNICITY],
                ['politicalStatus', '政治面貌', GB_POLITICAL],
                ['education', '学历', GB_EDUCATION],
                ['maritalStatus', '婚姻状况', GB_MARITAL],
                ['relationCode', '与户主关系', GB_RELATION],
              ] as const
            ).map(([name, label, set]) => (
              <Col span={12} key={name}>
                <Form.Item name={name} label={label}>
                  <Select showSearch={{ optionFilterProp: 'label' }} options={codeOptions(set)} />
                </Form.Item>
              </Col>
            ))}
            <Col span={12}>
              <Form.Item name="sameAsHukou" label="人户一致" valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="hukouAddress" label="户籍地址">
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="occupation" label="职业">
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="workplace" label="工作单位">
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="tags" label="标签">
                <Select mode="tags" />
              </Form.Item>
            </Col>
          </Row>
        ) : null}
      </Form>
    </Modal>
  )
}

function IdentityModal({ id, onClose }: { id: string; onClose: () => void }) {
  const full = useQuery({ queryKey: ['population', 'identity', id], queryFn: ({ signal }) => get<PersonIdentity>(`/population/people/${id}/identity`, undefined, signal), gcTime: 0, staleTime: 0 })
  return (
    <Modal open title="完整证件号码和电话" footer={<Button onClick={onClose}>关闭</Button>} onCancel={onClose}>
      <Alert type="warning" showIcon title="本次查看已记入审计日志，仅限工作使用" style={{ marginBottom: 12 }} />
      {full.isError ? <PageError error={full.error} /> : null}
      {full.data ? (
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label="证件号码"><span className="yw-tabular">{full.data.idNumber ?? '—'}</span></Descriptions.Item>
          <Descriptions.Item label="联系电话"><span className="yw-tabular">{full.data.phone ?? '—'}</span></Descriptions.Item>
        </Descriptions>
      ) : null}
    </Modal>
  )
}
