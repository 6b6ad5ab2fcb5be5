/**
 * 活动详情 on the phone: what, when, where and the person's own sign-up; for the organiser (the
 * community or the team's leader) the venue code to show and the sign-up list with 签到 / 签退 for
 * each listed volunteer.
 */
import { Button, List } from 'antd-mobile'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useParams } from 'react-router'
import type { Activity, Signup } from '#contracts/volunteers'
import { SIGNUP_ACTION_NAMES, type SignupAction } from '#contracts/volunteer-names'
import { errorText, get, post } from '../../shared/api'
import { formatTime } from '../../shared/format'
import { LoadError, Loading, Page } from '../shell/Page'
import { toast } from '../ui/toast'

const ATTENDANCE: SignupAction[] = ['checkIn', 'checkOut']

export default function ActivityDetailPage() {
  const { id } = useParams()
  const client = useQueryClient()
  const q = useQuery({ queryKey: ['volunteers', 'activity', id], queryFn: ({ signal }) => get<Activity>(`/volunteers/activities/${id}`, undefined, signal) })
  const act = useMutation({
    mutationFn: (v: { signup: Signup; action: SignupAction }) => post<Signup>(`/volunteers/signups/${v.signup.id}/actions`, { action: v.action, version: v.signup.version }),
    meta: { silent: true },
    onSuccess: (s, v) => {
      toast(`${s.user.name}${SIGNUP_ACTION_NAMES[v.action]}${v.action === 'checkOut' ? `，计 ${s.hours ?? 0} 小时` : ''}`, 'success')
      void client.invalidateQueries({ queryKey: ['volunteers'] })
    },
    onError: (e) => toast(errorText(e), 'fail'),
  })
  if (q.isError) return <Page title="活动详情"><LoadError error={q.error} onRetry={() => void q.refetch()} /></Page>
  if (!q.data) return <Page title="活动详情"><Loading /></Page>
  const a = q.data
  return (
    <Page title="活动详情">
      <section className="yw-section">
        <h2 className="yw-title">{a.title}</h2>
        <p style={{ margin: '4px 0' }}>
          {formatTime(a.startsAt)}–{a.endsAt.slice(11, 16)} · {a.kindName}
        </p>
        <p className="yw-muted" style={{ margin: '4px 0' }}>
          {a.venue}
          {a.team ? ` · ${a.team.name}` : ''}
        </p>
        <p style={{ margin: '4px 0' }}>
          {a.statusName} · 已报名 {a.slots - a.slotsLeft} / {a.slots}
        </p>
        {a.description ? <p style={{ margin: '8px 0 0' }}>{a.description}</p> : null}
        {a.mySignup ? (
          <p style={{ margin: '8px 0 0', fontWeight: 600, color: 'var(--adm-color-primary)' }}>
            我的报名：{a.mySignup.statusName}
            {a.mySignup.hours !== null ? ` · 服务 ${a.mySignup.hours} 小时` : ''}
          </p>
        ) : null}
      </section>
      {a.checkInCode ? (
        <section className="yw-section" aria-labelledby="code-title" style={{ textAlign: 'center' }}>
          <h2 id="code-title" className="yw-title">
            现场签到码
          </h2>
          <div style={{ fontSize: '2.5rem', letterSpacing: 10, fontWeight: 700, fontVariantNumeric: 'tabular-nums' }}>{a.checkInCode}</div>
          <p className="yw-muted" style={{ margin: 0 }}>
            请志愿者在“现场签到”中输入此码
          </p>
        </section>
      ) : null}
      {a.signups ? (
        <List header={`报名名单（${a.signups.filter((s) => s.status !== 'cancelled').length} 人）`} style={{ margin: 12 }}>
          {a.signups.length === 0 ? <List.Item>还没有人报名</List.Item> : null}
          {a.signups.map((s) => {
            const next = s.allowedActions.find((x) => ATTENDANCE.includes(x))
            return (
              <List.Item
                key={s.id}
                description={`${s.statusName}${s.hours !== null ? ` · ${s.hours} 小时` : ''}${s.checkedInAt ? ` · 签到 ${s.checkedInAt.slice(11, 16)}` : ''}${s.checkedOutAt ? ` · 签退 ${s.checkedOutAt.slice(11, 16)}` : ''}`}
                extra={
                  next ? (
                    <Button color="primary" fill="outline" loading={act.isPending && act.variables?.signup.id === s.id} onClick={() => act.mutate({ signup: s, action: next })} style={{ minHeight: 44 }}>
                      {SIGNUP_ACTION_NAMES[next]}
                    </Button>
                  ) : null
                }
              >
                {s.user.name}
                {s.role === 'resident' ? '（预约居民）' : ''}
              </List.Item>
            )
          })}
        </List>
      ) : null}
    </Page>
  )
}
