/** 党建+积分: the ledger per person (award, redeem, reverse), the monthly 红黑榜 and the county's rules. */
import { Tabs } from 'antd'
import { useSearchParams } from 'react-router'
import { useMe } from '../../shared/session'
import { PageLoading } from '../shell/states'
import { usePageTitle } from '../shell/usePageTitle'
import { LedgerTab } from './LedgerTab'
import { BoardsTab } from './BoardsTab'
import { RulesTab } from './RulesTab'

const TABS = ['ledger', 'boards', 'rules'] as const
type Tab = (typeof TABS)[number]

export default function PointsPage() {
  usePageTitle('党建积分')
  const me = useMe()
  const [params, setParams] = useSearchParams()
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'ledger'
  if (!me.data) return <PageLoading />
  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>党建积分</h1>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'ledger' ? {} : { tab: k })}
        items={[
          { key: 'ledger', label: '积分台账', children: <LedgerTab me={me.data} /> },
          { key: 'boards', label: '红黑榜', children: <BoardsTab me={me.data} /> },
          { key: 'rules', label: '积分规则', children: <RulesTab /> },
        ]}
      />
    </div>
  )
}
