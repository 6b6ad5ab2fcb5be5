/** Name material for demo people (not real people). Surnames common in Guizhou, Buyi and Miao included. */
export const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '罗', '韦', '伍', '蒙', '岑', '龙', '石', '潘',
  '卢', '班', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '谢', '宋', '唐', '许', '邓', '冯', '韩',
  '曹', '彭', '曾', '肖', '田', '董', '袁', '蒋', '蔡', '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '任',
] as const

export const GIVEN_MALE = [
  '伟', '强', '磊', '军', '勇', '杰', '涛', '明', '超', '华', '建国', '志强', '国华', '文斌', '永刚', '德明',
  '正华', '开林', '昌荣', '光明', '海波', '家兴', '世军', '俊', '鹏', '浩然', '宇航', '子豪', '天佑', '兴旺',
] as const

export const GIVEN_FEMALE = [
  '芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '秀英', '桂芳', '玉兰', '春梅', '小红', '晓燕', '海燕',
  '丽华', '金凤', '慧', '婷', '雪', '欣怡', '梓涵', '雨萱', '佳琪', '思颖', '美玲', '凤仙', '兰英', '翠花', '巧云',
] as const

export const WORK_UNITS = [
  '镇宁自治县人民检察院', '镇宁自治县住房和城乡建设局', '镇宁自治县民政局', '镇宁自治县教育局',
  '镇宁自治县卫生健康局', '镇宁自治县人民医院', '镇宁自治县第一中学', '镇宁自治县税务局',
  '镇宁自治县市场监督管理局', '镇宁自治县供电局', '镇宁自治县农村信用合作联社', '镇宁自治县自然资源局',
] as const

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九']

/** 1 → 一, 12 → 十二, 27 → 二十七 (up to 99; larger numbers stay Arabic). */
export function chineseNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n]!
  if (n < 20) return `十${n % 10 ? CN_DIGITS[n % 10] : ''}`
  if (n < 100) return `${CN_DIGITS[Math.floor(n / 10)]}十${n % 10 ? CN_DIGITS[n % 10] : ''}`
  return String(n)
}
