/** 催办: a resident chases a step of their appeal that is past its time limit (once a day). */
import { Type, type Static } from './common'

export const UrgeResult = Type.Object({ urgedAt: Type.String({ description: '催办时间（北京时间）' }) })
export type UrgeResult = Static<typeof UrgeResult>
