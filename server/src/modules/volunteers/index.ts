/** 志愿服务: teams, activities, sign-ups and attendance, and the figures derived from them. */
export { volunteerRoutes } from './routes'
export { creditedHours } from './signups'
// rows for the demo seed and the test factories (written as the services write them)
export {
  insertActivity as insertVolunteerActivity,
  insertSignup as insertVolunteerSignup,
  insertTeam as insertVolunteerTeam,
  insertTeamMember as insertVolunteerTeamMember,
} from './queries'
/** the party figures of the stats module */
export { countVolunteerFigures } from './queries'
