/** The 大类/小类 catalogue. */
import type { Ctx } from '../../context'
import type { CategoryNode } from '#contracts/appeals'
import { presentCategoryTree } from './presenter'
import { listCategories } from './queries'

export async function getCategoryTree(ctx: Ctx): Promise<CategoryNode[]> {
  return presentCategoryTree(await listCategories(ctx.db))
}
