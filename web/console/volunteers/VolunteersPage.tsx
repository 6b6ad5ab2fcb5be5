/** 志愿服务: activities (a calendar-like table, newest first), teams with their members, and hours served. */
import { Segmented } from 'antd'
import { useSearchParams } from 'react-router'
import { usePageTitle } from '../shell/usePageTitle'
import { ActivitiesTab } from './ActivitiesTab'
import { TeamsTab } from './TeamsTab'
import { HoursTab } from './HoursTab'

const TABS = [
  { value: 'activities', label: '活动' },
  { value: 'teams', label: '队伍' },
  { value: 'hours', label: '服务时长' },
] as const
type Tab = (typeof TABS)[number]['value']

export default function VolunteersPage() {
  usePageTitle('志愿服务')
  const [params, setParams] = useSearchParams()
  const tab = (TABS.find((x) => x.value === params.get('tab'))?.value ?? 'activities') as Tab
  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>志愿服务</h1>
        <Segmented value={tab} onChange={(v) => setParams({ tab: String(v) })} options={TABS.map((x) => ({ value: x.value, label: x.label }))} />
      </div>
      {tab === 'activities' ? <ActivitiesTab /> : tab === 'teams' ? <TeamsTab /> : <HoursTab />}
    </div>
  )
}
