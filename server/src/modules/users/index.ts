/** 账号管理 by the security administrator. */
export { userRoutes } from './routes'
