/**
 * 人口台账导入 through the shared pipeline's HTTP API: the template with the GB code sets as dropdowns, a dry run
 * on a sheet with deliberate faults, the corrected sheet published in one statement with the people's stays,
 * re-imports that change nothing or only what changed, moves, the background dry run with its progress, and
 * the column mapping. Real .xlsx files are built with exceljs in the test.
 */
import { randomBytes } from 'node:crypto'
import ExcelJS from 'exceljs'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CommitResult, DryRunResult, ImportProgress } from '#contracts/imports'
import { rowsOf } from '../../db/client'
import { makeIdNumber } from '../../lib/id-number'
import { shanghaiDate } from '../../lib/time'
import { buildBuildingWithHouseholds, buildGrid, buildGridWorker, buildPlaceAccount, buildResidentRecord, relogin } from '../../../test/factories'
import { createTestApp, type TestApp } from '../../../test/setup'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => t?.close())

const HEADERS = ['姓名', '证件类型', '证件号码', '性别', '出生日期', '民族', '政治面貌', '学历', '婚姻状况', '与户主关系', '人口类型', '国籍', '户籍地址', '人户一致', '联系电话', '小区', '楼栋', '单元', '室', '职业', '工作单位', '标签']

let seq = 100
/** a fresh valid ID number: a man (odd 17th digit) or a woman */
const idOf = (sex: 'm' | 'f', birth = '19850312') => {
  for (;;) {
    const id = makeIdNumber('520423', birth, seq++)
    if ((Number(id[16]) % 2 === 1) === (sex === 'm')) return id
  }
}
let phoneSeq = 0
const phone = () => `1380000${String(2000 + phoneSeq++).padStart(4, '0')}`

