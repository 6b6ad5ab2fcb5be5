/** 批量导入在职党员报到: a community imports the members registered with it on paper (the import is its confirmation). */
import { usePageTitle } from '../shell/usePageTitle'
import { ImportWizard } from './ImportWizard'

export default function PartyMemberImportPage() {
  usePageTitle('导入在职党员报到')
  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>导入在职党员报到</h1>
      </div>
      <ImportWizard register="party-member-registrations" />
    </div>
  )
}
