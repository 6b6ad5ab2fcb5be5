/** The category cascader and the place tree picker (county → street → community → grid, loaded on demand). */
import { useEffect, useState } from 'react'
import { Cascader, TreeSelect } from 'antd'
import { useQuery } from '@tanstack/react-query'
import type { CategoryNode } from '#contracts/appeals'
import { get } from '../../shared/api'
import { placeChildren, scopePlaceCode } from '../../shared/places'
import { useMe } from '../../shared/session'

export function useCategories() {
  return useQuery({ queryKey: ['categories'], queryFn: ({ signal }) => get<CategoryNode[]>('/categories', undefined, signal), staleTime: 3600_000 })
}

export function CategoryCascader({ value, onChange, id }: { value?: string; onChange?: (v: string | undefined) => void; id?: string }) {
  const cats = useCategories().data ?? []
  const options = cats.map((c) => ({ value: c.code, label: c.name, children: c.children.map((s) => ({ value: s.code, label: s.name })) }))
  const path = value ? (value.includes('.') ? [value.split('.')[0]!, value] : [value]) : undefined
  return (
    <Cascader
      id={id}
      options={options}
      value={path}
      changeOnSelect
      placeholder="全部分类"
      allowClear
      showSearch
      onChange={(v) => onChange?.(v?.length ? String(v[v.length - 1]) : undefined)}
    />
  )
}

interface TreeNode {
  id: string
  pId?: string
  value: string
  title: string
  isLeaf: boolean
}

/** A place picker limited to the caller's scope; `maxLevel` 15 lets it go down to grids. */
export function PlacePicker({ value, onChange, id, maxDigits = 15, ariaLabel }: { value?: string; onChange?: (v: string | undefined) => void; id?: string; maxDigits?: number; ariaLabel?: string }) {
  const me = useMe().data
  const root = me ? scopePlaceCode(me.scope) : null
  const [nodes, setNodes] = useState<TreeNode[]>([])
  const rootName = me?.scopeName ?? ''
  useEffect(() => {
    if (!root) return
    setNodes([{ id: root, value: root, title: rootName, isLeaf: root.length >= 15 }])
  }, [root, rootName])
  if (!root) return null
  return (
    <TreeSelect
      id={id}
      aria-label={ariaLabel}
      treeDataSimpleMode
      treeData={nodes}
      value={value}
      placeholder="全部地点"
      allowClear
      showSearch
      treeNodeFilterProp="title"
      onChange={(v) => onChange?.(v || undefined)}
      loadData={async (node) => {
        const code = String(node.value)
        if (nodes.some((n) => n.pId === code)) return
        const kids = await placeChildren(code)
        setNodes((prev) => [
          ...prev,
          ...kids.filter((k) => !k.retired).map((k) => ({ id: k.code, pId: code, value: k.code, title: k.name, isLeaf: k.code.length >= Math.min(15, maxDigits) })),
        ])
      }}
      listHeight={400}
    />
  )
}
