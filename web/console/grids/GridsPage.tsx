/**
 * 网格: the place tree (county → street → community → grid); a community's grids as a map coloured
 * by open appeals (click to drill down) with a table beside it for those who cannot use a map;
 * a grid's card (code, 多网合一 functions, team, households, open appeals) and its QR poster.
 */
import { useMemo, useState } from 'react'
import { Button, Card, Col, Descriptions, Empty, Row, Space, Statistic, Table, Tag, Tree, Typography } from 'antd'
import { PrinterOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { Link, useNavigate, useParams } from 'react-router'
import type { CommunityMap, GridProfile } from '#contracts/grid-maps'
import type { Place } from '#contracts/places'
import { get } from '../../shared/api'
import { levelOfCode, placeChildren, scopePlaceCode } from '../../shared/places'
import { COLOR_HEX, formatTime } from '../../shared/format'
import { useMe } from '../../shared/session'
import { EChart, echarts } from '../charts/EChart'
import { PageError, PageLoading } from '../shell/states'
import { usePageTitle } from '../shell/usePageTitle'

interface Node {
  key: string
  title: string
  isLeaf: boolean
  children?: Node[]
}

function withChildren(nodes: Node[], key: string, children: Node[]): Node[] {
  return nodes.map((n) => (n.key === key ? { ...n, children } : n.children ? { ...n, children: withChildren(n.children, key, children) } : n))
}

export default function GridsPage() {
  usePageTitle('网格')
  const me = useMe().data!
  const root = scopePlaceCode(me.scope)!
  const isGridStaff = me.role === 'gridHead' || me.role === 'gridWorker'
  const treeRoot = isGridStaff ? root.slice(0, 12) : root
  const { code: selected = isGridStaff ? root : treeRoot } = useParams()
  const navigate = useNavigate()
  const rootPlace = useQuery({ queryKey: ['places', treeRoot], queryFn: () => get<Place>(`/places/${treeRoot}`) })
  const [nodes, setNodes] = useState<Node[] | null>(null)
  const tree = nodes ?? (rootPlace.data ? [{ key: treeRoot, title: rootPlace.data.name, isLeaf: treeRoot.length >= 15 }] : [])

  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>网格</h1>
      </div>
      <Row gutter={16} wrap={false}>
        <Col flex="280px">
          <Card title="区划与网格" styles={{ body: { maxHeight: 'calc(100vh - 220px)', overflow: 'auto' } }}>
            {rootPlace.isError ? (
              <PageError error={rootPlace.error} />
            ) : (
              <Tree
                treeData={tree}
                selectedKeys={[selected]}
                defaultExpandedKeys={[treeRoot]}
                onSelect={(keys) => keys[0] && navigate(`/grids/${String(keys[0])}`)}
                loadData={async (node) => {
                  const key = String(node.key)
                  if (node.children?.length) return
                  const kids = await placeChildren(key)
                  setNodes(withChildren(tree, key, kids.filter((k) => !k.retired).map((k) => ({ key: k.code, title: k.name, isLeaf: k.code.length >= 15 }))))
                }}
              />
            )}
          </Card>
        </Col>
        <Col flex="auto" style={{ minWidth: 0 }}>
          {selected.length === 15 ? <GridCard code={selected} /> : selected.length === 12 ? <CommunityMapView code={selected} /> : <ChildrenView code={selected} />}
        </Col>
      </Row>
    </div>
  )
}

function ChildrenView({ code }: { code: string }) {
  const kids = useQuery({ queryKey: ['places', code, 'children'], queryFn: ({ signal }) => placeChildren(code, signal) })
  const level = levelOfCode(code)
  return (
    <Card title={`下级${level === 'county' ? '街道（乡镇）' : '社区（村）'}`}>
      {kids.isError ? (
        <PageError error={kids.error} onRetry={() => void kids.refetch()} />
      ) : (
        <Table
          rowKey="code"
          loading={kids.isPending}
          dataSource={kids.data ?? []}
          pagination={false}
          size="small"
          columns={[
            { title: '名称', render: (_, p) => <Link to={`/grids/${p.code}`}>{p.name}</Link> },
            { title: '类型', dataIndex: 'kind' },
            { title: '代码', dataIndex: 'code' },
            { title: '诉求', render: (_, p) => <Link to={`/appeals?place=${p.code}`}>查看诉求</Link> },
          ]}
        />
      )}
    </Card>
  )
}

