/** Keyset paging for the ledgers: a stack of cursors (上一页 / 下一页). */
import { useState } from 'react'
import { Button, Space } from 'antd'

export function useCursorPager() {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined])
  return {
    cursor: cursors.at(-1),
    reset: () => setCursors([undefined]),
    pager: (next: string | null | undefined) => (
      <Space style={{ marginTop: 16 }}>
        <Button disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          上一页
        </Button>
        <Button disabled={!next} onClick={() => setCursors([...cursors, next!])}>
          下一页
        </Button>
      </Space>
    ),
  }
}
