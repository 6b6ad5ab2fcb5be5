import { describe, expect, it } from 'vitest'
import { publicSummaryOf, scrubPublicText } from './scrub'

describe('the public board never shows who, how to reach them, or which door', () => {
  it.each([
    ['phones', '请联系13812345678或138 1234 5678、138-1234-5678，座机0851-36221234', '请联系***或***，座机***'],
    ['ID numbers', '身份证520423198001019913，旧证520423800101991', '身份证***，旧证***'],
    ['rooms', '龙城印象1栋2单元301漏水，隔壁2单元302室和3-2-301也受影响，楼上402房没人', '龙城印象某户漏水，隔壁某户和某户也受影响，楼上某户没人'],
    ['how neighbours call a person', '张大爷家门口堆满杂物，王女士反映', '居民家门口堆满杂物，居民反映'],
  ])('%s', (_kind, text, expected) => {
    expect(scrubPublicText(text)).toBe(expected)
  })

  it('the names of the people on the appeal, whole and before any part of them', () => {
    expect(scrubPublicText('何桂芳反映何桂芳母亲何秀英独居，请何桂芳的邻居帮忙', ['何桂芳', '何秀英'])).toBe('居民反映居民母亲居民独居，请居民的邻居帮忙')
  })

  it('keeps what was asked and what was done, in one line, with digits that are not personal', () => {
    expect(publicSummaryOf('3栋电梯停运', '已联系维保单位更换控制板，2小时修复。', ['何桂芳'])).toBe('3栋电梯停运。处理结果：已联系维保单位更换控制板，2小时修复')
    expect(publicSummaryOf('电梯坏了  ', null)).toBe('电梯坏了')
    expect(publicSummaryOf('很长'.repeat(80), '好').length).toBe(120)
  })
})
