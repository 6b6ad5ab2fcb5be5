/** Appeal categories (诉求分类) with their default importance, urgency and limits. */
export { categoryRoutes } from './routes'
export { findCategory, upsertCategories } from './queries'
export { getCategoryTree } from './service'
