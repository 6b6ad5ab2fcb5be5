/** The audit log: written by the core with every change; read here by the audit administrator. */
export { auditRoutes } from './routes'
