/**
 * 人口台账导入: a community (street, county) keeper imports its people register from Excel through the shared
 * wizard — template with the GB code sets as dropdowns, upload, the row-level error report (行 · 列 · 值 · 原因,
 * downloadable), fix and re-upload, then the all-or-nothing commit and its counts. Large sheets are checked in
 * the background with a progress bar.
 */
import { Typography } from 'antd'
import { usePageTitle } from '../shell/usePageTitle'
import { ImportWizard } from './ImportWizard'

export default function PeopleImportPage() {
  usePageTitle('人口台账导入')
  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>人口台账导入</h1>
      </div>
      <Typography.Paragraph type="secondary">
        按证件号码识别同一人：已登记的人员按表格内容更新（空白的选填格保留原有信息），新人员登记入住并开始居住记录，住址变化的人员办理变更并保留原居住记录。现住址须是本辖区已登记楼栋的房间。
      </Typography.Paragraph>
      <ImportWizard register="people" />
    </div>
  )
}
