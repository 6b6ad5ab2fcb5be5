/**
 * Demo 志愿服务 for 北街社区: its four teams (党员先锋队, 微心愿服务队, 纠纷调解队, 敲门队) with leaders and
 * members — the demo party member bj_dy among them, with six more registered members' accounts
 * (bj_dy2…bj_dy7, made in demo.ts) — the past weeks' activities with their attendance and the hours credited as a check-out
 * credits them, and the coming ones with free slots. Deterministic for a given asOf.
 */
import type { Db } from '../db/client'
import { Prng } from '../lib/prng'
import { addDays, shanghaiDate, shanghaiDayStart } from '../lib/time'
import type { ActivityKind, TeamKind } from '#contracts/volunteers'
import { creditedHours, insertVolunteerActivity, insertVolunteerSignup, insertVolunteerTeam, insertVolunteerTeamMember } from '../modules/volunteers'

const BEIJIE = '520423002013'
const MIN = 60_000
const HOUR = 3_600_000


interface Plan {
  title: string
  description: string
  venue: string
  /** days from asOf's day; hh:mm start; length in minutes */
  day: number
  at: string
  minutes: number
  kind: ActivityKind
  team: TeamKind | null
  slots: number
  /** who signs up: indexes into the team's members (volunteers) or residents */
  people: number
}

const PLANS: Plan[] = [
  { title: '龙城印象楼道杂物清理', description: '清理楼道堆放的杂物，消除消防隐患，张贴文明宣传画。', venue: '龙城印象 1 栋、2 栋楼道', day: -20, at: '18:30', minutes: 120, kind: 'afterHours', team: 'vanguard', slots: 8, people: 4 },
  { title: '独居老人敲门问候', description: '逐户敲门问候独居老人，了解身体和生活情况，登记需求。', venue: '安庄卫安置回迁房', day: -14, at: '09:00', minutes: 120, kind: 'fixed', team: 'knock', slots: 6, people: 4 },
  { title: '锦绘新都邻里纠纷调解', description: '楼上漏水引发的邻里纠纷，上门调解并跟进维修。', venue: '锦绘新都 3 栋', day: -10, at: '19:00', minutes: 120, kind: 'afterHours', team: 'mediation', slots: 3, people: 2 },
  { title: '微心愿礼物送达', description: '把认领的微心愿礼物送到困难家庭和留守儿童手中。', venue: '北街社区党群服务中心', day: -7, at: '14:30', minutes: 120, kind: 'fixed', team: 'wish', slots: 5, people: 3 },
  { title: '义诊进社区', description: '县人民医院医生坐诊：量血压、测血糖、用药咨询。请提前预约。', venue: '北街社区党群服务中心一楼', day: -5, at: '09:00', minutes: 180, kind: 'booking', team: null, slots: 20, people: 1 },
  { title: '文明创建交通劝导', description: '在北街路口劝导行人和电动车遵守交通信号。', venue: '北街与环城路交叉口', day: -3, at: '17:30', minutes: 90, kind: 'afterHours', team: 'vanguard', slots: 6, people: 3 },
  { title: '周末敲门行动：走访独居老人', description: '两人一组走访独居、高龄老人，检查用电用气安全。', venue: '安庄卫安置回迁房', day: 2, at: '09:00', minutes: 150, kind: 'fixed', team: 'knock', slots: 8, people: 3 },
  { title: '翡翠丽都消防通道清理', description: '下班后清理消防通道杂物，劝导车辆规范停放。', venue: '翡翠丽都小区', day: 4, at: '18:30', minutes: 120, kind: 'afterHours', team: 'vanguard', slots: 10, people: 2 },
  { title: '社区理发义剪', description: '志愿者为老年居民免费理发，请预约时段。', venue: '北街社区党群服务中心二楼', day: 6, at: '14:00', minutes: 180, kind: 'booking', team: null, slots: 12, people: 0 },
  { title: '垃圾分类宣传进小区', description: '发放垃圾分类宣传册，现场讲解分类方法。', venue: '龙城印象小区广场', day: 9, at: '09:30', minutes: 120, kind: 'fixed', team: null, slots: 6, people: 0 },
]

const TEAMS: { kind: TeamKind; name: string }[] = [
  { kind: 'vanguard', name: '北街社区党员先锋队' },
  { kind: 'wish', name: '北街社区微心愿服务队' },
  { kind: 'mediation', name: '北街社区纠纷调解队' },
  { kind: 'knock', name: '北街社区敲门队' },
]

/**
 * `members`: the accounts of in-service party members registered at 北街 (bj_dy2 …); `partyMember`
 * the demo party member's account (bj_dy), `resident` the demo resident's (bj_jm), `community` bj_sq's.
 */
