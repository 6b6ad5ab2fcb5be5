/** 微心愿: residents' small wishes, claimed and fulfilled by party members, and the public wish wall. */
export { wishRoutes } from './routes'
export { canSeeWishAttachment } from './attachments'
/** for the demo seed */
export { insertWishes, type WishInsert } from './queries'
/** the party figures of the stats module */
export { countWishFigures } from './queries'
