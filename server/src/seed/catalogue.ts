/** The seeded 大类/小类 catalogue for community life, with default importance and urgency. */
import type { CategoryLimits, Importance, Urgency } from '#contracts/appeals'

interface Sub {
  code: string
  name: string
  /** false keeps it off the public board */
  isPublic?: boolean
  importance?: Importance
  urgency?: Urgency
  limits?: CategoryLimits
  /** its photos keep where they were taken: the place is the evidence (违章搭建, 占道经营, 井盖) */
  keepPhotoLocation?: boolean
}
interface Top {
  code: string
  name: string
  importance?: Importance
  urgency?: Urgency
  children: Sub[]
}

export const CATALOGUE: Top[] = [
  {
    code: 'property',
    name: '物业服务',
    children: [
      { code: 'property.service', name: '物业服务质量' },
      { code: 'property.fee', name: '物业收费' },
      { code: 'property.facility', name: '公共设施维修' },
      { code: 'property.security', name: '小区安保门禁' },
    ],
  },
  {
    code: 'elevator',
    name: '电梯',
    importance: 'high',
    children: [
      { code: 'elevator.fault', name: '电梯故障停运', importance: 'high' },
      { code: 'elevator.trapped', name: '电梯困人', importance: 'high', urgency: 'urgent' },
      { code: 'elevator.maintenance', name: '电梯维保与年检' },
    ],
  },
  {
    code: 'parking',
    name: '停车',
    children: [
      { code: 'parking.shortage', name: '停车难' },
      { code: 'parking.illegal', name: '乱停乱放' },
      { code: 'parking.firelane', name: '占用消防通道', importance: 'high', urgency: 'urgent' },
    ],
  },
  {
    code: 'ebike',
    name: '电瓶车充电',
    importance: 'high',
    children: [
      { code: 'ebike.indoor', name: '楼道或入户充电', importance: 'high', urgency: 'urgent' },
      { code: 'ebike.facility', name: '充电设施不足' },
    ],
  },
  {
    code: 'sanitation',
    name: '环境卫生',
    children: [
      { code: 'sanitation.garbage', name: '垃圾清运' },
      { code: 'sanitation.sewage', name: '污水与化粪池', importance: 'high' },
      { code: 'sanitation.greening', name: '绿化养护' },
      { code: 'sanitation.pests', name: '病媒消杀' },
    ],
  },
  {
    code: 'noise',
    name: '噪音扰民',
    children: [
      { code: 'noise.construction', name: '施工噪音' },
      { code: 'noise.business', name: '商铺噪音' },
      { code: 'noise.neighbour', name: '邻里噪音' },
    ],
  },
  {
    code: 'dispute',
    name: '矛盾纠纷',
    importance: 'high',
    children: [
      { code: 'dispute.neighbour', name: '邻里纠纷', importance: 'high' },
      { code: 'dispute.family', isPublic: false, name: '婚姻家庭纠纷', importance: 'high' },
      { code: 'dispute.property', name: '物业纠纷' },
      { code: 'dispute.wage', name: '劳资纠纷', importance: 'high' },
    ],
  },
  {
    code: 'construction',
    name: '违章搭建',
    children: [
      { code: 'construction.illegal', name: '违章搭建', keepPhotoLocation: true },
      { code: 'construction.occupy', name: '占道经营', keepPhotoLocation: true },
      { code: 'construction.nonresidential', name: '非商品用房经营' },
    ],
  },
  {
    code: 'utility',
    name: '供水供电供气',
    children: [
      { code: 'utility.water', name: '停水与水压' },
      { code: 'utility.power', name: '停电与线路', importance: 'high' },
      { code: 'utility.gas', name: '燃气泄漏', importance: 'high', urgency: 'urgent', limits: { response: { amount: 15, unit: 'minutes' } } },
    ],
  },
  {
    code: 'care',
    name: '养老助残',
    children: [
      { code: 'care.alone', isPublic: false, name: '独居老人关怀', importance: 'high' },
      { code: 'care.disabled', isPublic: false, name: '残疾人帮扶' },
      { code: 'care.homecare', name: '居家养老服务' },
    ],
  },
  {
    code: 'employment',
    name: '就业创业',
    children: [
      { code: 'employment.job', name: '求职登记' },
      { code: 'employment.training', name: '技能培训' },
    ],
  },
  {
    code: 'policy',
    name: '政策咨询',
    children: [
      { code: 'policy.insurance', name: '社保医保' },
      { code: 'policy.assistance', isPublic: false, name: '低保与救助' },
      { code: 'policy.housing', name: '住房政策' },
      { code: 'policy.certificate', name: '证明办理' },
    ],
  },
  {
    code: 'safety',
    name: '安全隐患',
    importance: 'high',
    children: [
      { code: 'safety.fire', name: '消防隐患', importance: 'high', urgency: 'urgent' },
      { code: 'safety.house', name: '房屋安全', importance: 'high' },
      { code: 'safety.road', name: '道路与井盖', keepPhotoLocation: true },
    ],
  },
  {
    code: 'other',
    name: '其他',
    children: [
      { code: 'other.suggestion', name: '意见建议' },
      { code: 'other.misc', name: '其他事项' },
    ],
  },
]

export function catalogueRows() {
  const rows: {
    code: string
    parentCode: string | null
    name: string
    importance: Importance
    urgency: Urgency
    limits: CategoryLimits | null
    sort: number
    isPublic: boolean
    keepPhotoLocation: boolean
  }[] = []
  CATALOGUE.forEach((top, i) => {
    rows.push({
      code: top.code,
      parentCode: null,
      name: top.name,
      importance: top.importance ?? 'normal',
      urgency: top.urgency ?? 'normal',
      limits: null,
      sort: i * 100,
      isPublic: true,
      keepPhotoLocation: false,
    })
    top.children.forEach((c, j) =>
      rows.push({
        code: c.code,
        parentCode: top.code,
        name: c.name,
        importance: c.importance ?? 'normal',
        urgency: c.urgency ?? 'normal',
        limits: c.limits ?? null,
        sort: i * 100 + j + 1,
        isPublic: c.isPublic ?? true,
        keepPhotoLocation: c.keepPhotoLocation ?? false,
      }),
    )
  })
  return rows
}

/** County departments a street can whistle in (街道吹哨、部门报到). */
export const DEPARTMENTS: { suffix: string; name: string }[] = [
  { suffix: 'zjj', name: '住房和城乡建设局' },
  { suffix: 'zrzyj', name: '自然资源局' },
  { suffix: 'nyncj', name: '农业农村局' },
  { suffix: 'mzj', name: '民政局' },
  { suffix: 'gaj', name: '公安局' },
  { suffix: 'scjgj', name: '市场监督管理局' },
  { suffix: 'zhzfj', name: '综合行政执法局' },
  { suffix: 'wjj', name: '卫生健康局' },
  { suffix: 'rsj', name: '人力资源和社会保障局' },
  { suffix: 'sthj', name: '生态环境分局' },
  { suffix: 'yjj', name: '应急管理局' },
  { suffix: 'swj', name: '水务局' },
]
