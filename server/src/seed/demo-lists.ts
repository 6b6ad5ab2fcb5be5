/**
 * The demo's three lists (三张清单) and micro-wishes (微心愿) for 北街社区, so the pages are alive and the
 * figures the seeds quote come out of queries: 28 needs collected, 14 of them done through accepted
 * projects; resources from several county departments and the community; projects in every state,
 * one of them late; wishes in every state. Written through the modules' own insert functions, with a
 * timeline for each record; deterministic (the seed PRNG).
 */
import type { Db } from '../db/client'
import { sharedTimeline } from '../core'
import { insertNeeds, insertProject, insertResources, linkProject, type NeedInsert } from '../modules/lists'
import { insertWishes, type WishInsert } from '../modules/wishes'
import type { Prng } from '../lib/prng'

const DAY = 86_400_000
const COUNTY = '520423'

interface Person {
  userId: number | null
  role: string
  name: string
}

export interface ListsDemoInput {
  asOf: Date
  prng: Prng
  communityCode: string
  gridCodes: string[]
  /** the community's account (publishes projects and wishes, accepts, closes) */
  community: Person
  /** residents of the community to wish for (with a birth date, to tell the old from the children) */
  residents: { id: number; name: string; gridCode: string; birthDate: string | null }[]
  /** in-service party members with accounts or not (the first is the demo member 北街党员) */
  members: { id: number; name: string; userId: number | null }[]
  /** a resident with a demo account, whose wish waits for their thanks */
  demoResident: { id: number; name: string; gridCode: string }
}

const DEPARTMENTS: Record<string, string> = {
  zjj: '住房和城乡建设局',
  mzj: '民政局',
  wjj: '卫生健康局',
  rsj: '人力资源和社会保障局',
  zhzfj: '综合行政执法局',
  swj: '水务局',
  yjj: '应急管理局',
  scjgj: '市场监督管理局',
}
const deptCode = (s: string) => `${COUNTY}-${s}`
const deptName = (s: string) => `镇宁自治县${DEPARTMENTS[s]}`

/** [title, category, beneficiaries, count] — 28 needs of 北街, in the order the projects below take them. */
const NEEDS: [string, string, string, number][] = [
  ['龙城印象3栋楼道灯不亮', 'facility', '3栋住户', 48],
  ['龙城印象5栋楼道灯损坏', 'facility', '5栋住户', 40],
  ['锦绘新都地下车库照明不足', 'facility', '车库使用住户', 120],
  ['安庄卫安置房楼道照明改造', 'facility', '安置房住户', 96],
  ['翡翠丽都单元门禁灯损坏', 'facility', '2单元住户', 24],
  ['独居老人吃饭难', 'eldercare', '独居老人', 18],
  ['高龄老人送餐上门', 'eldercare', '80岁以上老人', 12],
  ['助餐点需要用餐场地', 'eldercare', '社区老人', 60],
  ['老人就餐补贴', 'eldercare', '低保老人', 9],
  ['老年人慢病随访', 'health', '慢病老人', 35],
  ['居民免费体检', 'health', '社区居民', 200],
  ['儿童视力筛查', 'children', '辖区儿童', 80],
  ['失业人员技能培训', 'employment', '失业人员', 25],
  ['返乡青年就业指导', 'employment', '返乡青年', 15],
  ['背街小巷垃圾清运', 'environment', '北街沿街住户', 150],
  ['安庄卫排水沟堵塞', 'environment', '安置房住户', 96],
  ['龙城印象雨污管网淤堵', 'facility', '龙城印象住户', 300],
  ['楼栋消防器材过期', 'safety', '龙城印象住户', 300],
  ['电动车楼道充电隐患', 'safety', '锦绘新都住户', 180],
  ['儿童放学后无人看护', 'children', '双职工家庭儿童', 30],
  ['翡翠丽都健身器材损坏', 'culture', '小区居民', 400],
  ['留守儿童课业辅导', 'children', '留守儿童', 14],
  ['老年人智能手机使用培训', 'eldercare', '社区老人', 40],
  ['社区文艺队排练场地', 'culture', '文艺队队员', 30],
  ['残疾人出行无障碍坡道', 'facility', '残疾人', 6],
  ['夜间巷道治安巡逻', 'safety', '北街居民', 500],
  ['小区绿化带补种', 'environment', '小区居民', 200],
  ['居家养老服务需求', 'eldercare', '失能老人', 8],
]

