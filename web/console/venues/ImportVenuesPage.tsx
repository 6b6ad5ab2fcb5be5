/** 导入单位场所: 名称, 类别, 九小场所类型, 重点类型, 地址, 网格, 信用代码, 负责人, 电话. */
import { ImportWizard } from '../imports/ImportWizard'
import { usePageTitle } from '../shell/usePageTitle'

export default function ImportVenuesPage() {
  usePageTitle('导入单位场所')
  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>导入单位场所</h1>
      </div>
      <ImportWizard register="venues" />
    </div>
  )
}
