import { Button, Result } from 'antd'
import { useNavigate } from 'react-router'
import { usePageTitle } from './usePageTitle'

export function NotFound() {
  const navigate = useNavigate()
  usePageTitle('页面不存在')
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="您访问的页面不存在，或者不在您的辖区内。"
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          回到工作台
        </Button>
      }
    />
  )
}
