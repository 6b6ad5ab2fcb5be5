/**
 * 人次与时长: derived from the recorded attendance, never typed — for a place (its communities) and a
 * period of Asia/Shanghai days [from, to) by the activities' start: activities held, 人次 (completed
 * volunteer sign-ups), hours, volunteers, residents served by 预约 activities; and the same per person,
 * per organiser team, per party member's work unit and per community. A party member or resident sees
 * their own.
 */
import type { Ctx } from '../../context'
import { AppError } from '../../errors'
import { addDays, shanghaiDate, shanghaiDayStart } from '../../lib/time'
import { authorize } from '../../permissions'
import { TEAM_KIND_NAMES, type VolunteerFigures, type VolunteerFiguresQuery } from '#contracts/volunteers'
import { labelOf } from '#contracts/labels'
import { figureTotals, figuresPerCommunity, figuresPerPerson, figuresPerTeam, figuresPerUnit, findPlace, type FiguresFilter } from './queries'

const MAX_DAYS = 366 * 3

export async function volunteerFigures(ctx: Ctx, q: VolunteerFiguresQuery): Promise<VolunteerFigures> {
  authorize(ctx.actor, 'volunteer.figures')
  const today = shanghaiDate(ctx.now)
  const from = q.from ?? `${today.slice(0, 8)}01`
  const to = q.to ?? addDays(today, 1)
  if (to <= from) throw new AppError('INVALID_RANGE', '截止日期必须晚于起始日期（截止日不含）')
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_DAYS) throw new AppError('RANGE_TOO_LONG')
  const own = ctx.actor.role === 'partyMember' || ctx.actor.role === 'resident'
  let placeCode: string | null = null
  if (!own) {
    placeCode = q.place ?? ctx.actor.placeCode!
    authorize(ctx.actor, 'volunteer.listAt', placeCode)
  }
  const f: FiguresFilter = { placePrefix: placeCode ?? '', from: shanghaiDayStart(from), to: shanghaiDayStart(to), ...(own ? { userId: ctx.actor.userId } : {}) }
  const [totals, people, teams, units, communities, place] = await Promise.all([
    figureTotals(ctx.db, f),
    figuresPerPerson(ctx.db, f),
    figuresPerTeam(ctx.db, f),
    figuresPerUnit(ctx.db, f),
    figuresPerCommunity(ctx.db, f),
    placeCode ? findPlace(ctx.db, placeCode) : Promise.resolve(undefined),
  ])
  return {
    place: place ? { code: place.code, name: place.name } : null,
    from,
    to,
    ...totals,
    perPerson: people.map((p) => ({ userId: String(p.userId), name: p.name, personTimes: p.personTimes, hours: p.hours })),
    perTeam: teams.map((t) => ({
      teamId: t.teamId === null ? null : String(t.teamId),
      name: t.name ?? '社区组织',
      kindName: t.kind ? labelOf(TEAM_KIND_NAMES, t.kind) : null,
      personTimes: t.personTimes,
      hours: t.hours,
    })),
    perUnit: units.map((u) => ({ workUnit: u.workUnit!, personTimes: u.personTimes, hours: u.hours })),
    // a person's own figures list the communities they served in, counting only their own service
    perCommunity: own ? [] : communities,
  }
}
