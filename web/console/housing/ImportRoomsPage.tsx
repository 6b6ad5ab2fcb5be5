/** 导入实有房屋: rooms of existing buildings and their use (小区, 楼栋, 单元, 室, 使用状态). */
import { ImportWizard } from '../imports/ImportWizard'
import { usePageTitle } from '../shell/usePageTitle'

export default function ImportRoomsPage() {
  usePageTitle('导入实有房屋')
  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>导入实有房屋</h1>
      </div>
      <ImportWizard register="rooms" />
    </div>
  )
}
