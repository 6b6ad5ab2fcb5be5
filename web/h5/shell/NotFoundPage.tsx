import { Button } from 'antd-mobile'
import { useNavigate } from 'react-router'
import { usePageTitle } from './Page'

export function NotFoundPage() {
  usePageTitle('页面不存在')
  const navigate = useNavigate()
  return (
    <div className="yw-block" style={{ paddingTop: '25vh' }}>
      <h2>页面不存在</h2>
      <p>您访问的页面不存在，或者不在您的辖区内。</p>
      <Button color="primary" onClick={() => navigate('/')}>
        回到首页
      </Button>
    </div>
  )
}
