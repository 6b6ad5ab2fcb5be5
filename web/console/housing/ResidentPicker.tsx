/** Pick a resident of the register by name (GET /residents?name=), shown masked as the server sends it. */
import { useState } from 'react'
import { Select } from 'antd'
import { useQuery } from '@tanstack/react-query'
import type { PageOf } from '#contracts/common'
import type { Resident } from '#contracts/residents'
import { get } from '../../shared/api'

export function ResidentPicker({ value, onChange, label }: { value: string | undefined; onChange: (id: string | undefined) => void; label: string }) {
  const [name, setName] = useState('')
  const found = useQuery({
    queryKey: ['resident-picker', name],
    queryFn: ({ signal }) => get<PageOf<Resident>>('/residents', { name, limit: 20 }, signal),
    enabled: name.length > 0,
  })
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: (v) => setName(v.trim()) }}
      allowClear
      aria-label={label}
      placeholder="输入姓名查找已登记的居民"
      style={{ width: '100%' }}
      value={value}
      onChange={(v) => onChange(v)}
      loading={found.isFetching}
      notFoundContent={name ? '没有找到' : null}
      options={(found.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.name}　${r.idNumber ?? ''}　${r.address ?? ''}` }))}
    />
  )
}
