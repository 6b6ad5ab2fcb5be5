/** 三张清单: needs (需求清单), resources (资源清单) and projects (项目清单), with the quarterly review. */
export { listsRoutes } from './routes'
export { canSeeProjectAttachment } from './attachments'
/** for the demo seed */
export { insertNeeds, insertProject, insertResources, linkProject, type NeedInsert, type ProjectInsert, type ResourceInsert } from './queries'
/** the party figures of the stats module */
export { countNeedFigures, countProjectFigures } from './queries'
/** 走访: a need raised on a visit (inside the visit's transaction) */
export { raiseNeed } from './needs'
