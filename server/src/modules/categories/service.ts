/** The 大类/小类 catalogue as a tree. */
import type { Ctx } from '../../context'
import type { CategoryNode, Importance, Urgency } from '#contracts/appeals'
import { listCategories } from './queries'

export async function getCategoryTree(ctx: Ctx): Promise<CategoryNode[]> {
  const rows = await listCategories(ctx.db)
  const nodes = new Map<string, CategoryNode>()
  const roots: CategoryNode[] = []
  for (const r of rows) {
    nodes.set(r.code, {
      code: r.code,
      name: r.name,
      importance: r.importance as Importance,
      urgency: r.urgency as Urgency,
      children: [],
    })
  }
  for (const r of rows) {
    const node = nodes.get(r.code)!
    const parent = r.parentCode ? nodes.get(r.parentCode) : undefined
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  return roots
}