function CommunityMapView({ code }: { code: string }) {
  const navigate = useNavigate()
  const q = useQuery({ queryKey: ['maps', code], queryFn: ({ signal }) => get<CommunityMap>(`/maps/communities/${code}`, undefined, signal) })
  const option = useMemo(() => {
    const m = q.data
    if (!m) return null
    const features = m.grids.filter((g) => g.boundary).map((g) => ({ type: 'Feature', properties: { name: g.name, code: g.code }, geometry: g.boundary }))
    if (!features.length) return null
    const mapName = `community-${m.code}`
    echarts.registerMap(mapName, { type: 'FeatureCollection', features } as never)
    const max = Math.max(1, ...m.grids.map((g) => g.openAppeals))
    return {
      tooltip: { trigger: 'item', formatter: (p: { seriesType: string; name: string; value?: number; data?: { title?: string } }) => (p.seriesType === 'scatter' ? p.data?.title ?? '' : `${p.name}：未结诉求 ${p.value ?? 0} 件`) },
      visualMap: { min: 0, max, left: 8, bottom: 8, text: ['多', '少'], calculable: false, inRange: { color: ['#f6ffed', '#ffe58f', '#ff7875', '#a8071a'] }, seriesIndex: 0 },
      geo: { map: mapName, roam: true, label: { show: true, color: '#1f1f1f', fontSize: 13 }, itemStyle: { borderColor: '#595959', borderWidth: 1 }, emphasis: { label: { color: '#000' }, itemStyle: { areaColor: '#ffd666' } } },
      series: [
        { type: 'map', geoIndex: 0, data: m.grids.map((g) => ({ name: g.name, value: g.openAppeals, code: g.code })) },
        {
          type: 'scatter',
          coordinateSystem: 'geo',
          symbolSize: 12,
          data: m.markers.map((x) => ({ name: x.number, value: [x.lng, x.lat], title: `${x.number} ${x.title}`, id: x.id, itemStyle: { color: COLOR_HEX[x.color].fg, borderColor: '#fff', borderWidth: 1 } })),
        },
      ],
    }
  }, [q.data])
  if (q.isPending) return <PageLoading />
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />
  const m = q.data
  return (
    <Row gutter={16}>
      <Col xs={24} xxl={14}>
        <Card title={`${m.name} · 网格地图`} extra={<span className="yw-muted">颜色越深，未结诉求越多；圆点为有定位的诉求</span>}>
          {option ? (
            <EChart
              option={option}
              height={480}
              label={`${m.name}各网格的未结诉求分布地图。${m.grids.map((g) => `${g.name}${g.openAppeals}件`).join('，')}。同样的数据见右侧表格。`}
              onClick={(p) => {
                const d = p.data as { code?: string; id?: string } | undefined
                if (d?.id) navigate(`/appeals/${d.id}`)
                else if (d?.code) navigate(`/grids/${d.code}`)
              }}
            />
          ) : (
            <Empty description="该社区的网格还没有边界" />
          )}
        </Card>
      </Col>
      <Col xs={24} xxl={10}>
        <Card title="网格列表">
          <Table
            rowKey="code"
            size="small"
            pagination={false}
            dataSource={m.grids.filter((g) => !g.retired)}
            columns={[
              { title: '网格', render: (_, g) => <Link to={`/grids/${g.code}`}>{g.name}</Link> },
              { title: '户数', dataIndex: 'householdCount', align: 'right' },
              { title: '未结诉求', align: 'right', render: (_, g) => <Link to={`/appeals?place=${g.code}`}>{g.openAppeals}</Link> },
              { title: '亮牌', dataIndex: 'cardedAppeals', align: 'right' },
            ]}
          />
          {m.markers.length ? (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                有定位的未结诉求
              </Typography.Title>
              <ul style={{ paddingLeft: 18 }}>
                {m.markers.map((x) => (
                  <li key={x.id}>
                    <Link to={`/appeals/${x.id}`}>
                      {x.number} {x.title}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </Card>
      </Col>
    </Row>
  )
}

function GridCard({ code }: { code: string }) {
  const navigate = useNavigate()
  const q = useQuery({ queryKey: ['grids', code, 'profile'], queryFn: ({ signal }) => get<GridProfile>(`/grids/${code}/profile`, undefined, signal) })
  if (q.isPending) return <PageLoading />
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />
  const g = q.data
  const names = (xs: { name: string }[]) => (xs.length ? xs.map((x) => x.name).join('、') : '—')
  return (
    <Card
      title={`${g.communityName}${g.name}`}
      extra={
        <Space>
          <Button onClick={() => navigate(`/grids/${g.communityCode}`)}>社区地图</Button>
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => navigate(`/grids/${g.code}/poster`)}>
            二维码海报
          </Button>
        </Space>
      }
    >
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={6}>
          <Statistic title="户数" value={g.counts.households} />
        </Col>
        <Col span={6}>
          <Statistic title="居民" value={g.counts.residents} />
        </Col>
        <Col span={6}>
          <Statistic title="楼栋" value={g.counts.buildings} />
        </Col>
        <Col span={6}>
          <Statistic title="未结诉求" value={g.counts.openAppeals} />
          <Link to={`/appeals?place=${g.code}`}>查看诉求</Link>
        </Col>
      </Row>
      <Descriptions
        column={1}
        bordered
        size="small"
        items={[
          { key: 'code', label: '网格编码', children: <Typography.Text copyable>{g.code}</Typography.Text> },
          { key: 'place', label: '所属', children: `${g.streetName} · ${g.communityName}` },
          { key: 'fn', label: '多网合一', children: g.functions.length ? g.functions.map((f) => <Tag key={f}>{f}</Tag>) : '—' },
          { key: 'heads', label: '网格长', children: names(g.team.heads) },
          { key: 'workers', label: '网格员', children: names(g.team.workers) },
          { key: 'party', label: '网格党组织', children: g.team.partyGroups.length ? g.team.partyGroups.map((p) => `${p.name}（党员 ${p.members} 名）`).join('；') : '—' },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        十联户与联户长
      </Typography.Title>
      <Table
        rowKey="name"
        size="small"
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        dataSource={g.team.groups}
        locale={{ emptyText: '暂无十联户' }}
        columns={[
          { title: '联户', dataIndex: 'name' },
          { title: '联户长', render: (_, x) => x.leader ?? '—' },
          { title: '户数', dataIndex: 'households', align: 'right' },
        ]}
      />
      <p className="yw-muted" style={{ marginTop: 12 }}>
        数据截至 {formatTime(g.asOf)}
      </p>
    </Card>
  )
}
