/**
 * 到社区报到: the member's home community (from the account), the registered unit they work at, the
 * post (五大员) they volunteer for, skills and a contact phone. A unit that has not registered at a
 * community is not offered; the server refuses it anyway (422).
 */
import { useState } from 'react'
import { Button, Selector } from 'antd-mobile'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from 'react-router'
import type { PageOf } from '#contracts/common'
import type { Registration } from '#contracts/registrations'
import type { Unit } from '#contracts/units'
import { POSTS, POST_NAMES, type Post } from '#contracts/labels'
import { errorText, get, post } from '../../shared/api'
import { scopePlaceCode } from '../../shared/places'
import { useMe } from '../../shared/session'
import { ChoiceField } from '../ui/ChoiceField'
import { TextField } from '../ui/Field'
import { toast } from '../ui/toast'
import { Page } from '../shell/Page'

export default function RegisterPage() {
  const me = useMe().data!
  const navigate = useNavigate()
  const client = useQueryClient()
  const home = scopePlaceCode(me.scope)
  const [communityCode, setCommunityCode] = useState(home ?? '')
  const [unitId, setUnitId] = useState<string | undefined>()
  const [postChoice, setPostChoice] = useState<Post | undefined>()
  const [skills, setSkills] = useState('')
  const [phone, setPhone] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const units = useQuery({ queryKey: ['units', 'registered'], queryFn: ({ signal }) => get<PageOf<Unit>>('/units', { registered: true, limit: 100 }, signal) })
  const submit = useMutation({
    mutationFn: () =>
      post<Registration>('/registrations', {
        communityCode,
        unitId,
        ...(postChoice ? { post: postChoice } : {}),
        ...(skills.trim() ? { skills: skills.trim() } : {}),
        ...(phone ? { phone } : {}),
      }),
    meta: { silent: true },
    onSuccess: (r) => {
      toast('已提交，等待社区确认', 'success')
      void client.invalidateQueries({ queryKey: ['my-registrations'] })
      navigate(`/party/registration/${r.id}`, { replace: true })
    },
    onError: (e) => setProblem(errorText(e)),
  })
  const go = () => {
    if (!/^[0-9]{12}$/.test(communityCode)) return setProblem('请填写 12 位社区代码')
    if (!unitId) return setProblem('请选择工作单位')
    if (phone && !/^1[3-9][0-9]{9}$/.test(phone)) return setProblem('请填写正确的手机号')
    setProblem(null)
    submit.mutate()
  }
  return (
    <Page title="到社区报到">
      <section className="yw-section" style={{ display: 'grid', gap: 12 }}>
        <TextField
          label={communityCode === home ? `报到社区（${me.scopeName}）` : '报到社区代码'}
          value={communityCode}
          onChange={(v) => setCommunityCode(v.replace(/[^0-9]/g, '').slice(0, 12))}
          inputMode="numeric"
          placeholder="12 位社区代码"
        />
        <span className="yw-label">工作单位（须已到社区报到）</span>
        <ChoiceField
          label="工作单位"
          placeholder="请选择工作单位"
          loading={units.isPending}
          options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
          value={unitId}
          onChange={setUnitId}
        />
        <span className="yw-label">志愿岗位（五大员，可不选）</span>
        <Selector
          columns={2}
          options={POSTS.map((p) => ({ value: p, label: POST_NAMES[p] }))}
          value={postChoice ? [postChoice] : []}
          onChange={(v) => setPostChoice(v[0])}
        />
        <TextField label="特长（可不填）" value={skills} onChange={setSkills} maxLength={200} placeholder="如 水电维修、法律咨询" />
        <TextField label="联系电话（可不填，加密保存）" value={phone} onChange={(v) => setPhone(v.replace(/[^0-9]/g, '').slice(0, 11))} inputMode="tel" placeholder="手机号" />
        {problem ? (
          <p role="alert" style={{ color: 'var(--adm-color-danger)', margin: 0 }}>
            {problem}
          </p>
        ) : null}
        <Button block color="primary" size="large" className="yw-primary" loading={submit.isPending} onClick={go}>
          提交报到
        </Button>
      </section>
    </Page>
  )
}
