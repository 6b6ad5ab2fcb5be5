/** The working calendar (State Council holidays and 调休) and working-time arithmetic. */
export { calendarRoutes } from './routes'
export { loadCalendarStore, type CalendarStore } from './store'
export { ensureCalendarYears, provisionalWarning, provisionalYearsDue, warnProvisionalCalendar } from './years'
