/**
 * 居民注册: phone and a code, a name, and where one lives (street → community → building → unit →
 * room). The grid worker then confirms the household; until then the resident can already report.
 */
import { useEffect, useState } from 'react'
import { toast } from '../ui/toast'
import { Button } from 'antd-mobile'
import { TextField } from '../ui/Field'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from 'react-router'
import type { Me } from '#contracts/auth'
import type { RegionOption, SignupBuilding } from '#contracts/signup'
import { errorText, get, post } from '../../shared/api'
import { PHONE_PATTERN } from '../../shared/password'
import { ME_KEY } from '../../shared/session'
import { ChoiceField } from '../ui/ChoiceField'
import { CodeField } from '../ui/CodeField'
import { Page } from '../shell/Page'

const regions = (parent?: string) => get<RegionOption[]>('/signup/regions', { parent })

export default function SignupPage() {
  const navigate = useNavigate()
  const client = useQueryClient()
  const [phone, setPhone] = useState('')
  const [code, setCode] = useState('')
  const [name, setName] = useState('')
  const [county, setCounty] = useState<string>()
  const [street, setStreet] = useState<string>()
  const [community, setCommunity] = useState<string>()
  const [buildingId, setBuildingId] = useState<string>()
  const [unitId, setUnitId] = useState<string>()
  const [room, setRoom] = useState('')
  const [busy, setBusy] = useState(false)

  const counties = useQuery({ queryKey: ['signup', 'counties'], queryFn: () => regions() })
  useEffect(() => {
    if (!county && counties.data?.length === 1) setCounty(counties.data[0]!.code)
  }, [counties.data, county])
  const streets = useQuery({ queryKey: ['signup', 'regions', county], queryFn: () => regions(county), enabled: Boolean(county) })
  const communities = useQuery({ queryKey: ['signup', 'regions', street], queryFn: () => regions(street), enabled: Boolean(street) })
  const buildings = useQuery({
    queryKey: ['signup', 'buildings', community],
    queryFn: () => get<SignupBuilding[]>('/signup/buildings', { community }),
    enabled: Boolean(community),
  })
  const building = buildings.data?.find((b) => b.id === buildingId)

  const submit = async () => {
    const problem = !PHONE_PATTERN.test(phone)
      ? '请输入 11 位手机号'
      : !/^[0-9]{6}$/.test(code)
        ? '请输入 6 位验证码'
        : !name.trim()
          ? '请填写姓名'
          : !buildingId
            ? '请选择所住楼栋'
            : building?.units.length && !unitId
              ? '请选择单元'
              : !/^[0-9A-Za-z-]{1,20}$/.test(room)
                ? '请填写房号，如 301'
                : null
    if (problem) return void toast(problem, 'fail')
    setBusy(true)
    try {
      const r = await post<{ user: Me }>('/signup', { phone, code, name: name.trim(), buildingId, ...(unitId ? { unitId } : {}), room })
      client.clear()
      client.setQueryData(ME_KEY, r.user)
      toast('注册成功，网格员确认住址后即可完成登记', 'success')
      navigate('/', { replace: true })
    } catch (e) {
      toast(errorText(e), 'fail', 3000)
    } finally {
      setBusy(false)
    }
  }

  const field = { border: '1px solid #d9d9d9', borderRadius: 8, padding: '10px 12px' }
  return (
    <Page title="居民注册">
      <section className="yw-section" aria-labelledby="s1">
        <h2 id="s1" className="yw-title">
          1. 验证手机号
        </h2>
        <CodeField phone={phone} onPhone={setPhone} code={code} onCode={setCode} purpose="signup" />
      </section>
      <section className="yw-section" aria-labelledby="s2">
        <h2 id="s2" className="yw-title">
          2. 您的姓名
        </h2>
        <TextField label="姓名" hideLabel value={name} onChange={setName} maxLength={20} placeholder="真实姓名，便于网格员联系" style={field} />
      </section>
      <section className="yw-section" aria-labelledby="s3">
        <h2 id="s3" className="yw-title">
          3. 您住在哪里
        </h2>
        <div style={{ display: 'grid', gap: 10 }}>
          {counties.data && counties.data.length > 1 ? (
            <ChoiceField label="县（区）" placeholder="选择县（区）" options={counties.data.map((c) => ({ value: c.code, label: c.name }))} value={county} onChange={(v) => (setCounty(v), setStreet(undefined), setCommunity(undefined), setBuildingId(undefined))} />
          ) : null}
          <ChoiceField
            label="街道（乡镇）"
            placeholder="选择街道（乡镇）"
            loading={streets.isFetching}
            options={(streets.data ?? []).map((s) => ({ value: s.code, label: s.name }))}
            value={street}
            onChange={(v) => (setStreet(v), setCommunity(undefined), setBuildingId(undefined), setUnitId(undefined))}
          />
          <ChoiceField
            label="社区（村）"
            placeholder="选择社区（村）"
            disabled={!street}
            loading={communities.isFetching}
            options={(communities.data ?? []).map((s) => ({ value: s.code, label: s.name }))}
            value={community}
            onChange={(v) => (setCommunity(v), setBuildingId(undefined), setUnitId(undefined))}
          />
          <ChoiceField
            label="小区楼栋"
            placeholder={community && buildings.data?.length === 0 ? '该社区暂无楼栋信息，请联系网格员' : '选择小区和楼栋'}
            disabled={!community || buildings.data?.length === 0}
            loading={buildings.isFetching}
            options={(buildings.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
            value={buildingId}
            onChange={(v) => (setBuildingId(v), setUnitId(undefined))}
          />
          {building?.units.length ? (
            <ChoiceField label="单元" placeholder="选择单元" options={building.units.map((u) => ({ value: u.id, label: u.name }))} value={unitId} onChange={setUnitId} />
          ) : null}
          <TextField label="房号" hideLabel value={room} onChange={setRoom} maxLength={20} placeholder="房号，如 301" style={field} />
        </div>
      </section>
      <p className="yw-muted" style={{ margin: '0 16px' }}>
        您的手机号加密保存，只用于回访联系。网格员确认住址前，您也可以正常反映问题。
      </p>
      <div className="yw-sticky">
        <Button color="primary" size="large" className="yw-primary" loading={busy} onClick={submit}>
          注册并登录
        </Button>
      </div>
    </Page>
  )
}
