/**
 * The person card's 特殊人群 panel: the records of one resident that the caller may see (the server never returns
 * another kind), masked, each opening the record drawer; 登记 when the caller keeps some kind.
 */
import { useState } from 'react'
import { Button, List, Space, Typography } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import type { PageOf } from '#contracts/common'
import type { SpecialGroup } from '#contracts/special-groups'
import { detailsInWords } from '#contracts/ledger-names'
import { get } from '../../shared/api'
import { PageError } from '../shell/states'
import { CreateDialog, GroupDrawer, KindTag, LevelTag, useAbilities } from './bits'

export function PersonGroupsPanel({ residentId }: { residentId: string }) {
  const client = useQueryClient()
  const abilities = useAbilities().data
  const [openId, setOpenId] = useState<string | null>(null)
  const [creating, setCreating] = useState(false)
  const mayRead = (abilities?.readable.length ?? 0) > 0
  const list = useQuery({
    queryKey: ['special-groups', 'person', residentId],
    queryFn: ({ signal }) => get<PageOf<SpecialGroup>>('/special-groups', { residentId, status: undefined, limit: 50 }, signal),
    enabled: mayRead,
  })
  if (!mayRead) return null
  if (list.isError) return <PageError error={list.error} onRetry={() => void list.refetch()} />
  return (
    <div>
      {abilities?.writable.length ? (
        <Space style={{ width: '100%', justifyContent: 'flex-end', marginBottom: 8 }}>
          <Button size="small" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            登记特殊人群
          </Button>
        </Space>
      ) : null}
      <List<SpecialGroup>
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: '无' }}
        renderItem={(g) => (
          <List.Item style={{ cursor: 'pointer' }} onClick={() => setOpenId(g.id)}>
            <Space wrap>
              <KindTag g={g} />
              <LevelTag g={g} />
              <Typography.Text type={g.status === 'ended' ? 'secondary' : undefined}>
                {g.status === 'ended' ? `已解除（${g.until}）` : g.since ? `${g.since} 起` : '在册'}
              </Typography.Text>
              <Typography.Text type="secondary" ellipsis style={{ maxWidth: 320 }}>
                {detailsInWords(g.details)}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      <GroupDrawer id={openId} onClose={() => setOpenId(null)} />
      <CreateDialog
        open={creating}
        residentId={residentId}
        onClose={() => setCreating(false)}
        onDone={() => {
          setCreating(false)
          void client.invalidateQueries({ queryKey: ['special-groups'] })
        }}
      />
    </div>
  )
}
