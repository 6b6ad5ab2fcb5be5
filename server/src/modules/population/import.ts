/**
 * 人口台账导入 (register `people`): a community, street or county keeper imports its people register (实有人口:
 * 户籍 / 流动 / 境外) through the shared Excel pipeline (core/excel). Each row is a person with the GB/T 31000
 * fields and their national code sets (dropdowns in the template), an ID number checked with GB 11643 (a
 * passport or other document by its own shape), and the room they live in — 小区 + 楼栋 + 单元 + 室, resolved to a
 * household of a building under the importer's place. The natural key is the ID number's blind index.
 *
 * Publishing is ONE set-based statement over the staged rows (import-queries.ts publishStagedPeople): a
 * known person is updated where the sheet differs (a blank optional cell keeps what is stored), a new one is
 * inserted with an open stay in residence_history, a person whose room changed moves (stay closed, new one
 * opened). Re-importing the same sheet changes nothing.
 */
import { GB_EDUCATION, GB_ETHNICITY, GB_MARITAL, GB_POLITICAL, GB_RELATION, GB_SEX, type CodeSet } from '#contracts/gb-codes'
import type { ImportCounts } from '#contracts/imports'
import { ID_TYPE_NAMES, managedGroupTagIn, RESIDENCE_TYPE_NAMES } from '#contracts/ledger-names'
import type { Ctx } from '../../context'
import { defineImporter, type ImportOption, type ImportValues, type RowProblem, type StagedProblem } from '../../core/excel/index'
import type { Db } from '../../db/client'
import { isValidIdNumber, normalizeIdNumber } from '../../lib/id-number'
import { maskIdNumber, maskPhone } from '../../lib/pii'
import { shanghaiDate } from '../../lib/time'
import { authorize } from '../../permissions'
import { findStagedConflicts, listScopeRooms, publishStagedPeople, type ScopeRoom } from './import-queries'

type IdType = keyof typeof ID_TYPE_NAMES
type ResidenceType = keyof typeof RESIDENCE_TYPE_NAMES

/** A checked row as staged in import_row: personal data encrypted, with the blind indexes publishing matches on. */
export interface StagedPerson {
  name: string
  idType: IdType
  idIdx: string
  idEnc: string
  idMasked: string
  gender: 'male' | 'female' | null
  birthDate: string | null
  phoneEnc: string | null
  phoneIdx: string | null
  phoneMasked: string | null
  ethnicity: string | null
  politicalStatus: string | null
  education: string | null
  maritalStatus: string | null
  relationCode: string | null
  /** the register's older coarse relation (householder · spouse · child · parent · other), from relationCode */
  relation: string | null
  residenceType: ResidenceType
  nationality: string
  hukouAddress: string | null
  sameAsHukou: boolean | null
  occupation: string | null
  workplace: string | null
  tags: string[] | null
  householdId: number
  gridCode: string
  address: string
}

/** The rooms under the importer's place, by building and room (normalised). */
interface Rooms {
  byBuildingRoom: Map<string, ScopeRoom[]>
}

const gbOptions = (set: CodeSet, also: Record<string, string[]> = {}): ImportOption[] =>
  set.items.map((i) => ({ value: i.code, label: i.name, ...(also[i.code] ? { also: also[i.code] } : {}) }))

/** 民族 may be typed without 族 (汉 for 汉族). */
const ethnicityAlso = Object.fromEntries(GB_ETHNICITY.items.filter((i) => i.name.endsWith('族')).map((i) => [i.code, [i.name.slice(0, -1)]]))

/** A few countries by their Chinese name (国籍 is stored as ISO 3166-1 alpha-3; any three letters are taken as typed). */
const COUNTRIES: Record<string, string> = {
  中国: 'CHN',
  缅甸: 'MMR',
  越南: 'VNM',
  老挝: 'LAO',
  泰国: 'THA',
  柬埔寨: 'KHM',
  马来西亚: 'MYS',
  新加坡: 'SGP',
  印度尼西亚: 'IDN',
  菲律宾: 'PHL',
  印度: 'IND',
  巴基斯坦: 'PAK',
  日本: 'JPN',
  韩国: 'KOR',
  朝鲜: 'PRK',
  蒙古: 'MNG',
  俄罗斯: 'RUS',
  美国: 'USA',
  加拿大: 'CAN',
  英国: 'GBR',
  法国: 'FRA',
  德国: 'DEU',
  意大利: 'ITA',
  澳大利亚: 'AUS',
  新西兰: 'NZL',
}

const squash = (s: string) => s.normalize('NFKC').replace(/\s/g, '').toLowerCase()
const normBuilding = (s: string) => squash(s).replace(/(号楼|栋|幢|座)$/, '')
const normUnit = (s: string) => squash(s).replace(/单元$/, '')
const normRoom = (s: string) => squash(s).replace(/[室号]$/, '')
const roomKey = (b: string, r: string) => `${normBuilding(b)}|${normRoom(r)}`

