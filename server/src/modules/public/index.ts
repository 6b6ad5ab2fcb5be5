/** 晒单: the public board, readable without login. */
export { publicRoutes } from './routes'
