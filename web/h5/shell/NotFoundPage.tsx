import { Button, ErrorBlock } from 'antd-mobile'
import { useNavigate } from 'react-router'
import { usePageTitle } from './Page'

export function NotFoundPage() {
  usePageTitle('页面不存在')
  const navigate = useNavigate()
  return (
    <ErrorBlock status="empty" title="页面不存在" description="您访问的页面不存在，或者不在您的辖区内。" fullPage>
      <Button color="primary" onClick={() => navigate('/')}>
        回到首页
      </Button>
    </ErrorBlock>
  )
}
