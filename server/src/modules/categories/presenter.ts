/** The 大类/小类 catalogue as the tree the pages show. */
import type { CategoryNode, Importance, Urgency } from '#contracts/appeals'
import type { CategoryRow } from './queries'

export function presentCategoryTree(rows: CategoryRow[]): CategoryNode[] {
  const nodes = new Map<string, CategoryNode>()
  const roots: CategoryNode[] = []
  for (const r of rows) {
    nodes.set(r.code, { code: r.code, name: r.name, importance: r.importance as Importance, urgency: r.urgency as Urgency, keepPhotoLocation: r.keepPhotoLocation, children: [] })
  }
  for (const r of rows) {
    const node = nodes.get(r.code)!
    const parent = r.parentCode ? nodes.get(r.parentCode) : undefined
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  return roots
}
