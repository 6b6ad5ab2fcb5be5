/** 导入出租房屋: rental housing with its landlord (房屋地址, 房东姓名, 身份证号, 电话, 用途, 起租日期). */
import { ImportWizard } from '../imports/ImportWizard'
import { usePageTitle } from '../shell/usePageTitle'

export default function ImportRentalsPage() {
  usePageTitle('导入出租房屋')
  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>导入出租房屋</h1>
      </div>
      <ImportWizard register="rentals" />
    </div>
  )
}
