/**
 * 我要反映: one question per screen with a sticky 下一步 — where, what kind (at most eight large
 * tiles, then the rest), photos (optional, shrunk and uploaded in the background), a description —
 * then the success page. Also used by 联户长 (for the households of the group) and grid workers
 * (代点单, with the resident's name and phone).
 */
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react'
import { toast } from '../ui/toast'
import { Button, Checkbox, ProgressBar, Selector } from 'antd-mobile'
import { TextField, TextAreaField } from '../ui/Field'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from 'react-router'
import type { Appeal, CategoryNode } from '#contracts/appeals'
import type { RegionOption } from '#contracts/signup'
import { errorText, get, newIdempotencyKey, post } from '../../shared/api'
import { PHONE_PATTERN } from '../../shared/password'
import { useMe } from '../../shared/session'
import type { PhotoState } from '../ui/PhotoPicker'
import { Page } from '../shell/Page'

type Where = 'home' | 'here' | 'other'

// the picker and the photo uploader come with the step that needs them (fetched early, when idle)
const loadPhotoPicker = () => import('../ui/PhotoPicker')
const loadChoiceField = () => import('../ui/ChoiceField')
const PhotoPicker = lazy(async () => ({ default: (await loadPhotoPicker()).PhotoPicker }))
const ChoiceField = lazy(async () => ({ default: (await loadChoiceField()).ChoiceField }))
const TILE_COUNT = 8

export function useCategories() {
  return useQuery({ queryKey: ['categories'], queryFn: ({ signal }) => get<CategoryNode[]>('/categories', undefined, signal), staleTime: 3600_000 })
}

/** The category tree as the tiles need it (the QR card's copy has the same shape). */
export type CategoryTree = { code: string; name: string; children: { code: string; name: string }[] }[]

/** What residents raise most (the first tiles); a patrol finds other things first. */
export const RESIDENT_FIRST = ['property', 'elevator', 'parking', 'sanitation', 'noise', 'utility', 'safety', 'dispute']
export const PATROL_FIRST = ['safety', 'sanitation', 'construction', 'parking', 'ebike', 'property', 'utility', 'dispute']

export function CategoryTiles({ tree, value, onChange, first = RESIDENT_FIRST }: { tree: CategoryTree; value?: string; onChange: (code: string) => void; first?: string[] }) {
  const [more, setMore] = useState(false)
  const top = value?.split('.')[0]
  const rank = (code: string) => (first.includes(code) ? first.indexOf(code) : first.length)
  const ordered = [...tree].sort((a, b) => rank(a.code) - rank(b.code))
  const shown = more ? ordered : ordered.slice(0, TILE_COUNT)
  const parent = tree.find((c) => c.code === top)
  return (
    <div>
      <div className="yw-cat-grid" role="group" aria-label="问题类别">
        {shown.map((c) => (
          <button key={c.code} type="button" className="yw-cat" aria-pressed={top === c.code} onClick={() => onChange(c.children[0] && c.children.length === 1 ? c.children[0].code : c.code)}>
            {c.name}
          </button>
        ))}
        {!more && tree.length > TILE_COUNT ? (
          <button type="button" className="yw-cat" onClick={() => setMore(true)} aria-expanded={false}>
            更多类别 ›
          </button>
        ) : null}
      </div>
      {parent && parent.children.length > 1 ? (
        <div style={{ marginTop: 20 }}>
          <div style={{ fontWeight: 600, marginBottom: 8 }}>具体是：</div>
          <Selector
            columns={2}
            value={value && value.includes('.') ? [value] : []}
            onChange={(v) => v[0] && onChange(v[0])}
            options={parent.children.map((s) => ({ value: s.code, label: s.name }))}
          />
        </div>
      ) : null}
    </div>
  )
}

export function categoryName(tree: CategoryTree, code: string | undefined): string {
  if (!code) return ''
  for (const c of tree) {
    if (c.code === code) return c.name
    const s = c.children.find((x) => x.code === code)
    if (s) return s.name
  }
  return code
}

/** The category node of a code (大类 or 小类), for what the photo upload needs to know of it. */
export function findCategory(tree: CategoryNode[], code: string | undefined): CategoryNode | undefined {
  if (!code) return undefined
  for (const c of tree) {
    if (c.code === code) return c
    const s = c.children.find((x) => x.code === code)
    if (s) return s
  }
  return undefined
}