/** A room as written, split into its unit and its number: 1单元302 → {unit: '1', room: '302'}. */
function splitRoom(room: string, unit: string | null): { unit: string | null; room: string } {
  const r = squash(room)
  if (unit !== null) {
    const u = normUnit(unit)
    const prefix = `${u}单元`
    return { unit: u, room: r.startsWith(prefix) ? r.slice(prefix.length) : r }
  }
  const m = /^(.+?)单元(.+)$/.exec(r)
  return m ? { unit: normUnit(m[1]!), room: m[2]! } : { unit: null, room: r }
}

/** GB/T 4761 → the coarse relation older pages show. */
function coarseRelation(code: string | null): string | null {
  if (!code) return null
  if (code === '01' || code === '02') return 'householder'
  if (code.startsWith('1')) return 'spouse'
  if (code.startsWith('2') || code.startsWith('3')) return 'child'
  if (code.startsWith('5')) return 'parent'
  return 'other'
}

const text = (v: ImportValues[string] | undefined) => (v === null || v === undefined ? null : String(v))

export const peopleImporter = defineImporter<Rooms, StagedPerson>({
  register: 'people',
  title: '人口台账',
  columns: [
    { key: 'name', header: '姓名', required: true, type: 'text', maxLength: 50, aliases: ['居民姓名'] },
    {
      key: 'idType',
      header: '证件类型',
      type: 'code',
      options: (Object.keys(ID_TYPE_NAMES) as IdType[]).map((k) => ({ value: k, label: ID_TYPE_NAMES[k], ...(k === 'idCard' ? { also: ['身份证'] } : {}) })),
      note: '不填为居民身份证',
      width: 14,
    },
    {
      key: 'idNumber',
      header: '证件号码',
      required: true,
      type: 'text',
      maxLength: 30,
      mask: 'idNumber',
      aliases: ['身份证号', '身份证号码', '公民身份号码', '证件号'],
      note: '居民身份证为 18 位（按文本填写，最后一位可以是 X，须通过 GB 11643 校验）；护照等填写证件上的号码',
      width: 22,
    },
    { key: 'gender', header: '性别', type: 'code', options: gbOptions(GB_SEX, { '1': ['男'], '2': ['女'] }), note: '可不填（按身份证号自动确定）；填写时须与身份证号一致', width: 12 },
    { key: 'birthDate', header: '出生日期', type: 'date', note: '可不填（按身份证号自动确定）；填写时须与身份证号一致，例如 1985-03-12' },
    { key: 'ethnicity', header: '民族', type: 'code', options: gbOptions(GB_ETHNICITY, ethnicityAlso), note: 'GB/T 3304，从下拉列表中选择' },
    { key: 'politicalStatus', header: '政治面貌', type: 'code', options: gbOptions(GB_POLITICAL, { '01': ['党员', '中共党员'], '02': ['预备党员'], '03': ['团员', '共青团员'] }), note: 'GB/T 4762，从下拉列表中选择', width: 18 },
    { key: 'education', header: '学历', type: 'code', options: gbOptions(GB_EDUCATION), note: 'GB/T 4658，从下拉列表中选择', aliases: ['文化程度'], width: 16 },
    { key: 'maritalStatus', header: '婚姻状况', type: 'code', options: gbOptions(GB_MARITAL), note: 'GB/T 2261.2，从下拉列表中选择' },
    { key: 'relationCode', header: '与户主关系', type: 'code', options: gbOptions(GB_RELATION), note: 'GB/T 4761，从下拉列表中选择', width: 16 },
    {
      key: 'residenceType',
      header: '人口类型',
      type: 'code',
      options: [
        { value: 'registered', label: '户籍', also: [RESIDENCE_TYPE_NAMES.registered] },
        { value: 'floating', label: '流动', also: [RESIDENCE_TYPE_NAMES.floating] },
        { value: 'overseas', label: '境外', also: [RESIDENCE_TYPE_NAMES.overseas, '境外人口'] },
      ],
      note: '户籍 / 流动 / 境外，不填为户籍',
    },
    { key: 'nationality', header: '国籍', type: 'text', maxLength: 20, note: '境外人员必填：国家名称（如 缅甸）或三位字母代码（如 MMR）' },
    { key: 'hukouAddress', header: '户籍地址', type: 'text', maxLength: 200, aliases: ['户籍地', '户籍地详址'], width: 28 },
    { key: 'sameAsHukou', header: '人户一致', type: 'code', options: [{ value: 'yes', label: '是' }, { value: 'no', label: '否' }], note: '是 / 否' },
    { key: 'phone', header: '联系电话', type: 'phone', aliases: ['手机号', '手机', '电话'], width: 16 },
    { key: 'compound', header: '小区', type: 'text', maxLength: 100, note: '现住址所在小区（同名楼栋在多个小区时必填）', width: 16 },
    { key: 'building', header: '楼栋', required: true, type: 'text', maxLength: 100, aliases: ['楼号', '楼栋号'], note: '现住址的楼栋名称，须是本辖区已登记的楼栋（如 3栋）' },
    { key: 'unit', header: '单元', type: 'text', maxLength: 50, aliases: ['单元号'], note: '如 1单元；楼栋不分单元时不填' },
    { key: 'room', header: '室', required: true, type: 'text', maxLength: 50, aliases: ['房号', '门牌号', '室号'], note: '房间号，如 302' },
    { key: 'occupation', header: '职业', type: 'text', maxLength: 100 },
    { key: 'workplace', header: '工作单位', type: 'text', maxLength: 200, aliases: ['服务处所', '工作单位（学校）'], width: 24 },
    { key: 'tags', header: '标签', type: 'text', maxLength: 200, note: '多个标签用顿号（、）分隔，如 独居老人、退役军人', width: 20 },
  ],

  // the people register is kept by the community, street and county accounts (registry policy)
  authorize: (actor) => authorize(actor, 'registry.keep'),

  async prepare(ctx) {
    const rooms = await listScopeRooms(ctx.db, ctx.actor.placeCode ?? '-')
    const byBuildingRoom = new Map<string, ScopeRoom[]>()
    for (const r of rooms) {
      if (r.room === null) continue
      const split = splitRoom(r.room, r.unitName)
      const k = roomKey(r.buildingName, split.room)
      r.unitName = split.unit
      const list = byBuildingRoom.get(k)
      if (list) list.push(r)
      else byBuildingRoom.set(k, [r])
    }
    return { byBuildingRoom }
  },

  check(ctx, v, ref) {
    const problems: RowProblem[] = []
    const idType = (text(v.idType) ?? 'idCard') as IdType
    const raw = String(v.idNumber)
    let idNumber: string
    let gender: 'male' | 'female' | null = v.gender === '1' ? 'male' : v.gender === '2' ? 'female' : null
    let birthDate = text(v.birthDate)
    if (idType === 'idCard') {
      idNumber = normalizeIdNumber(raw)
      if (!/^[0-9]{17}[0-9X]$/.test(idNumber)) problems.push({ column: 'idNumber', message: '居民身份证号应为 18 位（最后一位可以是 X）；Excel 若把它存成了数字，后几位会丢失，请设为文本格式后重新填写' })
      else if (!isValidIdNumber(idNumber)) {
        const y = Number(idNumber.slice(6, 10))
        const m = Number(idNumber.slice(10, 12))
        const d = Number(idNumber.slice(12, 14))
        const t = new Date(Date.UTC(y, m - 1, d))
        const birthOk = t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d
        problems.push({ column: 'idNumber', message: birthOk ? '证件号码校验位不正确，请核对（GB 11643）' : '证件号码中的出生日期不正确' })
      } else {
        const fromId = Number(idNumber[16]) % 2 === 1 ? 'male' : 'female'
        if (v.gender !== null && gender !== fromId) problems.push({ column: 'gender', message: `性别与证件号码不一致（证件号码表示${fromId === 'male' ? '男性' : '女性'}）` })
        gender = fromId
        const birth = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`
        if (birthDate !== null && birthDate !== birth) problems.push({ column: 'birthDate', message: `出生日期与证件号码不一致（证件号码中为 ${birth}）` })
        birthDate = birth
      }
    } else {
      idNumber = raw.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase()
      if (!/^[A-Z0-9]{5,20}$/.test(idNumber)) problems.push({ column: 'idNumber', message: `${ID_TYPE_NAMES[idType]}号码应为 5 到 20 位字母或数字` })
    }
    const residenceType = (text(v.residenceType) ?? 'registered') as ResidenceType
    let nationality = 'CHN'
    const country = text(v.nationality)
    if (country !== null) {
      const t = country.normalize('NFKC').trim()
      const code = COUNTRIES[t] ?? (/^[A-Za-z]{3}$/.test(t) ? t.toUpperCase() : undefined)
      if (!code) problems.push({ column: 'nationality', message: `国籍「${country}」无法识别，请填写国家名称（如 缅甸）或三位字母代码（如 MMR）` })
      else nationality = code
    } else if (residenceType === 'overseas') problems.push({ column: 'nationality', message: '境外人员须填写国籍' })
    if (residenceType === 'overseas' && nationality === 'CHN' && country !== null) problems.push({ column: 'nationality', message: '境外人员的国籍不能是中国' })

    // 现住址: a room of a building under the importer's place
    const typed = [text(v.compound), String(v.building), text(v.unit), String(v.room)].filter((x): x is string => x !== null)
    const at = splitRoom(String(v.room), text(v.unit))
    let found = ref.byBuildingRoom.get(roomKey(String(v.building), at.room)) ?? []
    if (at.unit !== null) found = found.filter((r) => r.unitName === at.unit)
    if (text(v.compound) !== null) found = found.filter((r) => r.compoundName !== null && squash(r.compoundName) === squash(String(v.compound)))
    if (found.length === 0) problems.push({ column: 'building', message: `地址不存在：${typed.join(' ')}（须是本辖区已登记楼栋的房间）` })
    else if (found.length > 1) problems.push({ column: 'building', message: `地址不明确：${typed.join(' ')} 有 ${found.length} 处，请填写小区和单元` })
    if (problems.length) return { problems }

    const pii = ctx.deps.pii
    const phone = text(v.phone)
    const room = found[0]!
    const tags = text(v.tags)
    const tagList = tags === null ? null : [...new Set(tags.split(/[、，,；;\s]+/).filter(Boolean))]
    const managed = managedGroupTagIn(tagList)
    if (managed) return { problems: [{ column: 'tags', message: `「${managed}」不能作为标签：服务管理对象请在「特殊人群」中登记` }] }
    return {
      problems,
      staged: {
        name: String(v.name),
        idType,
        idIdx: pii.blindIndex(idNumber),
        idEnc: pii.encrypt(idNumber),
        idMasked: maskIdNumber(idNumber)!,
        gender,
        birthDate,
        phoneEnc: phone && pii.encrypt(phone),
        phoneIdx: phone && pii.blindIndex(phone),
        phoneMasked: maskPhone(phone),
        ethnicity: text(v.ethnicity),
        politicalStatus: text(v.politicalStatus),
        education: text(v.education),
        maritalStatus: text(v.maritalStatus),
        relationCode: text(v.relationCode),
        relation: coarseRelation(text(v.relationCode)),
        residenceType,
        nationality,
        hukouAddress: text(v.hukouAddress),
        sameAsHukou: v.sameAsHukou === null ? null : v.sameAsHukou === 'yes',
        occupation: text(v.occupation),
        workplace: text(v.workplace),
        tags: tagList,
        householdId: room.householdId,
        gridCode: room.gridCode,
        address: room.address,
      },
    }
  },

  naturalKey: (r) => r.idIdx,

  present: (r) => ({
    name: r.name,
    idType: ID_TYPE_NAMES[r.idType],
    idNumber: r.idMasked,
    gender: r.gender === 'male' ? '男性' : r.gender === 'female' ? '女性' : '',
    birthDate: r.birthDate ?? '',
    ethnicity: GB_ETHNICITY.name(r.ethnicity) ?? '',
    politicalStatus: GB_POLITICAL.name(r.politicalStatus) ?? '',
    education: GB_EDUCATION.name(r.education) ?? '',
    maritalStatus: GB_MARITAL.name(r.maritalStatus) ?? '',
    relationCode: GB_RELATION.name(r.relationCode) ?? '',
    residenceType: RESIDENCE_TYPE_NAMES[r.residenceType],
    nationality: r.nationality,
    hukouAddress: r.hukouAddress ?? '',
    sameAsHukou: r.sameAsHukou === null ? '' : r.sameAsHukou ? '是' : '否',
    phone: r.phoneMasked ?? '',
    compound: '',
    building: r.address,
    unit: '',
    room: '',
    occupation: r.occupation ?? '',
    workplace: r.workplace ?? '',
    tags: r.tags?.join('、') ?? '',
  }),

  /** A person already registered outside the importer's place, or recorded as deceased, is refused in the dry run. */
  async checkStaged(ctx: Ctx, db: Db, importId: string): Promise<StagedProblem[]> {
    const found = await findStagedConflicts(db, importId, ctx.actor.placeCode ?? '-')
    return found.map((f) => ({
      rowNo: f.rowNo,
      column: 'idNumber',
      message: f.status === 'deceased' ? '该人员已登记为死亡，不能导入' : '该人员已登记在其他辖区，请由原辖区办理迁出后再导入',
    }))
  },

  // the pipeline publishes through publishStaged (one statement); `publish` is its chunked fallback, never used here
  publish(): Promise<ImportCounts> {
    throw new Error('the people import publishes through publishStaged')
  },

  publishStaged: (ctx, tx, importId) => publishStagedPeople(tx, importId, { day: shanghaiDate(ctx.now), now: ctx.now, userId: ctx.actor.userId }),
})
