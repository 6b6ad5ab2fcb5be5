/**
 * 一栋楼: its units and rooms, each household's members now (证件号脱敏), the head marked; each household has a
 * big 走访 button that opens the visit form for it.
 */
import { useState } from 'react'
import { Button, CapsuleTabs, PullToRefresh, Tag } from 'antd-mobile'
import { useQuery } from '@tanstack/react-query'
import { useNavigate, useParams } from 'react-router'
import type { BuildingHouseholds } from '#contracts/population'
import { get } from '../../shared/api'
import { EmptyBlock, LoadError, Loading, Page } from '../shell/Page'

export default function BuildingPage() {
  const { id } = useParams()
  const navigate = useNavigate()
  const q = useQuery({ queryKey: ['population', 'building', id], queryFn: ({ signal }) => get<BuildingHouseholds>(`/population/buildings/${id}/households`, undefined, signal) })
  const [unit, setUnit] = useState<string>()
  const units = q.data?.units ?? []
  const shown = units.find((u) => u.name === unit) ?? units[0]
  return (
    <Page title={q.data?.building.name ?? '楼栋'}>
      <PullToRefresh onRefresh={async () => void (await q.refetch())}>
        {q.isPending ? (
          <Loading />
        ) : q.isError ? (
          <LoadError error={q.error} onRetry={() => void q.refetch()} />
        ) : units.length === 0 ? (
          <EmptyBlock title="这栋楼还没有登记住户" />
        ) : (
          <>
            {units.length > 1 ? (
              <CapsuleTabs activeKey={shown?.name} onChange={setUnit}>
                {units.map((u) => (
                  <CapsuleTabs.Tab key={u.name} title={u.name} />
                ))}
              </CapsuleTabs>
            ) : null}
            {shown?.households.map((h) => (
              <section key={h.id} className="yw-card" aria-label={h.room ?? h.address}>
                <div className="yw-card-head">
                  <strong>{h.room ?? h.address}</strong>
                  <Tag fill="outline" color={h.members.length ? 'primary' : 'default'}>
                    {h.occupancyName} · {h.members.length} 人
                  </Tag>
                </div>
                {h.members.length ? (
                  <ul style={{ listStyle: 'none', padding: 0, margin: '8px 0' }}>
                    {h.members.map((m) => (
                      <li key={m.id} style={{ padding: '6px 0', display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                        <span>
                          {m.name}
                          <span className="yw-muted" style={{ marginLeft: 6 }}>
                            {m.isHead ? '户主' : (m.relation?.name ?? '')}
                            {m.age !== null ? ` · ${m.age}岁` : ''}
                          </span>
                        </span>
                        <span className="yw-muted" style={{ fontVariantNumeric: 'tabular-nums' }}>{m.idNumber ?? ''}</span>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="yw-muted" style={{ margin: '8px 0' }}>暂无在住人员</p>
                )}
                <Button block color="primary" fill="outline" size="large" aria-label={`走访 ${h.room ?? h.address}`} onClick={() => navigate(`/visits/new?subjectType=household&subjectId=${h.id}`)}>
                  走访
                </Button>
              </section>
            ))}
          </>
        )}
      </PullToRefresh>
    </Page>
  )
}
