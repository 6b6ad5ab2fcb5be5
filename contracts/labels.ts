/**
 * The Chinese label of every enum a person reads — one place, used by the server (messages,
 * exports) and the web (tags, filters, timelines). Plain data with no schema library behind it,
 * so the phone pages can import it without pulling TypeBox into their bundle.
 *
 * Status and action names live beside the workflow table (workflow.ts) and are re-exported here;
 * appeals.ts and roles.ts re-export the maps below under their historical names.
 */
import { ACTION_NAMES, OVERDUE_NAMES as STEP_OVERDUE_NAMES, STATUS_NAMES, STEP_NAMES, type AppealAction, type AppealStatus } from './workflow'

export { ACTION_NAMES, STATUS_NAMES, STEP_NAMES }

/** Roles (DOMAIN §3.4). Keys must match contracts/roles.ts ROLES (checked in labels.test.ts). */
export const ROLE_NAMES = {
  systemAdmin: '系统管理员',
  securityAdmin: '安全管理员',
  auditAdmin: '审计管理员',
  county: '县级及以上',
  street: '街道',
  community: '社区',
  gridHead: '网格长',
  gridWorker: '网格员',
  householdLeader: '联户长',
  department: '职能部门',
  partyMember: '党员',
  resident: '居民',
  property: '物业',
  unit: '报到单位',
  publicSafety: '综治中心',
  judicialOffice: '司法所',
} as const
export type RoleName = keyof typeof ROLE_NAMES

/** Who acted on a timeline event: any role, or the system (sweeper, auto-close). */
export const EVENT_ROLE_NAMES: Record<RoleName | 'system', string> = { ...ROLE_NAMES, system: '系统' }

/** Timeline actions: every workflow action plus the ones the system and supervision write. */
export const TIMELINE_ACTION_NAMES: Record<AppealAction | 'submit' | SystemTimelineAction, string> = {
  ...ACTION_NAMES,
  yellowCard: '黄牌预警',
  redCard: '红牌督办',
  supervise: '督办',
  autoClose: '超时未评价自动结案',
  answerSupervision: '回复督办',
  closeSupervision: '督办办结',
  warning: '即将超期提醒',
}
export type SystemTimelineAction =
  | 'yellowCard'
  | 'redCard'
  | 'supervise'
  | 'autoClose'
  | 'answerSupervision'
  | 'closeSupervision'
  | 'warning'

/** 群众点单 · 网格上报 … Keys must match contracts/appeals.ts CHANNELS. */
export const CHANNEL_NAMES = {
  h5: '群众点单',
  patrol: '网格上报',
  householdLeader: '联户长上报',
  hotline: '热线/12345',
  partyMemberVisit: '党员走访',
  walkIn: '来访',
  open311: '开放接口',
} as const
export type ChannelName = keyof typeof CHANNEL_NAMES

/** 分色治理 */
export const COLOR_NAMES = { red: '红', orange: '橙', yellow: '黄', blue: '蓝' } as const
export type ColorName = keyof typeof COLOR_NAMES
/** The longer name, for tags a person reads on their own ("红色 · 重要紧急"). */
export const COLOR_LONG_NAMES: Record<ColorName, string> = {
  red: '红色 · 重要紧急',
  orange: '橙色 · 紧急',
  yellow: '黄色 · 重要',
  blue: '蓝色 · 一般',
}

export const IMPORTANCE_NAMES = { high: '重要', normal: '一般' } as const
export const URGENCY_NAMES = { urgent: '紧急', normal: '一般' } as const

