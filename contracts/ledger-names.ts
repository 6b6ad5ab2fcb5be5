/**
 * The resident ledgers' closed lists and their Chinese names (issue 13), shared by server, console and phone pages.
 * Plain data, no schema library (the phone bundle imports it). The national code sets are in gb-codes.ts.
 */

/** 人口类型 */
export const RESIDENCE_TYPE_NAMES = { registered: '户籍人口', floating: '流动人口', overseas: '境外人员' } as const
export type ResidenceType = keyof typeof RESIDENCE_TYPE_NAMES

export const ID_TYPE_NAMES = { idCard: '居民身份证', passport: '护照', other: '其他证件' } as const
export type IdType = keyof typeof ID_TYPE_NAMES

/** a person's state in the register */
export const PERSON_STATUS_NAMES = { present: '在住', movedOut: '已迁出', deceased: '已死亡' } as const
export type PersonStatus = keyof typeof PERSON_STATUS_NAMES

/** why a stay at an address began / ended (residence_history) */
export const STAY_START_NAMES = { initial: '登记', moveIn: '迁入', birth: '出生', import: '台账导入', transfer: '户内变动' } as const
export const STAY_END_NAMES = { moveOut: '迁出', death: '死亡', transfer: '变动' } as const

/** 实有房屋 use */
export const OCCUPANCY_NAMES = { owner: '自住', rented: '出租', vacant: '空置', other: '其他' } as const
export type Occupancy = keyof typeof OCCUPANCY_NAMES

export const RENTAL_PURPOSE_NAMES = { residence: '居住', business: '经营', mixed: '居住兼经营', dormitory: '集体宿舍' } as const
export const RENTAL_STATUS_NAMES = { active: '在租', ended: '已退租' } as const

/** 单位场所 */
export const VENUE_KIND_NAMES = {
  shop: '商铺',
  restaurant: '餐饮',
  smallVenue: '九小场所',
  enterprise: '企业',
  institution: '机关事业单位',
  other: '其他',
} as const
export type VenueKind = keyof typeof VENUE_KIND_NAMES

/** 九小场所 */
export const SMALL_VENUE_TYPE_NAMES = {
  store: '小商店',
  eatery: '小餐饮',
  hotel: '小旅馆',
  entertainment: '小歌舞娱乐场所',
  internetCafe: '小网吧',
  beauty: '小美容洗浴场所',
  school: '小学校或幼儿园',
  clinic: '小医院',
  workshop: '小生产加工企业',
} as const
export type SmallVenueType = keyof typeof SMALL_VENUE_TYPE_NAMES

/** 重点单位 flags */
export const KEY_TYPE_NAMES = { safety: '安全生产重点', fire: '消防重点', security: '治安重点' } as const
export type KeyType = keyof typeof KEY_TYPE_NAMES

export const VENUE_STATUS_NAMES = { open: '在营', closed: '停业/注销' } as const

/** 特殊人群: care groups (关爱服务) */
export const CARE_GROUP_NAMES = {
  elderlyAlone: '独居老人',
  advancedAge: '高龄老人',
  minimumLiving: '低保对象',
  extremePoverty: '特困人员',
  disabled: '残疾人',
  veteran: '退役军人/优抚对象',
  leftBehindChild: '留守儿童',
} as const
/** 特殊人群: managed groups (服务管理) — visible only to the roles that work with them */
export const MANAGED_GROUP_NAMES = {
  communityCorrection: '社区矫正对象',
  released: '刑满释放人员',
  severeMental: '严重精神障碍患者',
  drugUser: '吸毒人员',
  keyYouth: '重点青少年',
} as const
export const SPECIAL_GROUP_NAMES = { ...CARE_GROUP_NAMES, ...MANAGED_GROUP_NAMES } as const
export type CareGroupKind = keyof typeof CARE_GROUP_NAMES
export type ManagedGroupKind = keyof typeof MANAGED_GROUP_NAMES
export type SpecialGroupKind = keyof typeof SPECIAL_GROUP_NAMES
export const SPECIAL_GROUP_KINDS = Object.keys(SPECIAL_GROUP_NAMES) as SpecialGroupKind[]
export const specialGroupCategory = (kind: SpecialGroupKind): 'care' | 'managed' => (kind in MANAGED_GROUP_NAMES ? 'managed' : 'care')
export const SPECIAL_GROUP_CATEGORY_NAMES = { care: '关爱服务对象', managed: '服务管理对象' } as const
export const SPECIAL_GROUP_LEVEL_NAMES = { normal: '一般', attention: '关注', key: '重点' } as const
export const SPECIAL_GROUP_STATUS_NAMES = { active: '在册', ended: '已解除' } as const

