/** 批量导入报到单位: a community imports the units paired with it on paper (共驻共建协议; the import is its confirmation). */
import { usePageTitle } from '../shell/usePageTitle'
import { ImportWizard } from './ImportWizard'

export default function UnitImportPage() {
  usePageTitle('导入报到单位')
  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>导入报到单位</h1>
      </div>
      <ImportWizard register="party-units" />
    </div>
  )
}
