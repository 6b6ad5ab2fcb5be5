/**
 * 基础信息登记: the register that fills a seeded county — departments and property companies; compounds,
 * buildings, units, households and residents; 十联户 groups and their leaders; service teams; the
 * party-organisation tree and its members. Every write is audited through the core.
 */
export { registryRoutes } from './routes'
