/** 导入特殊人群: 关爱服务对象 (community, grid staff) or 服务管理对象 (综治中心, 司法所), through the shared wizard. */
import { Link, useParams } from 'react-router'
import { usePageTitle } from '../shell/usePageTitle'
import { ImportWizard } from '../imports/ImportWizard'

export default function SpecialGroupImportPage() {
  const managed = useParams().register === 'managed-groups'
  const title = managed ? '导入服务管理对象' : '导入关爱服务对象'
  usePageTitle(title)
  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>{title}</h1>
      </div>
      <ImportWizard register={managed ? 'managed-groups' : 'special-groups'} resultLink={<Link to="/special-groups">查看特殊人群</Link>} />
    </div>
  )
}