export const RATING_NAMES = { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' } as const
export type RatingName = keyof typeof RATING_NAMES

/**
 * 解决了吗 — asked before satisfaction. 'no' rates unsatisfied (it reopens the appeal);
 * 'partly' and 'yes' let the resident choose.
 */
export const SOLVED_NAMES = { yes: '已解决', partly: '部分解决', no: '未解决' } as const
export type SolvedAnswer = keyof typeof SOLVED_NAMES

export const CLOSE_REASON_NAMES = {
  satisfied: '满意结案',
  basic: '基本满意结案',
  unrated: '未评价自动结案',
  rejected: '不予受理',
  merged: '合并重复',
  explained: '结案说明',
} as const

export const RESOLUTION_LEVEL_NAMES = {
  building: '楼栋',
  grid: '网格',
  community: '社区',
  street: '街道',
  department: '部门',
} as const
export type ResolutionLevelName = keyof typeof RESOLUTION_LEVEL_NAMES

export const CARD_NAMES = { yellow: '黄牌', red: '红牌' } as const

/** The overdue kinds an appeal is flagged with and the statistics count (DOMAIN §3.5), named as the cards name them. */
export const OVERDUE_NAMES = {
  response: STEP_OVERDUE_NAMES.response,
  dispatch: STEP_OVERDUE_NAMES.dispatch,
  review: STEP_OVERDUE_NAMES.review,
  resolve: STEP_OVERDUE_NAMES.resolve,
  resolvedLate: '超期办结',
} as const
export type OverdueKind = keyof typeof OVERDUE_NAMES

export const ASSIGNEE_TYPE_NAMES = {
  gridWorker: '网格员',
  householdLeader: '联户长',
  partyMember: '党员',
  team: '志愿服务队',
  property: '物业',
  department: '职能部门',
} as const

/** 吹哨 roles of a department. */
export const WHISTLE_ROLE_NAMES = { lead: '主办', assist: '协办' } as const

export const EXTENSION_STATUS_NAMES = { pending: '待审核', approved: '已同意', denied: '已驳回' } as const

export const SUPERVISION_REASON_NAMES = { redCard: '红牌督办', unsatisfied: '二次不满意督办' } as const
export const SUPERVISION_LEVEL_NAMES = { community: '社区督办', street: '街道督办', county: '县级督办' } as const
export const SUPERVISION_TARGET_NAMES = {
  grid: '网格',
  community: '社区',
  street: '街道',
  handler: '承办人',
  department: '职能部门',
} as const
export const SUPERVISION_STATUS_NAMES = { open: '待回复', answered: '已回复', closed: '已办结' } as const

/** Kinds of in-app notification (contracts/notifications.ts documents when each is sent). */
export const NOTIFICATION_KIND_NAMES = {
  newAppeal: '待受理',
  toDispatch: '待分派',
  assigned: '新派单',
  claimLost: '领单未成功',
  toVerify: '待核查',
  returnedForWork: '核查未通过',
  toReply: '待答复',
  replied: '已答复',
  rated: '群众评价',
  returned: '派单被退回',
  extension: '延期',
  escalated: '上报街道',
  withdrawn: '无需办理',
  assistNote: '协办反馈',
  closed: '结案说明',
  supervision: '督办',
  warning: '即将超期',
  yellowCard: '黄牌',
  redCard: '红牌',
  householdClaim: '住户待确认',
  householdConfirmed: '住户确认结果',
  urged: '群众催办',
  calendarProvisional: '工作日历待录入',
  registration: '双报到',
  unitRegistration: '单位报到',
  points: '积分',
  honourBoard: '红黑榜',
  pledge: '包保',
  need: '需求清单',
  project: '项目清单',
  wish: '微心愿',
  volunteer: '志愿服务',
  visitCampaign: '敲门行动',
} as const

export const GENDER_NAMES = { male: '男', female: '女' } as const

export const VIA_NAMES = { phone: '电话回访', visit: '上门回访' } as const

/** Statuses of a resident's household claim (居民自助注册后由网格员确认住户). */
export const HOUSEHOLD_CLAIM_STATUS_NAMES = { pending: '待确认', confirmed: '已确认', rejected: '未通过' } as const

/** The label of a code, or the code itself when a new value has no label yet (never a blank). */
export function labelOf<M extends Record<string, string>>(names: M, code: string | null | undefined, fallback = '—'): string {
  if (code === null || code === undefined || code === '') return fallback
  return (names as Record<string, string>)[code] ?? code
}

/** The label of a code that may be absent: null stays null (a response's `…Name` beside a nullable code). */
export function nameOf<M extends Record<string, string>>(names: M, code: string | null | undefined): string | null {
  return code === null || code === undefined || code === '' ? null : labelOf(names, code)
}

/** Status labels, typed for AppealStatus. */
export const statusName = (s: AppealStatus): string => STATUS_NAMES[s]

/** What an audit row is about (its entityType and its action's namespace), as the audit administrator reads it. */
export const AUDIT_ENTITY_NAMES: Readonly<Record<string, string>> = {
  auth: '登录',
  user: '账号',
  appeal: '诉求',
  supervision: '督办单',
  resident: '居民',
  household: '住户',
  householdGroup: '十联户',
  householdClaim: '认领住户',
  building: '楼栋',
  compound: '小区',
  grid: '网格',
  department: '职能部门',
  propertyCompany: '物业公司',
  partyMember: '党员',
  partyOrg: '党组织',
  unit: '单位',
  team: '队伍',
  registration: '双报到',
  partyUnit: '报到单位',
  unitRegistration: '单位报到',
  pointsEntry: '积分',
  pointsRule: '积分规则',
  honourBoard: '红黑榜',
  import: 'Excel 导入',
  pledge: '包保',
  pledgeContact: '包保公示电话',
  pledgeNotice: '楼栋公示',
  need: '需求清单',
  resource: '资源清单',
  project: '项目清单',
  wish: '微心愿',
  activity: '志愿活动',
  volunteerSignup: '活动报名',
  calendar: '工作日历',
  file: '文件',
  export: '导出',
  table: '报表',
  phoneCode: '短信验证码',
  audit: '审计日志',
  auditLog: '审计日志',
  partyStats: '党建引领统计',
  specialGroup: '特殊人群',
  // 走访 (visits)
  visit: '走访',
  visitRule: '走访频次',
  visitCampaign: '敲门行动',
  // 基层台账 (issue 13)
  person: '人员（实有人口）',
  rental: '出租房屋',
  room: '房屋',
  venue: '单位场所',
  ledgerMonthly: '台账月报',
  householdGroupList: '十联户名单',
  householdLeaderContact: '联户长电话公示'
}

/** The verbs of audit actions; an appeal's workflow actions are named by ACTION_NAMES. */
const AUDIT_VERB_NAMES: Readonly<Record<string, string>> = {
  login: '登录成功',
  loginFailed: '登录失败',
  logout: '退出登录',
  passwordChanged: '修改密码',
  passwordChangeFailed: '修改密码失败',
  mfaEnabled: '启用两步验证',
  mfaEnrolmentStarted: '开始绑定两步验证',
  mfaReset: '重置两步验证',
  create: '新建',
  update: '修改',
  remove: '删除',
  disable: '停用',
  enable: '启用',
  unlock: '解锁',
  resetPassword: '重置密码',
  export: '导出',
  unmasked: '导出完整信息',
  upload: '上传',
  expire: '过期清理',
  read: '查阅',
  reveal: '查看完整信息',
  signup: '注册',
  createFromQr: '扫码登记',
  urge: '催办',
  warning: '预警',
  open: '发起',
  archive: '归档',
  send: '发送',
  confirm: '确认',
  reject: '驳回',
  transfer: '转移',
  set: '设置',
  clear: '清除',
  confirmYear: '确认全年',
  provisionalNotice: '临时日历提示',
  retire: '撤销',
  submit: '提交',
  decline: '不予确认',
  answer: '回复',
  close: '办结',
  conclude: '结案说明',
  end: '协议期满',
  credit: '服务计分',
  award: '社区奖励',
  redeem: '积分兑换',
  reverse: '冲正',
  compute: '生成草稿',
  recompute: '重新计算',
  withdraw: '撤回',
  visit: '走访',
  endOnTransfer: '转出解除',
  // three lists and micro-wishes
  raise: '登记',
  offer: '登记资源',
  publish: '发布',
  include: '纳入项目',
  complete: '完成',
  detach: '退回待立项',
  claim: '认领',
  release: '放弃认领',
  start: '开始实施',
  progress: '报告进展',
  accept: '验收',
  returnForWork: '退回整改',
  cancel: '撤销',
  fulfil: '完成心愿',
  thank: '答谢评价',
  finish: '结束',
  commit: '确认导入',
  signUp: '报名',
  checkIn: '签到',
  checkOut: '签退',
  correctHours: '更正时长',
  addMember: '加入队员',
  removeMember: '移出队员',
}

/** An audit action in Chinese: 登录·登录成功, 诉求·网格收单, 账号·停用 …; the code itself when unknown. */
/** Where an entity's verb reads differently from the shared verb above. */
const AUDIT_ACTION_OVERRIDES: Readonly<Record<string, string>> = {
  'pledge.release': '包保·解除包保',
  'unitRegistration.withdraw': '单位报到·退出共建',
  'activity.start': '志愿活动·开始',
  'activity.cancel': '志愿活动·取消',
  'volunteerSignup.cancel': '活动报名·取消',
  'specialGroup.list': '特殊人群·查询列表',
  'specialGroup.readFull': '特殊人群·查看完整信息',
  'specialGroup.end': '特殊人群·解除',
  'visit.record': '走访·记录走访',
  'visitRule.set': '走访频次·设置',
  'visitCampaign.create': '敲门行动·发起',
  'visitCampaign.close': '敲门行动·结束',
  // 基层台账 (issue 13)
  'person.register': '人员·登记',
  'person.moveOut': '人员·迁出',
  'person.death': '人员·死亡登记',
  'person.transfer': '人员·户内/户间变动',
  'person.moveIn': '人员·迁回',
  'person.identity': '人员·查看完整证件号码和电话',
  'household.setHead': '住户·设置户主',
  'room.occupancy': '房屋·变更使用状态',
  'rental.create': '出租房屋·登记',
  'rental.end': '出租房屋·退租',
  'rental.addTenant': '出租房屋·登记租客',
  'rental.endTenant': '出租房屋·租客搬离',
  'venue.create': '单位场所·登记',
  'venue.close': '单位场所·停业/注销',
  'householdGroupList.read': '十联户名单·查看（含完整电话）',
  'householdLeaderContact.set': '联户长电话公示·设置'
}

export function auditActionName(action: string): string {
  const special = AUDIT_ACTION_OVERRIDES[action]
  if (special) return special
  const dot = action.indexOf('.')
  if (dot < 0) return AUDIT_ENTITY_NAMES[action] ?? action
  const ns = action.slice(0, dot)
  const verb = action.slice(dot + 1)
  // an appeal's own actions are the workflow's (诉求·网格收单); any other namespace uses the verbs above
  const appealVerb = ns === 'appeal' ? (ACTION_NAMES as Readonly<Record<string, string>>)[verb] : undefined
  const verbName = appealVerb ?? AUDIT_VERB_NAMES[verb]
  const nsName = AUDIT_ENTITY_NAMES[ns]
  return nsName && verbName ? `${nsName}·${verbName}` : action
}

/** 五大员: the posts an in-service member may volunteer for (双报到; contracts/registrations.ts re-exports them). */
export const POSTS = ['publicity', 'mediation', 'engineering', 'volunteer', 'civility'] as const
export type Post = (typeof POSTS)[number]
export const POST_NAMES: Record<Post, string> = {
  publicity: '宣传信息员',
  mediation: '矛盾调解员',
  engineering: '工程协管员',
  volunteer: '志愿服务员',
  civility: '文明引导员',
}