export default function ReportWizard() {
  const me = useMe().data!
  const navigate = useNavigate()
  const client = useQueryClient()
  const cats = useCategories()
  const forOthers = me.role === 'gridWorker' || me.role === 'gridHead' || me.role === 'householdLeader'
  const steps = forOthers ? ['who', 'where', 'what', 'photos', 'describe'] : ['where', 'what', 'photos', 'describe']
  const [step, setStep] = useState(0)
  const [where, setWhere] = useState<Where>('home')
  const [coords, setCoords] = useState<{ lat: number; lng: number } | null>(null)
  const [locating, setLocating] = useState(false)
  const [address, setAddress] = useState('')
  const [street, setStreet] = useState<string>()
  const [community, setCommunity] = useState<string>()
  const [gridCode, setGridCode] = useState<string>()
  const [category, setCategory] = useState<string>()
  const [photos, setPhotos] = useState<PhotoState>({ ids: [], pending: 0 })
  const [description, setDescription] = useState('')
  const [urgent, setUrgent] = useState(false)
  const [contactName, setContactName] = useState('')
  const [contactPhone, setContactPhone] = useState('')
  const [channel, setChannel] = useState(me.role === 'householdLeader' ? 'householdLeader' : 'walkIn')
  const [busy, setBusy] = useState(false)
  const key = useRef(newIdempotencyKey())
  const county = me.scope.split('.')[0]
  useEffect(() => {
    const t = setTimeout(() => void Promise.all([loadPhotoPicker(), loadChoiceField()]).catch(() => undefined), 1200)
    return () => clearTimeout(t)
  }, [])

  const streets = useQuery({ queryKey: ['signup', 'regions', county], queryFn: () => get<RegionOption[]>('/signup/regions', { parent: county }), enabled: where === 'other' })
  const communities = useQuery({ queryKey: ['signup', 'regions', street], queryFn: () => get<RegionOption[]>('/signup/regions', { parent: street }), enabled: Boolean(street) })
  const grids = useQuery({ queryKey: ['signup', 'regions', community], queryFn: () => get<RegionOption[]>('/signup/regions', { parent: community }), enabled: Boolean(community) })

  const current = steps[step]!
  const homeLabel = useMemo(() => (me.role === 'resident' ? `我家附近（${me.scopeName}）` : `本网格（${me.scopeName}）`), [me])

  const locate = () => {
    if (!('geolocation' in navigator)) return void toast('此设备不支持定位，请输入地址')
    setLocating(true)
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setCoords({ lat: Number(p.coords.latitude.toFixed(6)), lng: Number(p.coords.longitude.toFixed(6)) })
        setLocating(false)
      },
      () => {
        setLocating(false)
        toast('没能获取位置，请输入地址')
      },
      { timeout: 8000, maximumAge: 60_000 },
    )
  }

  const problem = (): string | null => {
    switch (current) {
      case 'who':
        if (me.role !== 'householdLeader' && !contactName.trim()) return '请填写反映人姓名'
        if (contactPhone && !PHONE_PATTERN.test(contactPhone)) return '手机号应为 11 位'
        return null
      case 'where':
        if (where === 'other' && !gridCode) return '请选择所在社区和网格'
        return null
      case 'what':
        return category ? null : '请选择问题类别'
      case 'photos':
        return photos.pending > 0 ? '照片还在上传，请稍候' : null
      case 'describe':
        return description.trim().length < 5 ? '请用一两句话描述问题（至少 5 个字）' : null
      default:
        return null
    }
  }

  const submit = async () => {
    const tree = cats.data ?? []
    const text = description.trim()
    const title = `${categoryName(tree, category)}：${text.replace(/\s+/g, ' ').slice(0, 30)}${text.length > 30 ? '…' : ''}`
    const body: Record<string, unknown> = {
      categoryCode: category,
      title: title.slice(0, 100),
      description: text,
      ...(where === 'other' && gridCode ? { gridCode } : {}),
      ...(address.trim() ? { address: address.trim() } : {}),
      ...(coords ? coords : {}),
      ...(photos.ids.length ? { photoIds: photos.ids } : {}),
      ...(urgent ? { isUrgent: true } : {}),
      ...(forOthers && contactName.trim() ? { contactName: contactName.trim() } : {}),
      ...(forOthers && contactPhone ? { contactPhone } : {}),
      ...(me.role === 'gridWorker' || me.role === 'gridHead' ? { channel } : {}),
    }
    setBusy(true)
    try {
      const a = await post<Appeal>('/appeals', body, { idempotencyKey: key.current })
      void client.invalidateQueries({ queryKey: ['appeals'] })
      navigate(`/report/done/${a.id}`, { replace: true })
    } catch (e) {
      toast(errorText(e), 'fail', 3000)
    } finally {
      setBusy(false)
    }
  }

  const next = () => {
    const p = problem()
    if (p) return void toast(p, 'fail')
    if (step < steps.length - 1) setStep(step + 1)
    else void submit()
  }

  const field = { border: '1px solid #d9d9d9', borderRadius: 8, padding: '10px 12px', background: '#fff' }
  return (
    <Page title={forOthers ? (me.role === 'householdLeader' ? '代群众反映' : '代点单') : '我要反映'} onBack={step > 0 ? () => setStep(step - 1) : undefined}>
      <ProgressBar percent={((step + 1) / steps.length) * 100} style={{ '--track-width': '4px' }} />
      <div className="yw-section" style={{ minHeight: '50vh' }}>
        <div className="yw-muted" aria-hidden>
          第 {step + 1} / {steps.length} 步
        </div>
        {current === 'who' ? (
          <>
            <h2 className="yw-question">替谁反映？</h2>
            <div style={{ display: 'grid', gap: 10 }}>
              <TextField label="群众姓名" hideLabel value={contactName} onChange={setContactName} placeholder={me.role === 'householdLeader' ? '群众姓名（可不填）' : '群众姓名'} style={field} maxLength={50} />
              <TextField label="联系电话" hideLabel value={contactPhone} onChange={setContactPhone} placeholder="联系电话（用于回访，可不填）" type="tel" inputMode="numeric" maxLength={11} style={field} />
              {me.role !== 'householdLeader' ? (
                <Selector
                  value={[channel]}
                  onChange={(v) => v[0] && setChannel(v[0])}
                  options={[
                    { value: 'walkIn', label: '群众来访' },
                    { value: 'hotline', label: '电话反映' },
                  ]}
                />
              ) : null}
            </div>
          </>
        ) : null}
        {current === 'where' ? (
          <>
            <h2 className="yw-question">问题在哪里？</h2>
            <Selector
              columns={1}
              value={[where]}
              onChange={(v) => v[0] && setWhere(v[0] as Where)}
              options={[
                { value: 'home', label: homeLabel },
                { value: 'other', label: '其他社区或网格' },
              ]}
            />
            {where === 'other' ? (
              <Suspense fallback={<p>加载中…</p>}>
              <div style={{ display: 'grid', gap: 10, marginTop: 12 }}>
                <ChoiceField label="街道（乡镇）" placeholder="选择街道（乡镇）" loading={streets.isFetching} options={(streets.data ?? []).map((s) => ({ value: s.code, label: s.name }))} value={street} onChange={(v) => (setStreet(v), setCommunity(undefined), setGridCode(undefined))} />
                <ChoiceField label="社区（村）" placeholder="选择社区（村）" disabled={!street} loading={communities.isFetching} options={(communities.data ?? []).map((s) => ({ value: s.code, label: s.name }))} value={community} onChange={(v) => (setCommunity(v), setGridCode(undefined))} />
                <ChoiceField label="网格" placeholder="选择网格" disabled={!community} loading={grids.isFetching} options={(grids.data ?? []).map((s) => ({ value: s.code, label: s.name }))} value={gridCode} onChange={setGridCode} />
              </div>
              </Suspense>
            ) : null}
            <div style={{ marginTop: 16, display: 'grid', gap: 10 }}>
              <TextField label="具体位置" hideLabel value={address} onChange={setAddress} placeholder="具体位置，如 3 栋 2 单元楼道（可不填）" style={field} maxLength={200} />
              <Button fill="outline" onClick={locate} loading={locating}>
                {coords ? `已定位：${coords.lat.toFixed(4)}, ${coords.lng.toFixed(4)}` : '用手机定位（可不用）'}
              </Button>
            </div>
          </>
        ) : null}
        {current === 'what' ? (
          <>
            <h2 className="yw-question">遇到了什么问题？</h2>
            {cats.data ? <CategoryTiles tree={cats.data} value={category} onChange={setCategory} /> : <p>正在加载类别…</p>}
          </>
        ) : null}
        {current === 'photos' ? (
          <>
            <h2 className="yw-question">拍几张照片？（可不拍）</h2>
            <p className="yw-muted">照片会自动压缩后上传，最多 9 张，您可以直接点“下一步”。</p>
            <Suspense fallback={<p>加载中…</p>}>
              <PhotoPicker onChange={setPhotos} category={findCategory(cats.data ?? [], category)} />
            </Suspense>
            {photos.pending > 0 ? <p className="yw-muted" role="status">正在上传 {photos.pending} 张照片…</p> : null}
          </>
        ) : null}
        {current === 'describe' ? (
          <>
            <h2 className="yw-question">请简单说说情况</h2>
            <TextAreaField label="问题描述" hideLabel value={description} onChange={setDescription} placeholder="例如：3 栋电梯从昨晚起停运，家里有老人上下楼不便" rows={5} maxLength={2000} showCount style={{ ...field, '--font-size': 'var(--adm-font-size-main)' } as React.CSSProperties} />
            <div style={{ marginTop: 16 }}>
              <Checkbox checked={urgent} onChange={setUrgent}>
                情况紧急（有人被困、危及安全等）
              </Checkbox>
            </div>
          </>
        ) : null}
      </div>
      <div className="yw-sticky">
        <Button color="primary" size="large" className="yw-primary" loading={busy} onClick={next}>
          {step < steps.length - 1 ? '下一步' : '提交'}
        </Button>
      </div>
    </Page>
  )
}
