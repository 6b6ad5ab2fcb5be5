/**
 * 报名活动 / 我的活动: the coming activities of the person's community with the slots left and one big
 * button (报名, or 预约 for a resident booking a service); the person's own with their state and hours.
 */
import { Button, Dialog, Tabs } from 'antd-mobile'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link, useNavigate, useSearchParams } from 'react-router'
import type { PageOf } from '#contracts/common'
import type { Activity, Signup } from '#contracts/volunteers'
import { errorText, get, post } from '../../shared/api'
import { formatTime } from '../../shared/format'
import { useMe } from '../../shared/session'
import { LoadError, Loading, Page } from '../shell/Page'
import { toast } from '../ui/toast'

/** Check-in opens an hour before the start and closes at the end (the server holds the same rule). */
const attendanceOpen = (a: Activity, now = Date.now()) => Date.parse(a.startsAt) - 3_600_000 <= now && now <= Date.parse(a.endsAt)

export default function ActivitiesPage() {
  const me = useMe().data!
  const [params, setParams] = useSearchParams()
  const tab = params.get('tab') === 'mine' ? 'mine' : 'upcoming'
  const navigate = useNavigate()
  const client = useQueryClient()
  const q = useQuery({
    queryKey: ['volunteers', 'h5', tab],
    queryFn: ({ signal }) => get<PageOf<Activity>>('/volunteers/activities', { view: tab, limit: 50 }, signal),
  })
  const refresh = () => void client.invalidateQueries({ queryKey: ['volunteers'] })
  const signUp = useMutation({
    mutationFn: (a: Activity) => post<Signup>(`/volunteers/activities/${a.id}/signups`),
    meta: { silent: true },
    onSuccess: (_, a) => {
      toast(a.signupRole === 'resident' ? '预约成功' : '报名成功', 'success')
      refresh()
    },
    onError: (e) => {
      toast(errorText(e), 'fail')
      refresh()
    },
  })
  const cancel = useMutation({
    mutationFn: (s: Signup) => post<Signup>(`/volunteers/signups/${s.id}/actions`, { action: 'cancel', version: s.version }),
    meta: { silent: true },
    onSuccess: () => {
      toast('已取消报名', 'success')
      refresh()
    },
    onError: (e) => toast(errorText(e), 'fail'),
  })
  const resident = me.role === 'resident'
  const items = q.data?.items ?? []
  return (
    <Page title={resident ? '社区活动' : '志愿活动'}>
      <Tabs activeKey={tab} onChange={(k) => setParams(k === 'mine' ? { tab: 'mine' } : {}, { replace: true })}>
        <Tabs.Tab key="upcoming" title={resident ? '可预约' : '报名活动'} />
        <Tabs.Tab key="mine" title="我的活动" />
      </Tabs>
      {!resident ? (
        <div style={{ margin: '12px 12px 0' }}>
          <Button block size="large" onClick={() => navigate('/volunteers/attend')}>
            现场签到 / 签退
          </Button>
        </div>
      ) : null}
      {q.isError ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : q.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <p className="yw-muted" style={{ margin: 16, textAlign: 'center' }}>
          {tab === 'mine' ? '还没有报名过活动' : '近期没有可报名的活动'}
        </p>
      ) : (
        items.map((a) => (
          <article key={a.id} className="yw-card" aria-label={a.title}>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'baseline' }}>
              <h2 style={{ margin: 0, fontSize: '1.125rem' }}>
                <Link to={`/volunteers/activities/${a.id}`} style={{ color: 'inherit' }}>
                  {a.title}
                </Link>
              </h2>
              <span className="yw-muted" style={{ whiteSpace: 'nowrap' }}>
                {a.kindName}
              </span>
            </div>
            <p style={{ margin: '8px 0 4px' }}>
              {formatTime(a.startsAt)}–{a.endsAt.slice(11, 16)}
            </p>
            <p className="yw-muted" style={{ margin: '0 0 4px' }}>
              {a.venue}
              {a.team ? ` · ${a.team.name}` : ''}
            </p>
            {a.mySignup ? (
              <p style={{ margin: '4px 0', fontWeight: 600, color: 'var(--adm-color-primary)' }}>
                {a.mySignup.statusName}
                {a.mySignup.hours !== null ? ` · 服务 ${a.mySignup.hours} 小时` : ''}
              </p>
            ) : (
              <p style={{ margin: '4px 0' }}>
                {a.status === 'published' ? (
                  <>
                    剩余名额 <strong style={{ fontSize: '1.25rem' }}>{a.slotsLeft}</strong> / {a.slots}
                  </>
                ) : (
                  a.statusName
                )}
              </p>
            )}
            {a.canSignUp ? (
              <Button block color="primary" size="large" className="yw-primary" style={{ marginTop: 8 }} loading={signUp.isPending && signUp.variables?.id === a.id} onClick={() => signUp.mutate(a)}>
                {a.signupRole === 'resident' ? '预约' : '报名'}
              </Button>
            ) : null}
            {a.mySignup?.allowedActions.includes('cancel') ? (
              <Button
                block
                size="large"
                style={{ marginTop: 8 }}
                loading={cancel.isPending && cancel.variables?.id === a.mySignup.id}
                onClick={async () => {
                  if (await Dialog.confirm({ content: `取消报名「${a.title}」？`, confirmText: '取消报名', cancelText: '不取消' })) cancel.mutate(a.mySignup!)
                }}
              >
                取消报名
              </Button>
            ) : null}
            {a.mySignup && a.mySignup.role === 'volunteer' && (a.mySignup.status === 'checkedIn' || (a.mySignup.status === 'signedUp' && attendanceOpen(a))) ? (
              <Button block size="large" style={{ marginTop: 8 }} onClick={() => navigate('/volunteers/attend')}>
                {a.mySignup.status === 'signedUp' ? '签到' : '签退'}
              </Button>
            ) : null}
          </article>
        ))
      )}
    </Page>
  )
}
