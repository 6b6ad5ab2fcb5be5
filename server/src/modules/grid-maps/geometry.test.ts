import { describe, expect, it } from 'vitest'
import { area, centroid, contains, countyOutline, partition } from './geometry'

describe('demo boundaries', () => {
  const county = countyOutline([105.77, 26.06], '520423')

  it('partition a parent into cells that fill it without overlapping', () => {
    const cells = partition(county, 12, 'streets')
    expect(cells).toHaveLength(12)
    const total = cells.reduce((s, c) => s + Math.abs(area(c)), 0)
    expect(total).toBeCloseTo(Math.abs(area(county)), 9)
    // every cell's centre lies in that cell only
    for (const [i, c] of cells.entries()) {
      const p = centroid(c)
      cells.forEach((o, j) => expect(contains(o, p)).toBe(i === j))
    }
  })

  it('are the same for the same codes', () => {
    expect(partition(county, 7, '520423002013')).toEqual(partition(county, 7, '520423002013'))
    expect(partition(county, 7, '520423002013')).not.toEqual(partition(county, 7, '520423002014'))
  })

  it('number the cells north to south, then west to east', () => {
    const cells = partition(county, 4, 'order')
    const ys = cells.map((c) => centroid(c)[1])
    expect(ys[0]!).toBeGreaterThan(ys[3]!)
  })
})