async function xlsx(headers: string[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('人口台账')
  ws.addRow(headers)
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

function multipart(data: Buffer, fields: Record<string, string> = {}) {
  const boundary = `----yw${randomBytes(8).toString('hex')}`
  const parts: Buffer[] = []
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`))
  parts.push(
    Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="人口.xlsx"\r\ncontent-type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  )
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

const dryRun = (token: string, data: Buffer, fields: Record<string, string> = {}, headers: Record<string, string> = {}) => {
  const m = multipart(data, fields)
  return t.request(token, 'POST', '/api/v1/imports/people/dry-run', m.body, { ...m.headers, ...headers })
}
const commit = (token: string, importId: string) => t.request(token, 'POST', `/api/v1/imports/people/${importId}/commit`, {})
async function importSheet(token: string, data: Buffer): Promise<CommitResult> {
  const d = await dryRun(token, data)
  expect(d.statusCode, d.body).toBe(200)
  expect(d.json<DryRunResult>().errors).toEqual([])
  const c = await commit(token, d.json<DryRunResult>().importId)
  expect(c.statusCode, c.body).toBe(200)
  return c.json<CommitResult>()
}

async function counts(): Promise<{ resident: number; stays: number }> {
  const res = await t.database.db.execute(sql`select (select count(*)::int from resident) as resident, (select count(*)::int from residence_history) as stays`)
  return rowsOf<{ resident: number; stays: number }>(res)[0]!
}
async function personByIdNumber(id: string) {
  const idx = t.deps.pii.blindIndex(id)
  const res = await t.database.db.execute(sql`
    select r.id, r.name, r.gender, r.birth_date::text as "birthDate", r.household_id::int as "householdId", r.grid_code as "gridCode", r.ethnicity,
           r.political_status as "politicalStatus", r.relation_code as "relationCode", r.relation, r.residence_type as "residenceType", r.nationality,
           r.same_as_hukou as "sameAsHukou", r.tags, r.phone_idx as "phoneIdx", r.version, r.id_number_enc as "idEnc"
    from resident r where r.id_number_idx = ${idx}`)
  return rowsOf<Record<string, unknown> & { id: number; version: number; idEnc: string }>(res)
}
async function staysOf(residentId: number) {
  const res = await t.database.db.execute(sql`
    select household_id::int as "householdId", from_date::text as "fromDate", to_date::text as "toDate", start_reason as "startReason", end_reason as "endReason", address
    from residence_history where resident_id = ${residentId} order by id`)
  return rowsOf<{ householdId: number; fromDate: string; toDate: string | null; startReason: string; endReason: string | null; address: string }>(res)
}

/** A community of its own with a grid, a building of 1单元 rooms 101…602 and the community's account. */
async function community() {
  const grid = await buildGrid(t)
  const building = await buildBuildingWithHouseholds(t, grid)
  const account = await buildPlaceAccount(t, grid.community, 'community')
  const room = (r: string) => building.households.find((h) => h.room === `1单元${r}`)!.id
  return { grid, building, account, room }
}

/** A full row of the template: a person at 1单元 <room> of the building. */
function row(building: string, o: { name: string; id: string; room: string; phone?: string; [k: string]: unknown }): unknown[] {
  const v: Record<string, unknown> = {
    姓名: o.name,
    证件类型: '居民身份证',
    证件号码: o.id,
    性别: '',
    出生日期: '',
    民族: '汉族',
    政治面貌: '群众',
    学历: '大学本科毕业',
    婚姻状况: '已婚',
    与户主关系: '户主',
    人口类型: '户籍',
    国籍: '',
    户籍地址: '贵州省安顺市镇宁县环翠街道',
    人户一致: '是',
    联系电话: o.phone ?? '',
    小区: '',
    楼栋: building,
    单元: '1单元',
    室: o.room,
    职业: '',
    工作单位: '',
    标签: '',
    ...Object.fromEntries(Object.entries(o).filter(([k]) => /[\u4e00-\u9fff]/.test(k))),
  }
  return HEADERS.map((h) => v[h])
}

describe('the people template', () => {
  it('has the register\'s headers and the GB code sets as dropdowns (long lists from the hidden 选项 sheet)', async () => {
    const { account } = await community()
    const res = await t.request(account.token, 'GET', '/api/v1/imports/people/template')
    expect(res.statusCode, res.body).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]!
    expect(ws.name).toBe('人口台账')
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS)
    const dv = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model
    const col = (h: string) => String.fromCharCode(65 + HEADERS.indexOf(h))
    // short lists inline
    expect(dv[`${col('性别')}2`]).toMatchObject({ type: 'list', formulae: ['"未知的性别,男性,女性,未说明的性别"'] })
    expect(dv[`${col('人口类型')}2`]).toMatchObject({ type: 'list', formulae: ['"户籍,流动,境外"'] })
    expect(dv[`${col('证件类型')}2`]).toMatchObject({ type: 'list', formulae: ['"居民身份证,护照,其他证件"'] })
    // long lists point into the hidden sheet, which holds the GB names in order
    expect(dv[`${col('民族')}2`]!.formulae[0]).toMatch(/选项/)
    const lists = wb.getWorksheet('选项')!
    expect(lists.state).toBe('hidden')
    const listOf = (h: string) => {
      const f = dv[`${col(h)}2`]!.formulae[0] as string
      if (f.startsWith('"')) return f.slice(1, -1).split(',')
      const m = /^'?选项'?!\$([A-Z]+)\$1:\$[A-Z]+\$(\d+)$/.exec(f)
      expect(m, f).not.toBeNull()
      return Array.from({ length: Number(m![2]) }, (_, i) => lists.getCell(`${m![1]}${i + 1}`).value)
    }
    const ethnicity = listOf('民族')
    expect(ethnicity).toHaveLength(58)
    expect(ethnicity.slice(0, 3)).toEqual(['汉族', '蒙古族', '回族'])
    expect(ethnicity).toContain('布依族')
    expect(listOf('政治面貌')).toContain('中国共产党党员')
    expect(listOf('学历')).toContain('大学本科毕业')
    expect(listOf('与户主关系')).toEqual(expect.arrayContaining(['户主', '配偶', '长子']))
    expect(dv[`${col('婚姻状况')}2`]).toMatchObject({ type: 'list' })
    expect(ws.getColumn(HEADERS.indexOf('证件号码') + 1).numFmt).toBe('@')
  })

  it('is the keepers\': a grid worker may not import people (403)', async () => {
    const { grid } = await community()
    const worker = await buildGridWorker(t, grid)
    expect((await t.request(worker.token, 'GET', '/api/v1/imports/people/template')).statusCode).toBe(403)
    const m = multipart(await xlsx(HEADERS, []))
    expect((await t.request(worker.token, 'POST', '/api/v1/imports/people/dry-run', m.body, m.headers)).statusCode).toBe(403)
  })
})

describe('the people import', () => {
  it('reports exactly the faulty rows (row, column, masked value, reason) and writes nothing; the corrected sheet imports with open stays', async () => {
    const { building, account, room, grid } = await community()
    const good = { name: '王建国', id: idOf('m'), room: '101', phone: phone() }
    const right = idOf('f')
    const badChecksum = right.slice(0, 17) + (right[17] === '1' ? '2' : '1')
    const woman = idOf('f')
    const rows = [
      row(building.name, good), // row 2
      row(building.name, { name: '李秀英', id: badChecksum, room: '102' }), // row 3: wrong check digit
      row(building.name, { name: '赵敏', id: idOf('f'), room: '201', 民族: '火星族' }), // row 4: no such 民族
      row(building.name, { name: '孙丽', id: woman, room: '202', 性别: '男' }), // row 5: the ID number says a woman
      row(building.name, { name: '周平', id: idOf('m'), room: '909' }), // row 6: no room 909
      row(building.name, { ...good, name: '王建国' }), // row 7: the same person as row 2
    ]
    const before = await counts()
    const res = await dryRun(account.token, await xlsx(HEADERS, rows))
    expect(res.statusCode, res.body).toBe(200)
    const d = res.json<DryRunResult>()
    expect(d).toMatchObject({ total: 6, valid: 1, errorCount: 5 })
    expect(d.errors.map((e) => [e.row, e.column])).toEqual([
      [3, '证件号码'],
      [4, '民族'],
      [5, '性别'],
      [6, '楼栋'],
      [7, ''],
    ])
    const msg = Object.fromEntries(d.errors.map((e) => [e.row, e]))
    expect(msg[3]!.message).toContain('校验位不正确')
    expect(msg[3]!.value).toMatch(/^520423\*{8}\d{3}[0-9X]$/)
    expect(msg[3]!.value).not.toBe(badChecksum)
    expect(msg[4]!).toMatchObject({ value: '火星族', message: expect.stringContaining('「火星族」不是可选的民族') })
    expect(msg[5]!).toMatchObject({ value: '男', message: '性别与证件号码不一致（证件号码表示女性）' })
    expect(msg[6]!.message).toBe(`地址不存在：${building.name} 1单元 909（须是本辖区已登记楼栋的房间）`)
    expect(msg[7]!.message).toContain('与第 2 行重复')
    expect(d.sample).toEqual([expect.objectContaining({ name: '王建国', idNumber: expect.stringMatching(/^520423\*{8}/), phone: expect.stringMatching(/^138\*{4}\d{4}$/), ethnicity: '汉族' })])
    expect(await counts()).toEqual(before)
    const refused = await commit(account.token, d.importId)
    expect(refused.statusCode).toBe(422)
    expect(refused.json()).toMatchObject({ code: 'IMPORT_HAS_ERRORS' })
    expect(await counts()).toEqual(before)

    // corrected: every row right, the duplicate gone
    const fixed = [
      rows[0]!,
      row(building.name, { name: '李秀英', id: right, room: '102', 性别: '女', 与户主关系: '妻', 标签: '低保、独居老人' }),
      row(building.name, { name: '赵敏', id: idOf('f', '19900101'), room: '201', 民族: '布依', 政治面貌: '团员' }),
      row(building.name, { name: '孙丽', id: woman, room: '202', 性别: '女性', 出生日期: `${woman.slice(6, 10)}-${woman.slice(10, 12)}-${woman.slice(12, 14)}` }),
      row(building.name, { name: '周平', id: idOf('m'), room: '301' }),
    ]
    const file = await xlsx(HEADERS, fixed)
    const result = await importSheet(account.token, file)
    expect(result).toMatchObject({ total: 5, inserted: 5, updated: 0, unchanged: 0 })
    expect(await counts()).toEqual({ resident: before.resident + 5, stays: before.stays + 5 })
    const [li] = await personByIdNumber(right)
    expect(li).toMatchObject({
      name: '李秀英',
      gender: 'female',
      birthDate: `${right.slice(6, 10)}-${right.slice(10, 12)}-${right.slice(12, 14)}`,
      householdId: room('102'),
      gridCode: grid.code,
      ethnicity: '01',
      politicalStatus: '13',
      relationCode: '12',
      relation: 'spouse',
      residenceType: 'registered',
      nationality: 'CHN',
      sameAsHukou: true,
      tags: ['低保', '独居老人'],
    })
    expect(t.deps.pii.decrypt(li!.idEnc)).toBe(right)
    const [zhao] = await personByIdNumber(String(fixed[2]![2]))
    expect(zhao).toMatchObject({ ethnicity: '09', politicalStatus: '03' })
    // 赵敏 is 户主 of a room that had no head: she heads it now; 李秀英 (妻) heads nothing
    const heads = rowsOf<{ id: number; head: number | null }>(
      await t.database.db.execute(sql`select id::int, head_resident_id::int as head from household where id in (${room('201')}, ${room('102')}) order by id`),
    )
    expect(heads.find((h) => h.id === room('201'))!.head).toBe(Number(zhao!.id))
    expect(heads.find((h) => h.id === room('102'))!.head).not.toBe(Number(li!.id))
    // the person's stay opened at the room, from the commit's day
    expect(await staysOf(li!.id)).toEqual([
      { householdId: room('102'), fromDate: shanghaiDate(t.clock.now()), toDate: null, startReason: 'import', endReason: null, address: expect.stringContaining('1单元102') },
    ])

    // the same sheet again: nothing changes
    const again = await importSheet(account.token, file)
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 5 })
    expect(await counts()).toEqual({ resident: before.resident + 5, stays: before.stays + 5 })
    expect((await personByIdNumber(right))[0]!.version).toBe(li!.version)

    // a changed phone: that person is updated, no stay moves
    const newPhone = phone()
    const changed = await xlsx(HEADERS, [row(building.name, { ...good, phone: newPhone }), ...fixed.slice(1)])
    expect(await importSheet(account.token, changed)).toMatchObject({ inserted: 0, updated: 1, unchanged: 4 })
    const [wang] = await personByIdNumber(good.id)
    expect(wang!.phoneIdx).toBe(t.deps.pii.blindIndex(newPhone))
    expect(await counts()).toEqual({ resident: before.resident + 5, stays: before.stays + 5 })

    // a blank optional cell keeps what is stored
    expect(await importSheet(account.token, await xlsx(HEADERS, [row(building.name, { ...good, phone: '', 民族: '', 学历: '' })]))).toMatchObject({ unchanged: 1 })
    expect((await personByIdNumber(good.id))[0]!.phoneIdx).toBe(t.deps.pii.blindIndex(newPhone))
  })

  it('moves a person whose room changed: the open stay is closed and a new one opened, history kept', async () => {
    const { building, account, room } = await community()
    const id = idOf('m', '19700101')
    await importSheet(account.token, await xlsx(HEADERS, [row(building.name, { name: '钱进', id, room: '401' })]))
    const [p] = await personByIdNumber(id)
    t.clock.advance(3 * 86_400_000)
    const token = await relogin(t, account)
    const before = await counts()
    expect(await importSheet(token, await xlsx(HEADERS, [row(building.name, { name: '钱进', id, room: '502' })]))).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 })
    expect(await counts()).toEqual({ resident: before.resident, stays: before.stays + 1 })
    expect((await personByIdNumber(id))[0]).toMatchObject({ householdId: room('502') })
    const stays = await staysOf(p!.id)
    const today = shanghaiDate(t.clock.now())
    expect(stays).toEqual([
      expect.objectContaining({ householdId: room('401'), toDate: today, endReason: 'transfer' }),
      expect.objectContaining({ householdId: room('502'), fromDate: today, toDate: null, startReason: 'import' }),
    ])
  })

  it('moves a person to another grid of the community: their special-group record follows them', async () => {
    const { grid, building, account } = await community()
    const other = await buildGrid(t, { community: grid.community })
    const there = await buildBuildingWithHouseholds(t, other)
    const id = idOf('f', '19400101')
    await importSheet(account.token, await xlsx(HEADERS, [row(building.name, { name: '孙婆婆', id, room: '101', 标签: '独居老人' })]))
    const [p] = await personByIdNumber(id)
    await t.database.db.execute(sql`insert into special_group (resident_id, grid_code, kind, category) values (${p!.id}, ${grid.code}, 'elderlyAlone', 'care')`)
    expect(await importSheet(account.token, await xlsx(HEADERS, [row(there.name, { name: '孙婆婆', id, room: '201', 标签: '独居老人' })]))).toMatchObject({ updated: 1 })
    expect((await personByIdNumber(id))[0]).toMatchObject({ gridCode: other.code })
    const res = await t.database.db.execute(sql`select grid_code as "gridCode", version from special_group where resident_id = ${p!.id}`)
    expect(rowsOf(res)).toEqual([{ gridCode: other.code, version: 2 }])
  })

  it('refuses, in the dry run, a person registered in another community (the ID number\'s blind index), and one outside scope rooms', async () => {
    const a = await community()
    const b = await community()
    const id = idOf('f', '19880808')
    await importSheet(a.account.token, await xlsx(HEADERS, [row(a.building.name, { name: '吴芳', id, room: '101' })]))
    const before = await counts()
    const res = await dryRun(b.account.token, await xlsx(HEADERS, [row(b.building.name, { name: '吴芳', id, room: '101' }), row(a.building.name, { name: '郑红', id: idOf('f'), room: '102' })]))
    const d = res.json<DryRunResult>()
    expect(d).toMatchObject({ total: 2, valid: 0, errorCount: 2 })
    expect(d.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [2, '证件号码', '该人员已登记在其他辖区，请由原辖区办理迁出后再导入'],
      [3, '楼栋', `地址不存在：${a.building.name} 1单元 102（须是本辖区已登记楼栋的房间）`],
    ])
    expect(d.sample).toEqual([])
    expect((await commit(b.account.token, d.importId)).statusCode).toBe(422)
    expect(await counts()).toEqual(before)
  })

  it('reads a community\'s own headers through a mapping, passports and 境外 people with their nationality', async () => {
    const { building, account } = await community()
    const own = ['名字', '证件', '号码', '人员类别', '国家', '楼', '房间号', '电话号码']
    const file = await xlsx(own, [
      ['Aung Min', '护照', 'MA1234567', '境外', '缅甸', building.name, '1单元601', phone()],
      ['张伟', '', idOf('m'), '流动', '', building.name, '1单元602', ''],
    ])
    const unmapped = await dryRun(account.token, file)
    expect(unmapped.statusCode).toBe(400)
    expect(unmapped.json()).toMatchObject({ code: 'IMPORT_COLUMNS_MISMATCH' })
    const mapping = { 名字: 'name', 证件: 'idType', 号码: 'idNumber', 人员类别: 'residenceType', 国家: 'nationality', 楼: 'building', 房间号: 'room', 电话号码: 'phone' }
    const d = (await dryRun(account.token, file, { mapping: JSON.stringify(mapping) })).json<DryRunResult>()
    expect(d).toMatchObject({ total: 2, valid: 2, errorCount: 0 })
    expect((await commit(account.token, d.importId)).json<CommitResult>()).toMatchObject({ inserted: 2 })
    expect((await personByIdNumber('MA1234567'))[0]).toMatchObject({ residenceType: 'overseas', nationality: 'MMR', gender: null })
  })

  it('checks in the background when asked (202 at once), its progress and then its report on GET /imports/:importId', async () => {
    const { building, account } = await community()
    const rows = ['101', '102', '201', '202', '301', '302'].map((r, i) => row(building.name, { name: `居民${i}`, id: idOf('m', '19950505'), room: r }))
    rows.push(row(building.name, { name: '错号', id: '520423199505050000', room: '401' }))
    const res = await dryRun(account.token, await xlsx(HEADERS, rows), {}, { prefer: 'respond-async' })
    expect(res.statusCode, res.body).toBe(202)
    const accepted = res.json<ImportProgress>()
    expect(accepted).toMatchObject({ status: 'checking', register: 'people', title: '人口台账', failure: null, total: 7 })
    expect(res.headers['location']).toBe(`/api/v1/imports/${accepted.importId}`)
    let p: ImportProgress = accepted
    for (let i = 0; i < 200 && p.status === 'checking'; i++) {
      await new Promise((r) => setTimeout(r, 25))
      p = (await t.request(account.token, 'GET', `/api/v1/imports/${accepted.importId}`)).json<ImportProgress>()
    }
    expect(p).toMatchObject({ status: 'checked', processed: 7, total: 7, valid: 6, errorCount: 1 })
    expect(p.report).toMatchObject({ importId: accepted.importId, total: 7, valid: 6, errorCount: 1, errors: [{ row: 8, column: '证件号码' }] })
    expect(p.report!.sample).toHaveLength(5)
    expect((await commit(account.token, accepted.importId)).statusCode).toBe(422)
  })

  it('a background run that fails says why (status failed), and a header mismatch is still answered at once (400)', async () => {
    const { account } = await community()
    const res = await dryRun(account.token, await xlsx(['名字'], [['x']]), {}, { prefer: 'respond-async' })
    expect(res.statusCode).toBe(400)
    const only = await dryRun(account.token, await xlsx(HEADERS, []), {}, { prefer: 'respond-async' })
    expect(only.statusCode).toBe(202)
    let p = only.json<ImportProgress>()
    for (let i = 0; i < 200 && p.status === 'checking'; i++) {
      await new Promise((r) => setTimeout(r, 25))
      p = (await t.request(account.token, 'GET', `/api/v1/imports/${p.importId}`)).json<ImportProgress>()
    }
    expect(p).toMatchObject({ status: 'failed', statusName: '核对失败', failure: '表格中只有表头，没有数据行' })
  })

  it('a resident registered in the grid by hand is matched by the ID number and updated, opening the stay it lacked', async () => {
    const { grid, building, account, room } = await community()
    const existing = await buildResidentRecord(t, { grid })
    const res = await t.database.db.execute(sql`select id_number_enc as enc from resident where id = ${existing.id}`)
    const id = t.deps.pii.decrypt(rowsOf<{ enc: string }>(res)[0]!.enc)
    const before = await counts()
    const r = await importSheet(account.token, await xlsx(HEADERS, [row(building.name, { name: existing.name, id, room: '602', 性别: '' })]))
    expect(r).toMatchObject({ inserted: 0, updated: 1 })
    expect((await personByIdNumber(id))[0]).toMatchObject({ householdId: room('602') })
    expect((await counts()).resident).toBe(before.resident)
    expect((await staysOf(existing.id)).at(-1)).toMatchObject({ householdId: room('602'), toDate: null, startReason: 'import' })
  })
})

