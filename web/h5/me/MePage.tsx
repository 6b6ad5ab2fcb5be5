/** 我的: who I am, 长辈版 (larger text and buttons), log out. */
import { useState } from 'react'
import { Button, List, Switch } from 'antd-mobile'
import { useNavigate } from 'react-router'
import { useLogout, useMe } from '../../shared/session'
import { isElderMode, setElderMode } from '../shell/elder'
import { Page } from '../shell/Page'

export default function MePage() {
  const me = useMe().data!
  const logout = useLogout()
  const navigate = useNavigate()
  const [elder, setElder] = useState(isElderMode())
  return (
    <Page title="我的">
      <List header="账号">
        <List.Item extra={me.displayName}>姓名</List.Item>
        <List.Item extra={me.roleName}>身份</List.Item>
        <List.Item extra={me.scopeName}>所在</List.Item>
        {me.role === 'partyMember' || me.role === 'resident' ? (
          <List.Item onClick={() => navigate('/points')}>我的积分</List.Item>
        ) : null}
      </List>
      {me.role === 'partyMember' ? (
        <List header="党建">
          <List.Item onClick={() => navigate('/party/registration')}>我的报到</List.Item>
        </List>
      ) : null}
      {me.role === 'partyMember' || me.role === 'resident' ? (
        <List header="服务">
          <List.Item onClick={() => navigate('/wishes')}>{me.role === 'partyMember' ? '微心愿：认领心愿 · 我认领的心愿' : '我的心愿'}</List.Item>
        </List>
      ) : null}
      <List header="显示">
        <List.Item
          description="字更大、按钮更大，方便老年人使用"
          extra={
            <Switch
              checked={elder}
              onChange={(v) => {
                setElder(v)
                setElderMode(v)
              }}
              aria-label="长辈版"
              style={{ '--height': '36px', '--width': '60px' } as React.CSSProperties}
            />
          }
        >
          长辈版
        </List.Item>
      </List>
      <div style={{ margin: 16 }}>
        <Button
          block
          size="large"
          color="danger"
          fill="outline"
          onClick={async () => {
            await logout()
            navigate('/login', { replace: true })
          }}
        >
          退出登录
        </Button>
      </div>
    </Page>
  )
}
