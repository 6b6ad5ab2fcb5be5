/** The signed-in frame: side menu by role, the caller's scope, the notification bell, the page. */
import { Suspense, useMemo, type ReactNode } from 'react'
import { Badge, Button, Dropdown, Layout, Menu, Result, Spin, Tooltip } from 'antd'
import { BellOutlined, LogoutOutlined, MobileOutlined, KeyOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons'
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import type { Me } from '#contracts/auth'
import { get } from '../../shared/api'
import { mustEnrolMfa, useLogout, useMe } from '../../shared/session'
import { DOMAINS } from '../domains'
import type { ConsoleMenu } from './domain'
import { NotifierBridge } from './notifier'
import { PageError } from './states'
import { Boundary } from './Boundary'

const { Header, Sider, Content } = Layout

export function menuFor(me: Me): ConsoleMenu[] {
  return DOMAINS.flatMap((d) => d.menu ?? [])
    .filter((m) => !m.roles || m.roles.includes(me.role))
    .sort((a, b) => a.order - b.order)
}

type MenuItem = { key: string; icon?: ReactNode; label: ReactNode } | { key: string; type: 'group'; label: string; children: MenuItem[] }

/** The side menu's items: entries in order, those of a group gathered under its heading where the first of them falls. */
function menuItems(menu: ConsoleMenu[], unread: number): MenuItem[] {
  const item = (m: ConsoleMenu): MenuItem => ({
    key: m.path,
    icon: m.icon,
    label: (
      <Link to={m.path}>
        {m.label}
        {m.badge === 'unread' && unread > 0 ? <Badge count={unread} size="small" offset={[8, -2]} /> : null}
      </Link>
    ),
  })
  const items: MenuItem[] = []
  const groups = new Map<string, MenuItem[]>()
  for (const m of menu) {
    if (!m.group) {
      items.push(item(m))
      continue
    }
    let children = groups.get(m.group)
    if (!children) {
      children = []
      groups.set(m.group, children)
      items.push({ key: `group:${m.group}`, type: 'group', label: m.group, children })
    }
    children.push(item(m))
  }
  return items
}

export function useUnread(enabled: boolean) {
  return useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: ({ signal }) => get<{ unread: number }>('/notifications', { unread: true, limit: 1 }, signal),
    refetchInterval: 60_000,
    enabled,
    select: (d) => d.unread,
  })
}

export function Frame() {
  const me = useMe()
  if (me.isPending) return <Spin fullscreen tip="正在加载…" />
  if (me.isError) return me.error && 'status' in me.error && me.error.status === 401 ? <Spin fullscreen /> : <PageError error={me.error} onRetry={() => void me.refetch()} />
  if (me.data.role === 'resident') return <Navigate to="/h5/" replace />
  if (me.data.mustChangePassword) return <Navigate to="/password?expired=1" replace />
  if (mustEnrolMfa(me.data)) return <Navigate to="/mfa?required=1" replace />
  return <SignedIn me={me.data} />
}

function SignedIn({ me }: { me: Me }) {
  const location = useLocation()
  const navigate = useNavigate()
  const logout = useLogout()
  const menu = useMemo(() => menuFor(me), [me])
  const unread = useUnread(me.role !== 'auditAdmin' && me.role !== 'securityAdmin').data ?? 0
  const selected = menu
    .filter((m) => location.pathname === m.path || location.pathname.startsWith(`${m.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0]?.path
  const allowed = menu.some((m) => location.pathname.startsWith(m.path)) || location.pathname === '/'

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <NotifierBridge />
      <a className="yw-skip" href="#main">
        跳到正文
      </a>
      <Sider width={208} breakpoint="xl" collapsedWidth={64} className="yw-noprint">
        <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 10, height: 56, padding: '0 20px', color: '#fff', fontSize: 18, fontWeight: 600 }}>
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span>一网</span>
        </Link>
        <nav aria-label="主菜单">
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            items={menuItems(menu, unread)}
          />
        </nav>
      </Sider>
      <Layout>
        <Header className="yw-noprint" style={{ display: 'flex', alignItems: 'center', gap: 16, borderBottom: '1px solid #f0f0f0' }}>
          <div style={{ flex: 1, minWidth: 0, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
            <strong style={{ fontSize: 16 }}>{me.scopeName}</strong>
            <span className="yw-muted" style={{ marginLeft: 12 }}>
              {me.roleName}
            </span>
          </div>
          <Tooltip title="手机版（居民、网格员使用）">
            <Button type="text" icon={<MobileOutlined />} href="/h5/" aria-label="打开手机版" />
          </Tooltip>
          {me.role !== 'auditAdmin' && me.role !== 'securityAdmin' ? (
            <Link to="/notifications" aria-label={`通知，${unread} 条未读`}>
              <Badge count={unread} size="small">
                <BellOutlined style={{ fontSize: 18, color: 'rgba(0,0,0,0.75)' }} />
              </Badge>
            </Link>
          ) : null}
          <Dropdown
            menu={{
              items: [
                { key: 'password', icon: <KeyOutlined />, label: '修改密码', onClick: () => navigate('/password') },
                { key: 'mfa', icon: <SafetyCertificateOutlined />, label: '两步验证', onClick: () => navigate('/mfa') },
                {
                  key: 'logout',
                  icon: <LogoutOutlined />,
                  label: '退出登录',
                  onClick: async () => {
                    await logout()
                    navigate('/login', { replace: true })
                  },
                },
              ],
            }}
          >
            <Button type="text" icon={<UserOutlined />}>
              {me.displayName}
            </Button>
          </Dropdown>
        </Header>
        <Content id="main" tabIndex={-1}>
          {allowed ? (
            <Boundary>
              <Suspense fallback={<Spin style={{ display: 'block', margin: 80 }} />}>
                <Outlet />
              </Suspense>
            </Boundary>
          ) : (
            <Result status="403" title="无权访问" subTitle="您的角色不能使用此页面。" />
          )}
        </Content>
      </Layout>
    </Layout>
  )
}
