/** 认领包保户: pick a building of the member's community, then free rooms floor by floor; one request claims them all. */
import { useState } from 'react'
import { Button, Tag } from 'antd-mobile'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from 'react-router'
import type { BuildingPledgeMap, CreatedPledges, MyPledges, PledgeBuildings } from '#contracts/pledges'
import { errorText, get, post } from '../../shared/api'
import { EmptyBlock, LoadError, Loading, Page } from '../shell/Page'
import { toast } from '../ui/toast'

export default function ChoosePage() {
  const navigate = useNavigate()
  const client = useQueryClient()
  const [buildingId, setBuildingId] = useState<string>()
  const [picked, setPicked] = useState<string[]>([])
  const [busy, setBusy] = useState(false)
  const mine = useQuery({ queryKey: ['pledges', 'mine'], queryFn: ({ signal }) => get<MyPledges>('/pledges/mine', undefined, signal) })
  const buildings = useQuery({ queryKey: ['pledges', 'buildings'], queryFn: ({ signal }) => get<PledgeBuildings>('/pledges/buildings', undefined, signal) })
  const map = useQuery({
    queryKey: ['pledges', 'building', buildingId],
    queryFn: ({ signal }) => get<BuildingPledgeMap>(`/pledges/buildings/${buildingId}`, undefined, signal),
    enabled: buildingId !== undefined,
  })
  const room = (mine.data?.max ?? 8) - (mine.data?.items.length ?? 0)
  const toggle = (id: string) => {
    if (picked.includes(id)) return setPicked(picked.filter((x) => x !== id))
    if (picked.length >= room) return void toast(`最多还能认领 ${room} 户`, 'info')
    setPicked([...picked, id])
  }
  const submit = async () => {
    setBusy(true)
    try {
      const r = await post<CreatedPledges>('/pledges', { householdIds: picked })
      void client.invalidateQueries({ queryKey: ['pledges'] })
      toast(`已认领 ${r.items.length} 户`, 'success')
      // the rooms were picked far down a long page: the list of pledges starts at its top
      window.scrollTo(0, 0)
      navigate('/pledges', { replace: true })
    } catch (e) {
      toast(errorText(e), 'fail')
      void map.refetch()
    } finally {
      setBusy(false)
    }
  }
  if (buildingId === undefined) {
    return (
      <Page title="选择楼栋">
        {buildings.isPending ? (
          <Loading />
        ) : buildings.isError ? (
          <LoadError error={buildings.error} onRetry={() => void buildings.refetch()} />
        ) : buildings.data.items.length === 0 ? (
          <EmptyBlock title="没有可认领的楼栋" />
        ) : (
          <>
            <p className="yw-muted" style={{ margin: 12 }}>还能认领 {room} 户。选一栋楼，按楼层认领邻近的住户。</p>
            {buildings.data.items.map((b) => (
              <button key={b.id} type="button" className="yw-card" style={{ width: 'calc(100% - 24px)', border: 'none', textAlign: 'left', font: 'inherit' }} onClick={() => (setBuildingId(b.id), window.scrollTo(0, 0))}>
                <div className="yw-card-head">
                  <strong>
                    {b.compoundName ?? ''}
                    {b.name}
                  </strong>
                  <Tag color={b.covered < b.households ? 'warning' : 'success'} fill="outline">
                    {b.households - b.covered} 户无人包保
                  </Tag>
                </div>
                <p className="yw-muted" style={{ margin: '6px 0 0' }}>
                  {b.gridName} · 共 {b.households} 户
                </p>
              </button>
            ))}
          </>
        )}
      </Page>
    )
  }
  const m = map.data
  return (
    <Page title={m ? `${m.building.compoundName ?? ''}${m.building.name}` : '选择住户'} onBack={() => (setBuildingId(undefined), setPicked([]))}>
      {map.isPending ? (
        <Loading />
      ) : map.isError ? (
        <LoadError error={map.error} onRetry={() => void map.refetch()} />
      ) : (
        <>
          <p className="yw-muted" style={{ margin: 12 }}>点选无人包保的住户（已选 {picked.length} 户，还能选 {room - picked.length} 户）。</p>
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: 8, margin: 12 }}>
            {m!.households.map((h) => {
              const on = picked.includes(h.id)
              return (
                <button
                  key={h.id}
                  type="button"
                  disabled={h.pledge !== null}
                  aria-pressed={h.pledge ? undefined : on}
                  onClick={() => toggle(h.id)}
                  style={{
                    minHeight: 56,
                    borderRadius: 8,
                    font: 'inherit',
                    fontSize: 15,
                    border: on ? '2px solid var(--adm-color-primary)' : '1px solid #d9d9d9',
                    background: h.pledge ? '#f5f5f5' : on ? '#e6f4ff' : '#fff',
                    color: h.pledge ? '#595959' : 'var(--adm-color-text)',
                  }}
                >
                  <div>{h.room}</div>
                  <div style={{ fontSize: 12 }}>{h.pledge ? h.pledge.member.name : '可认领'}</div>
                </button>
              )
            })}
          </div>
          <section className="yw-section">
            <Button block color="primary" size="large" className="yw-primary" disabled={!picked.length} loading={busy} onClick={() => void submit()}>
              认领 {picked.length} 户
            </Button>
          </section>
        </>
      )}
    </Page>
  )
}
