import { describe, expect, it } from 'vitest'
import { GB_EDUCATION, GB_ETHNICITY, GB_MARITAL, GB_POLITICAL, GB_RELATION, GB_SEX } from './gb-codes'

describe('national code sets', () => {
  it('hold the published number of codes, each once', () => {
    const sizes = [GB_SEX, GB_MARITAL, GB_ETHNICITY, GB_POLITICAL, GB_EDUCATION, GB_RELATION].map((s) => s.items.length)
    expect(sizes).toEqual([4, 8, 58, 13, 40, 84])
    for (const s of [GB_SEX, GB_MARITAL, GB_ETHNICITY, GB_POLITICAL, GB_EDUCATION, GB_RELATION]) {
      expect(new Set(s.items.map((i) => i.code)).size).toBe(s.items.length)
      expect(new Set(s.items.map((i) => i.name)).size).toBe(s.items.length)
    }
  })

  it('name the codes a register officer knows by heart', () => {
    expect(GB_SEX.name('1')).toBe('男性')
    expect(GB_SEX.name('2')).toBe('女性')
    expect(GB_MARITAL.name('20')).toBe('已婚')
    expect(GB_MARITAL.name('30')).toBe('丧偶')
    expect(GB_ETHNICITY.name('01')).toBe('汉族')
    expect(GB_ETHNICITY.name('06')).toBe('苗族')
    expect(GB_ETHNICITY.name('09')).toBe('布依族')
    expect(GB_ETHNICITY.name('56')).toBe('基诺族')
    expect(GB_POLITICAL.name('01')).toBe('中国共产党党员')
    expect(GB_POLITICAL.name('13')).toBe('群众')
    expect(GB_EDUCATION.name('21')).toBe('大学本科毕业')
    expect(GB_EDUCATION.name('71')).toBe('初中毕业')
    expect(GB_RELATION.name('02')).toBe('户主')
    expect(GB_RELATION.name('10')).toBe('配偶')
    expect(GB_RELATION.name('99')).toBe('非亲属')
  })

  it('find a code from its name as typed in a sheet, and nothing from a name that is not in the standard', () => {
    expect(GB_ETHNICITY.find('苗族')).toBe('06')
    expect(GB_ETHNICITY.find('０６')).toBe('06')
    expect(GB_ETHNICITY.find('苗')).toBeUndefined()
    expect(GB_POLITICAL.find('群众')).toBe('13')
    expect(GB_RELATION.find('户主')).toBe('02')
    expect(GB_EDUCATION.find('35')).toBeUndefined()
  })
})