/** Projects over the needs above: [title, needs taken, claimant suffix or null, state, deadline offset in days from asOf]. */
const PROJECTS: [string, number, string | null, 'accepted' | 'done' | 'in_progress' | 'claimed' | 'published', number][] = [
  ['北街老旧小区楼道照明改造', 5, 'zjj', 'accepted', -20],
  ['长者食堂助餐服务', 4, 'mzj', 'accepted', -10],
  ['健康义诊进社区', 3, 'wjj', 'accepted', -15],
  ['就业技能培训进社区', 2, 'rsj', 'accepted', -5],
  ['背街小巷环境整治', 1, 'zhzfj', 'done', 5],
  ['龙城印象雨污管网疏通', 2, 'swj', 'in_progress', -6], // late: past its deadline, still under way
  ['消防器材进楼栋', 1, 'yjj', 'in_progress', 20],
  ['电动车集中充电桩建设', 1, 'scjgj', 'claimed', 40],
  ['儿童四点半课堂', 1, null, 'published', 30],
  ['翡翠丽都健身器材维修', 1, null, 'published', 25],
]

export async function seedListsDemo(tx: Db, d: ListsDemoInput): Promise<void> {
  const { asOf, prng, communityCode: cc } = d
  // a Shanghai hour of the day n days before asOf
  const daysAgo = (n: number, hour = 10) => new Date(asOf.getTime() - ((asOf.getTime() + 8 * 3600_000) % DAY) - n * DAY + hour * 3600_000)
  const date = (offset: number) => new Date(asOf.getTime() + offset * DAY + 8 * 3600_000).toISOString().slice(0, 10)
  const ev = (entity: string) => sharedTimeline(entity)
  const say = async (entity: string, id: number, who: Person, at: Date, action: string, from: string | null, to: string, fields: Record<string, unknown> = {}) =>
    ev(entity)(tx, id, { action, fromStatus: from, toStatus: to, fields, actorUserId: who.userId, actorRole: who.role, actorName: who.name, createdAt: at })
  const dept = (s: string): Person => ({ userId: null, role: 'department', name: deptName(s) })
  const worker = (g: string): Person => ({ userId: null, role: 'gridWorker', name: `网格员（${g.slice(-3)}网格）` })

  // ---- needs: collected over the last two months, by grid workers, visits and residents; each later
  // taken by the projects below in order (the first 14 by accepted projects: done), two closed
  const needRows: NeedInsert[] = NEEDS.map(([title, category, beneficiaries, count], i) => {
    const grid = d.gridCodes[i % d.gridCodes.length]!
    const source = i % 3 === 0 ? 'visit' : i % 3 === 1 ? 'gridWorker' : 'resident'
    const at = daysAgo(58 - i * 2, 9 + (i % 7))
    const by = source === 'visit' ? d.community : source === 'gridWorker' ? worker(grid) : { userId: null, role: 'resident', name: '居民' }
    return {
      communityCode: cc,
      gridCode: grid,
      placeCode: grid,
      title,
      description: null,
      category,
      source,
      beneficiaries,
      beneficiaryCount: count,
      status: 'open',
      raisedByUserId: by.userId,
      raisedByName: by.name,
      raisedByRole: by.role,
      createdAt: at,
      updatedAt: at,
      isDemo: true,
    }
  })

  // ---- resources: what departments and the community offer
  const resources = await insertResources(
    tx,
    (
      [
        ['zjj', 'funds', '老旧小区改造专项资金', '8 万元'],
        ['mzj', 'funds', '社区助餐补贴', '3 万元/年'],
        ['mzj', 'venue', '社区养老服务站', '120 平方米'],
        ['wjj', 'skills', '家庭医生签约团队', '6 人'],
        ['rsj', 'skills', '职业技能培训讲师', '4 人'],
        ['zhzfj', 'volunteers', '执法局党员志愿服务队', '15 人'],
        ['yjj', 'goods', '灭火器、应急包', '200 套'],
        ['swj', 'skills', '管网疏通技术人员', '5 人'],
        [null, 'venue', '北街社区党群服务中心活动室', '2 间'],
        [null, 'volunteers', '北街社区红色志愿服务队', '32 人'],
      ] as const
    ).map(([s, kind, title, quantity], i) => ({
      communityCode: cc,
      kind,
      title,
      description: null,
      quantity,
      ownerKind: s ? 'department' : 'community',
      ownerId: s ? deptCode(s) : cc,
      ownerName: s ? deptName(s) : '北街社区',
      status: 'active',
      createdAt: daysAgo(62 - i),
      updatedAt: daysAgo(62 - i),
      isDemo: true,
    })),
  )
  for (const r of resources) await say('resource', r.id, r.ownerKind === 'department' ? dept(r.ownerId.split('-')[1]!) : d.community, r.createdAt, 'offer', null, 'active', { kind: r.kind })
  const resourceOf = (s: string | null) => resources.filter((r) => (s ? r.ownerId === deptCode(s) : r.ownerKind === 'community')).map((r) => r.id)

  // ---- projects, each taking the next needs in order
  const ORDER = ['published', 'claimed', 'in_progress', 'done', 'accepted']
  const owners = ['张明', '李华', '王强', '刘芳', '陈军', '杨帆', '赵磊', '黄敏']
  const links: { projectId: number; needIdx: number[]; state: string; created: Date; acceptedAt: Date }[] = []
  let next = 0
  for (const [pi, [title, taken, claimant, state, deadlineOffset]] of PROJECTS.entries()) {
    const needIdx = Array.from({ length: taken }, (_, k) => next + k)
    next += taken
    const created = new Date(Math.max(...needIdx.map((k) => needRows[k]!.createdAt!.getTime())) + 2 * DAY)
    const claimedAt = new Date(created.getTime() + DAY)
    const startedAt = new Date(claimedAt.getTime() + DAY)
    const completedAt = new Date(Math.min(startedAt.getTime() + 6 * DAY, asOf.getTime() - DAY))
    const acceptedAt = new Date(Math.min(completedAt.getTime() + 2 * DAY, asOf.getTime() - 3600_000))
    const reached = (s: string) => ORDER.indexOf(state) >= ORDER.indexOf(s)
    const p = (await insertProject(tx, {
      communityCode: cc,
      title,
      description: `北街社区“三张清单”项目：${needIdx.map((k) => needRows[k]!.title).join('、')}`,
      status: state,
      deadline: date(deadlineOffset),
      claimantKind: claimant ? 'department' : null,
      claimantId: claimant ? deptCode(claimant) : null,
      claimantName: claimant ? deptName(claimant) : null,
      claimedAt: claimant ? claimedAt : null,
      owner: reached('in_progress') ? owners[pi % owners.length]! : null,
      startedAt: reached('in_progress') ? startedAt : null,
      summary: reached('done') ? `${title}已完成，群众反映良好` : null,
      completedAt: reached('done') ? completedAt : null,
      acceptedAt: state === 'accepted' ? acceptedAt : null,
      createdByUserId: d.community.userId,
      createdAt: created,
      updatedAt: created,
      isDemo: true,
    }))!
    links.push({ projectId: p.id, needIdx, state, created, acceptedAt })
    for (const k of needIdx) Object.assign(needRows[k]!, { status: state === 'accepted' ? 'done' : 'in_project', projectId: p.id, doneAt: state === 'accepted' ? acceptedAt : null })
    await say('project', p.id, d.community, created, 'publish', null, 'published', {})
    if (claimant) {
      const c = dept(claimant)
      await say('project', p.id, c, claimedAt, 'claim', 'published', 'claimed', { claimantKind: 'department', claimantId: deptCode(claimant) })
      if (reached('in_progress')) await say('project', p.id, c, startedAt, 'start', 'claimed', 'in_progress', { owner: p.owner, deadline: p.deadline })
      if (reached('in_progress')) await say('project', p.id, c, new Date(startedAt.getTime() + 2 * DAY), 'progress', 'in_progress', 'in_progress', { note: '已完成现场勘察，正在组织实施' })
      if (reached('done')) await say('project', p.id, c, completedAt, 'complete', 'in_progress', 'done', { summary: p.summary })
      if (state === 'accepted') await say('project', p.id, d.community, acceptedAt, 'accept', 'done', 'accepted', { note: '验收通过' })
    }
  }
  // two of the remaining needs were closed by the community
  const closed = [next, next + 1]
  for (const k of closed) Object.assign(needRows[k]!, { status: 'closed' })

  const needs = await insertNeeds(tx, needRows)
  for (const [k, n] of needs.entries()) {
    await say('need', n.id, { userId: n.raisedByUserId, role: n.raisedByRole, name: n.raisedByName }, n.createdAt, 'raise', null, 'open', { source: n.source })
    if (closed.includes(k)) await say('need', n.id, d.community, new Date(n.createdAt.getTime() + 3 * DAY), 'close', 'open', 'closed', { reason: '已由物业公司自行解决' })
  }
  for (const l of links) {
    const ids = l.needIdx.map((k) => needs[k]!.id)
    await linkProject(tx, l.projectId, ids, [])
    for (const id of ids) {
      await say('need', id, d.community, l.created, 'include', 'open', 'in_project', { projectId: String(l.projectId) })
      if (l.state === 'accepted') await say('need', id, d.community, l.acceptedAt, 'complete', 'in_project', 'done', { projectId: String(l.projectId) })
    }
  }
  for (const [pi, l] of links.entries()) {
    const claimant = PROJECTS[pi]![2]
    await linkProject(tx, l.projectId, [], claimant ? resourceOf(claimant) : resourceOf(null).slice(0, 1))
  }

  // ---- wishes: published by the community, claimed by members, fulfilled, thanked
  const ageOf = (r: { birthDate: string | null }) => (r.birthDate ? asOf.getUTCFullYear() - Number(r.birthDate.slice(0, 4)) : 40)
  const elders = d.residents.filter((r) => ageOf(r) >= 70)
  const children = d.residents.filter((r) => ageOf(r) <= 12)
  const others = d.residents.filter((r) => ageOf(r) > 30 && ageOf(r) < 60)
  const WISHES: [string, string, string, 'elderly' | 'children' | 'difficulty' | 'disabled', string][] = [
    ['想要一台收音机听戏', 'goods', 'elderly', 'elderly', 'published'],
    ['希望有人陪我去医院复查', 'health', 'elderly', 'elderly', 'published'],
    ['想要一套课外读物', 'learning', 'children', 'children', 'published'],
    ['冬天想要一床厚棉被', 'goods', 'difficulty', 'difficulty', 'published'],
    ['想要一个新书包', 'goods', 'children', 'children', 'claimed'],
    ['希望有人帮忙修理漏水的水龙头', 'service', 'elderly', 'elderly', 'claimed'],
    ['想学用智能手机和子女视频', 'learning', 'elderly', 'elderly', 'claimed'],
    ['想要一副合适的老花镜', 'goods', 'elderly', 'elderly', 'fulfilled'],
    ['希望周末有人陪伴聊天', 'companion', 'elderly', 'elderly', 'fulfilled'],
    ['想要一辆儿童自行车', 'goods', 'children', 'children', 'fulfilled'],
    ['想要一台电暖器过冬', 'goods', 'elderly', 'elderly', 'closed'],
    ['希望有人辅导数学作业', 'learning', 'children', 'children', 'closed'],
    ['想要一张护理床', 'health', 'disabled', 'disabled', 'closed'],
    ['想要一双保暖棉鞋', 'goods', 'difficulty', 'difficulty', 'closed'],
    ['想要一个助行器', 'health', 'disabled', 'disabled', 'cancelled'],
  ]
  const pool = { elderly: elders, children, difficulty: others, disabled: elders }
  const used = new Set<number>()
  const wisher = (g: keyof typeof pool) => {
    const list = pool[g].length ? pool[g] : d.residents
    let r = prng.pick(list)
    for (let i = 0; i < 20 && used.has(r.id); i++) r = prng.pick(list)
    used.add(r.id)
    return r
  }
  const claimers = d.members.slice(0, 6)
  const thanks: Record<string, string> = { elderly: '谢谢你们，冬天不冷了', children: '非常感谢，孩子很开心', disabled: '感谢社区和党员的关心', difficulty: '谢谢党员同志，东西很实用' }
  const rows: WishInsert[] = []
  for (const [i, [title, category, group, , state]] of WISHES.entries()) {
    // the demo resident's own wish waits for their thanks
    const r = i === 7 ? d.demoResident : wisher(group as keyof typeof pool)
    const created = daysAgo(40 - i * 2, 9 + (i % 6))
    const m = claimers[i % claimers.length]!
    const claimed = state !== 'published' && state !== 'cancelled'
    const fulfilled = state === 'fulfilled' || state === 'closed'
    rows.push({
      communityCode: cc,
      gridCode: r.gridCode,
      placeCode: r.gridCode,
      title,
      description: null,
      category,
      beneficiaryGroup: group,
      residentId: r.id,
      beneficiaryName: r.name,
      status: state,
      claimantPartyMemberId: claimed ? m.id : null,
      claimantName: claimed ? m.name : null,
      claimedAt: claimed ? new Date(created.getTime() + DAY) : null,
      fulfilledAt: fulfilled ? new Date(created.getTime() + 4 * DAY) : null,
      fulfilNote: fulfilled ? '已送到心愿人家中' : null,
      rating: state === 'closed' ? 5 - (i % 2) : null,
      thanks: state === 'closed' ? thanks[group]! : null,
      closedAt: state === 'closed' || state === 'cancelled' ? new Date(created.getTime() + 6 * DAY) : null,
      publishedByUserId: d.community.userId,
      createdAt: created,
      updatedAt: created,
      isDemo: true,
    })
  }
  const wishes = await insertWishes(tx, rows)
  for (const w of wishes) {
    await say('wish', w.id, d.community, w.createdAt, 'publish', null, 'published', { category: w.category, group: w.beneficiaryGroup })
    const m = d.members.find((x) => x.id === w.claimantPartyMemberId)
    const member: Person = { userId: m?.userId ?? null, role: 'partyMember', name: w.claimantName ?? '' }
    if (w.claimedAt) await say('wish', w.id, member, w.claimedAt, 'claim', 'published', 'claimed', { claimantPartyMemberId: String(w.claimantPartyMemberId) })
    if (w.fulfilledAt) await say('wish', w.id, member, w.fulfilledAt, 'fulfil', 'claimed', 'fulfilled', { note: w.fulfilNote })
    if (w.status === 'closed') await say('wish', w.id, d.community, w.closedAt!, 'thank', 'fulfilled', 'closed', { rating: w.rating, message: w.thanks, onBehalf: true })
    if (w.status === 'cancelled') await say('wish', w.id, d.community, w.closedAt!, 'cancel', 'published', 'cancelled', { reason: '家属已自行购买' })
  }
}
