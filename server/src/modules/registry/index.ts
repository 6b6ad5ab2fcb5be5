/**
 * 基础信息登记: the register that fills a seeded county — departments and property companies; compounds,
 * buildings, units, households and residents; 十联户 groups and their leaders; service teams; the
 * party-organisation tree and its members. Every write is audited through the core.
 */
export { registryRoutes } from './routes'
/** 实有房屋: the housing module adds rooms (households) to buildings through the register's own use case */
export { createHousehold } from './housing'