export async function seedDemoVolunteers(
  db: Db,
  o: { asOf: Date; members: { id: number; partyMemberId: number }[]; partyMember: { id: number; partyMemberId: number | null }; resident: { id: number; residentId: number | null }; community: { id: number } },
): Promise<void> {
  const prng = new Prng('beijie-volunteers')
  const volunteers = [o.partyMember.id]
  // what a sign-up keeps of its account: the party member (for the figures per work unit) or the resident
  const personOf = new Map<number, { partyMemberId: number | null; residentId: number | null }>([
    [o.partyMember.id, { partyMemberId: o.partyMember.partyMemberId, residentId: null }],
    [o.resident.id, { partyMemberId: null, residentId: o.resident.residentId }],
  ])
  for (const m of o.members.slice(0, 6)) {
    volunteers.push(m.id)
    personOf.set(m.id, { partyMemberId: m.partyMemberId, residentId: null })
  }
  // bj_dy leads the 先锋队; the others are led by volunteers; bj_dy serves in the 微心愿服务队 too, bj_jm knocks on doors
  const membersOf: Record<TeamKind, number[]> = {
    vanguard: [volunteers[0]!, volunteers[1]!, volunteers[2]!, volunteers[3]!],
    wish: [volunteers[4]!, volunteers[5]!, volunteers[0]!],
    mediation: [volunteers[2]!, volunteers[6]!],
    knock: [volunteers[3]!, volunteers[1]!, volunteers[5]!, o.resident.id],
    volunteer: [],
  }
  const teamIds = new Map<TeamKind, number>()
  for (const t of TEAMS) {
    const row = await insertVolunteerTeam(db, { communityCode: BEIJIE, name: t.name, kind: t.kind, leaderUserId: membersOf[t.kind][0]!, isDemo: true })
    for (const u of membersOf[t.kind]) await insertVolunteerTeamMember(db, row.id, u)
    teamIds.set(t.kind, row.id)
  }

  const today = shanghaiDate(o.asOf)
  for (const p of PLANS) {
    const [hh, mm] = p.at.split(':').map(Number) as [number, number]
    const startsAt = new Date(shanghaiDayStart(addDays(today, p.day)).getTime() + hh * HOUR + mm * MIN)
    const endsAt = new Date(startsAt.getTime() + p.minutes * MIN)
    const past = endsAt <= o.asOf
    const teamId = p.team ? teamIds.get(p.team)! : null
    const people = p.kind === 'booking' ? [o.resident.id].slice(0, p.people) : (p.team ? membersOf[p.team] : volunteers).filter((u) => u !== o.resident.id).slice(0, p.people)
    // published five days before, at 09:00; people sign up on the days after, in working hours
    const createdAt = new Date(shanghaiDayStart(addDays(today, p.day - 5)).getTime() + 9 * HOUR)
    const activity = await insertVolunteerActivity(db, {
      communityCode: BEIJIE,
      teamId,
      title: p.title,
      description: p.description,
      venue: p.venue,
      startsAt,
      endsAt,
      slots: p.slots,
      taken: people.length,
      kind: p.kind,
      status: past ? 'finished' : 'published',
      checkInCode: String(prng.int(100000, 999999)),
      createdByUserId: teamId ? membersOf[p.team!][0]! : o.community.id,
      createdAt,
      updatedAt: past ? endsAt : createdAt,
      isDemo: true,
    })
    for (const [i, userId] of people.entries()) {
      const signedUpAt = new Date(createdAt.getTime() + i * 24 * HOUR + prng.int(60, 540) * MIN)
      const role = p.kind === 'booking' ? 'resident' : 'volunteer'
      if (!past) {
        await insertVolunteerSignup(db, { activityId: activity.id, userId, role, ...personOf.get(userId), status: 'signedUp', signedUpAt, updatedAt: signedUpAt, isDemo: true })
        continue
      }
      const checkedInAt = new Date(startsAt.getTime() + prng.int(-10, 10) * MIN)
      const checkedOutAt = new Date(endsAt.getTime() - prng.int(0, 40) * MIN)
      await insertVolunteerSignup(db, {
        activityId: activity.id,
        userId,
        role,
        ...personOf.get(userId),
        status: 'completed',
        version: 3,
        signedUpAt,
        checkedInAt,
        checkedOutAt,
        hours: role === 'volunteer' ? creditedHours(checkedInAt, checkedOutAt, { startsAt, endsAt }) : null,
        updatedAt: checkedOutAt,
        isDemo: true,
      })
    }
  }
}