/** 走访: what a visit rule / campaign lists — a special group kind, rental housing, key venues, or every household */
export const VISIT_SUBJECT_KIND_NAMES = { ...SPECIAL_GROUP_NAMES, rental: '出租房屋', keyVenue: '重点单位场所', household: '全部住户' } as const
export type VisitSubjectKind = keyof typeof VISIT_SUBJECT_KIND_NAMES
export const VISIT_SUBJECT_TYPE_NAMES = { resident: '人员', household: '住户', rental: '出租房屋', venue: '单位场所' } as const
export const VISIT_METHOD_NAMES = { door: '入户走访', phone: '电话联系', video: '视频联系', outside: '户外见面' } as const
export const VISIT_OUTCOME_NAMES = { normal: '一切正常', problem: '发现问题', absent: '未见到人' } as const
export const CAMPAIGN_STATUS_NAMES = { active: '进行中', closed: '已结束' } as const

// ---- 特殊人群: the kinds' details (special-groups module; contracts/special-groups.ts holds their schemas) ----

/** The closed value lists of the kinds' details (Chinese as people write them on their sheets). */
export const DISABILITY_GRADES = ['一级', '二级', '三级', '四级'] as const
export const DISABILITY_TYPES = ['视力', '听力', '言语', '肢体', '智力', '精神', '多重'] as const
export const VETERAN_TYPES = ['退役士兵', '伤残军人', '烈属', '因公牺牲军人遗属', '病故军人遗属', '现役军人家属', '其他优抚对象'] as const
export const CORRECTION_TYPES = ['管制', '缓刑', '假释', '暂予监外执行'] as const
export const DRUG_USER_STATUSES = ['社区戒毒', '社区康复', '强制隔离戒毒', '戒断三年未复吸', '其他'] as const
export const KEY_YOUTH_TYPES = ['闲散青少年', '不良行为青少年', '流浪乞讨未成年人', '服刑在教人员未成年子女', '农村留守儿童', '其他'] as const

/** What a masked read shows instead of a sensitive field. */
export const REGISTERED_MARK = '已登记'

/** The Chinese names of the details' fields (drawer, export, import columns). */
export const SPECIAL_GROUP_DETAIL_NAMES: Record<string, string> = {
  emergencyContactName: '紧急联系人',
  emergencyContactPhone: '紧急联系人电话',
  certificateNo: '证件编号',
  memberCount: '保障人数',
  grade: '残疾等级',
  type: '类型',
  guardianName: '监护人',
  guardianRelation: '监护人关系',
  guardianPhone: '监护人电话',
  parentsWorkplace: '父母务工地',
  correctionType: '矫正类别',
  termStart: '矫正起始',
  termEnd: '矫正结束',
  crime: '罪名',
  releasedOn: '释放日期',
  resettled: '已安置',
  riskLevel: '危险性等级',
  status: '状态',
}

/** The details in words, as the drawer and the export show them: 残疾等级：二级；类型：肢体 */
export function detailsInWords(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${SPECIAL_GROUP_DETAIL_NAMES[k] ?? k}：${typeof v === 'boolean' ? (v ? '是' : '否') : String(v)}`)
    .join('；')
}

/**
 * Tags a resident record must never carry: a free tag naming a managed group (社区矫正 …) would show it to every
 * reader of the people register. The people register should refuse them on input and drop them on output.
 */
export const MANAGED_GROUP_TAGS: readonly string[] = [...Object.values(MANAGED_GROUP_NAMES), '社区矫正', '刑满释放', '严重精神障碍', '精神障碍', '吸毒', '重点青少年', '安置帮教']
/** The first tag that names a managed group (refused on input: record it in 特殊人群), or undefined. */
export const managedGroupTagIn = (tags: readonly string[] | null | undefined): string | undefined =>
  tags?.find((t) => MANAGED_GROUP_TAGS.includes(t.trim()))
/** Tags as any reader of the people register may see them: never a managed group's name (older data may hold one). */
export const openTags = (tags: readonly string[]): string[] => tags.filter((t) => !MANAGED_GROUP_TAGS.includes(t.trim()))
/** 走访清单 states of an item: overdue 逾期 (past its due day) · due 待访 (due within 3 days) · ok 正常 */
export const VISIT_DUE_STATE_NAMES = { overdue: '逾期', due: '待访', ok: '正常' } as const
