/**
 * The shared Excel import pipeline through the HTTP API, proved on its first register: a community imports
 * its in-service party members' registrations (双报到). Real .xlsx files are built with exceljs in the test.
 */
import { randomBytes } from 'node:crypto'
import ExcelJS from 'exceljs'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CommitResult, DryRunResult, ImportProgress } from '#contracts/imports'
import type { Registration } from '#contracts/registrations'
import type { UnitRegistration } from '#contracts/units'
import type { PageOf } from '#contracts/common'
import { rowsOf } from '../../db/client'
import { makeIdNumber } from '../../lib/id-number'
import { buildAccount, buildCommunity, buildPartyMember, buildPlaceAccount, buildRegisteredUnit, buildUnit, relogin, type BuiltAccount, type BuiltPlace } from '../../../test/factories'
import { housekeeping } from '../../jobs/housekeeping'
import { createTestApp, type TestApp } from '../../../test/setup'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => t?.close())

const REGISTER = 'party-member-registrations'
const HEADERS = ['姓名', '身份证号', '手机号', '工作单位', '所在党组织', '报到社区', '志愿岗位', '特长']
let idSeq = 900
const idNumber = () => makeIdNumber('520423', '19850312', idSeq++)
let phoneSeq = 0
const phone = () => `1390000${String(1000 + phoneSeq++).padStart(4, '0')}`

async function xlsx(headers: string[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('在职党员报到')
  ws.addRow(headers)
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** A multipart body with the file and, optionally, the mapping field. */
function multipart(file: { data: Buffer; name: string; type?: string }, fields: Record<string, string> = {}) {
  const boundary = `----yw${randomBytes(8).toString('hex')}`
  const parts: Buffer[] = []
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`))
  parts.push(
    Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: ${file.type ?? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'}\r\n\r\n`),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  )
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

async function dryRun(token: string, data: Buffer, fields: Record<string, string> = {}, name = '报到.xlsx') {
  const m = multipart({ data, name }, fields)
  return t.request(token, 'POST', `/api/v1/imports/${REGISTER}/dry-run`, m.body, m.headers)
}

const commit = (token: string, importId: string) => t.request(token, 'POST', `/api/v1/imports/${REGISTER}/${importId}/commit`, {})

const TABLES = ['party_member', 'party_registration', 'workflow_event', 'audit_log', 'import_row'] as const
async function counts(): Promise<Record<string, number>> {
  const res = await t.database.db.execute(sql.raw(`select ${TABLES.map((x) => `(select count(*)::int from ${x}) as ${x}`).join(', ')}`))
  return rowsOf<Record<string, number>>(res)[0]!
}

async function importAudits(importId: string) {
  const res = await t.database.db.execute(sql`select action, actor_role, after from audit_log where entity_type = 'import' and entity_id = ${importId}`)
  return rowsOf<{ action: string; actor_role: string; after: Record<string, unknown> }>(res)
}

/** Names of new units of the county with a confirmed registration (a member's 工作单位 must have registered). */
async function registeredUnits(n: number): Promise<string[]> {
  const out: string[] = []
  for (let i = 0; i < n; i++) out.push((await buildRegisteredUnit(t)).name)
  return out
}

async function communityWithAccount(): Promise<{ place: BuiltPlace; account: BuiltAccount }> {
  const place = await buildCommunity(t)
  return { place, account: await buildPlaceAccount(t, place, 'community') }
}

describe('the template', () => {
  it('has the headers in order, the 五大员 dropdown, text format for ID and phone, and the instructions in Chinese', async () => {
    const { account } = await communityWithAccount()
    const res = await t.request(account.token, 'GET', `/api/v1/imports/${REGISTER}/template`)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers['content-type']).toContain('spreadsheetml')
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('在职党员报到-导入模板.xlsx')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]!
    expect(ws.name).toBe('在职党员报到')
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS)
    const dv = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model
    expect(dv['G2']).toMatchObject({ type: 'list', formulae: ['"宣传信息员,矛盾调解员,工程协管员,志愿服务员,文明引导员"'] })
    expect(dv['G500']).toMatchObject({ type: 'list' })
    expect(ws.getColumn(2).numFmt).toBe('@')
    expect(ws.getColumn(3).numFmt).toBe('@')
    const help = wb.getWorksheet('填写说明')!
    const text = help.getSheetValues().flat().filter((v) => typeof v === 'string').join('\n')
    expect(text).toContain('全部无误才能导入')
    expect(text).toContain('报到社区')
  })

  it('is refused to a role that may not import (a party member: 403), and an unknown register is 404', async () => {
    const place = await buildCommunity(t)
    const member = await buildPartyMember(t, place)
    expect((await t.request(member.account.token, 'GET', `/api/v1/imports/${REGISTER}/template`)).statusCode).toBe(403)
    const { account } = await communityWithAccount()
    const res = await t.request(account.token, 'GET', '/api/v1/imports/no-such-register/template')
    expect(res.statusCode).toBe(404)
  })
})

describe('the dry run', () => {
  it('reports exactly the faulty rows and columns in Chinese, writes nothing, and the commit is refused with 422', async () => {
    const { place, account } = await communityWithAccount()
    const other = await buildCommunity(t)
    const [unit] = await registeredUnits(1)
    const waiting = await buildUnit(t) // recorded, never registered
    const good = ['王芳', idNumber(), phone(), unit, '县财政局机关党支部', place.code, '志愿服务员', '书法']
    const right = makeIdNumber('520423', '19900101', 950)
    const badId = right.slice(0, 17) + (right[17] === '1' ? '2' : '1')
    const file = await xlsx(HEADERS, [
      good, // row 2
      ['李强', badId, phone(), unit, '', place.code, '工程协管员', ''], // row 3: wrong check digit
      ['赵敏', '', phone(), unit, '', place.code, '网格员', ''], // row 4: not a 五大员 post
      ['孙伟', '', '', unit, '', place.code, '矛盾调解员', ''], // row 5: phone missing
      good, // row 6: the same as row 2
      ['周杰', '', phone(), unit, '', other.code, '文明引导员', ''], // row 7: another community
      ['吴磊', '', phone(), unit, '', '不存在社区', '', ''], // row 8: no such community
      ['郑红', '', phone(), waiting.name, '', place.code, '', ''], // row 9: a unit that has not registered
      ['冯刚', '', phone(), '县不存在局', '', place.code, '', ''], // row 10: no such unit
    ])
    const before = await counts()
    const res = await dryRun(account.token, file)
    expect(res.statusCode, res.body).toBe(200)
    const d = res.json<DryRunResult>()
    expect(d).toMatchObject({ total: 9, valid: 1, errorCount: 8 })
    expect(d.errors.map((e) => [e.row, e.column])).toEqual([
      [3, '身份证号'],
      [4, '志愿岗位'],
      [5, '手机号'],
      [6, ''],
      [7, '报到社区'],
      [8, '报到社区'],
      [9, '工作单位'],
      [10, '工作单位'],
    ])
    const msg = Object.fromEntries(d.errors.map((e) => [e.row, e.message]))
    expect(msg[3]).toContain('校验位不正确')
    expect(msg[4]).toContain('「网格员」不是可选的志愿岗位')
    expect(msg[5]).toContain('手机号未填写')
    expect(msg[6]).toContain('与第 2 行重复')
    expect(msg[7]).toContain(`「${other.name}」不是本社区`)
    expect(msg[8]).toContain('报到社区「不存在社区」不存在')
    expect(msg[9]).toBe(`工作单位"${waiting.name}"尚未在县内报到`)
    expect(msg[10]).toBe('工作单位"县不存在局"尚未在县内报到')
    // the ID number shown back is masked
    expect(d.errors[0]!.value).toMatch(/^520423\*{8}\d{3}[0-9X]$/)
    expect(d.sample).toEqual([expect.objectContaining({ name: '王芳', community: place.name, post: '志愿服务员', phone: expect.stringMatching(/^139\*{4}\d{4}$/) })])
    const after = await counts()
    // only the staging of the one good row
    expect(after).toEqual({ ...before, import_row: before.import_row! + 1 })

    const refused = await commit(account.token, d.importId)
    expect(refused.statusCode, refused.body).toBe(422)
    expect(refused.json()).toMatchObject({ code: 'IMPORT_HAS_ERRORS' })
    expect(await counts()).toEqual(after)
    expect(await importAudits(d.importId)).toEqual([])
  })

  it('refuses a sheet whose columns do not match with 400 naming the missing ones, writing nothing; a mapping then reads it', async () => {
    const { place, account } = await communityWithAccount()
    const [unit] = await registeredUnits(1)
    const file = await xlsx(['名字', '电话', '工作地点', '社区'], [['陈静', phone(), unit, place.code]])
    const before = await counts()
    const res = await dryRun(account.token, file)
    expect(res.statusCode, res.body).toBe(400)
    const body = res.json<{ code: string; message: string; details: { field?: string; column?: string }[] }>()
    expect(body.code).toBe('IMPORT_COLUMNS_MISMATCH')
    expect(body.message).toContain('姓名、手机号、工作单位')
    expect(body.details.filter((x) => x.field === 'missing').map((x) => x.column)).toEqual(['姓名', '手机号', '工作单位'])
    expect(body.details.filter((x) => x.field === 'found').map((x) => x.column)).toEqual(['名字', '电话', '工作地点', '社区'])
    expect(await counts()).toEqual(before)
    const count = rowsOf<{ n: number }>(await t.database.db.execute(sql`select count(*)::int as n from import_batch where created_by_user_id = ${account.id}`))[0]!.n
    expect(count).toBe(0)

    const mapped = await dryRun(account.token, file, { mapping: JSON.stringify({ 名字: 'name', 电话: 'phone', 工作地点: 'workUnit' }) })
    expect(mapped.statusCode, mapped.body).toBe(200)
    const d = mapped.json<DryRunResult>()
    expect(d).toMatchObject({ total: 1, valid: 1, errorCount: 0 })
    expect(d.mapping).toEqual([
      { header: '名字', key: 'name', column: '姓名' },
      { header: '电话', key: 'phone', column: '手机号' },
      { header: '工作地点', key: 'workUnit', column: '工作单位' },
      { header: '社区', key: 'community', column: '报到社区' },
    ])
  })

  it('refuses what is not an .xlsx with 415, and a body that is not multipart too; nothing is written', async () => {
    const { account } = await communityWithAccount()
    const before = await counts()
    const res = await dryRun(account.token, Buffer.from('姓名,手机号\n王芳,13900000000\n'), {}, '报到.csv')
    expect(res.statusCode, res.body).toBe(415)
    expect(res.json()).toMatchObject({ code: 'IMPORT_NOT_XLSX' })
    // a zip that is not a workbook
    const zipLike = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(200)])
    expect((await dryRun(account.token, zipLike)).statusCode).toBe(415)
    const json = await t.request(account.token, 'POST', `/api/v1/imports/${REGISTER}/dry-run`, { file: 'x' })
    expect(json.statusCode).toBe(415)
    expect(await counts()).toEqual(before)
  })

  it('refuses a file over 20 MB with 413, writing nothing', async () => {
    const { account } = await communityWithAccount()
    const before = await counts()
    const big = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(20 * 1024 * 1024 + 10, 1)])
    const res = await dryRun(account.token, big)
    expect(res.statusCode, res.body).toBe(413)
    expect(res.json()).toMatchObject({ code: 'IMPORT_TOO_LARGE' })
    expect(await counts()).toEqual(before)
  })

  it('keeps the staging 24 hours; housekeeping then deletes it and the batch is gone (404)', async () => {
    const { place, account } = await communityWithAccount()
    const [unit] = await registeredUnits(1)
    const d = (await dryRun(account.token, await xlsx(HEADERS, [['钱进', '', phone(), unit, '', place.code, '', '']]))).json<DryRunResult>()
    const staged = async () => rowsOf<{ n: number }>(await t.database.db.execute(sql`select count(*)::int as n from import_row where import_id = ${d.importId}`))[0]!.n
    expect(await staged()).toBe(1)
    t.clock.advance(24 * 3600_000 + 60_000)
    await housekeeping(t.deps)
    expect(await staged()).toBe(0)
    const token = await relogin(t, account)
    expect((await t.request(token, 'GET', `/api/v1/imports/${d.importId}`)).statusCode).toBe(404)
    expect((await commit(token, d.importId)).statusCode).toBe(404)
  })
})

describe('the commit', () => {
  it('writes a clean sheet as confirmed registrations with their events and one audit row; re-importing it changes nothing', async () => {
    const { place, account } = await communityWithAccount()
    const [rsj, yy, gdj] = await registeredUnits(3)
    const rows = [
      ['刘洋', idNumber(), phone(), rsj!, '县人社局党支部', place.code, '宣传信息员', '摄影'],
      ['黄丽', '', phone(), yy!, '', place.name, '志愿服务员', ''],
      ['杨帆', idNumber(), phone(), gdj!, '', place.code, '', '电工'],
    ]
    const file = await xlsx(HEADERS, rows)
    const before = await counts()
    const d = (await dryRun(account.token, file)).json<DryRunResult>()
    expect(d).toMatchObject({ total: 3, valid: 3, errorCount: 0, errors: [] })
    const res = await commit(account.token, d.importId)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json<CommitResult>()).toMatchObject({ total: 3, inserted: 3, updated: 0, unchanged: 0 })
    const after = await counts()
    expect(after.party_member).toBe(before.party_member! + 3)
    expect(after.party_registration).toBe(before.party_registration! + 3)
    expect(after.workflow_event).toBe(before.workflow_event! + 3)
    expect(after.audit_log).toBe(before.audit_log! + 1)
    expect(await importAudits(d.importId)).toEqual([
      { action: 'import.commit', actor_role: 'community', after: { register: REGISTER, title: '在职党员报到', total: 3, inserted: 3, updated: 0, unchanged: 0 } },
    ])

    const list = (await t.request(account.token, 'GET', `/api/v1/registrations?place=${place.code}&limit=10`)).json<PageOf<Registration>>()
    expect(list.items.map((r) => [r.member.name, r.status, r.workUnit, r.unit?.name, r.postName]).sort()).toEqual(
      [
        ['刘洋', 'confirmed', rsj, rsj, '宣传信息员'],
        ['黄丽', 'confirmed', yy, yy, '志愿服务员'],
        ['杨帆', 'confirmed', gdj, gdj, null],
      ].sort(),
    )
    const one = (await t.request(account.token, 'GET', `/api/v1/registrations/${list.items[0]!.id}`)).json<Registration>()
    expect(one.events!.map((e) => [e.action, e.actionName, e.fromStatus, e.toStatus])).toEqual([['import', '社区导入', null, 'confirmed']])

    const progress = (await t.request(account.token, 'GET', `/api/v1/imports/${d.importId}`)).json<ImportProgress>()
    expect(progress).toMatchObject({ status: 'committed', statusName: '已导入', total: 3, valid: 3, result: { inserted: 3, updated: 0, unchanged: 0 } })
    const twice = await commit(account.token, d.importId)
    expect(twice.statusCode).toBe(409)
    expect(twice.json()).toMatchObject({ code: 'IMPORT_ALREADY_COMMITTED' })

    // the same sheet again: nothing changes
    const again = (await dryRun(account.token, file)).json<DryRunResult>()
    const second = await commit(account.token, again.importId)
    expect(second.json<CommitResult>()).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 })
    const final = await counts()
    expect({ ...final, audit_log: 0, import_row: 0 }).toEqual({ ...after, audit_log: 0, import_row: 0 })
    expect(final.audit_log).toBe(after.audit_log! + 1)

    // one changed cell: that row is updated, with its event
    const changed = await xlsx(HEADERS, [rows[0]!, [...rows[1]!.slice(0, 6), '矛盾调解员', ''], rows[2]!])
    const third = (await dryRun(account.token, changed)).json<DryRunResult>()
    expect((await commit(account.token, third.importId)).json<CommitResult>()).toMatchObject({ inserted: 0, updated: 1, unchanged: 2 })
    const huang = (await t.request(account.token, 'GET', `/api/v1/registrations?place=${place.code}&limit=10`)).json<PageOf<Registration>>().items.find((r) => r.member.name === '黄丽')!
    expect(huang.postName).toBe('矛盾调解员')
    const detail = (await t.request(account.token, 'GET', `/api/v1/registrations/${huang.id}`)).json<Registration>()
    expect(detail.events!.map((e) => e.action)).toEqual(['import', 'import'])
  })

  it('finds the same person by ID number at another community, and confirms a registration waiting there (the import is the confirmation)', async () => {
    const a = await communityWithAccount()
    const b = await communityWithAccount()
    const id = idNumber()
    const unit = await buildRegisteredUnit(t)
    const first = (await dryRun(a.account.token, await xlsx(HEADERS, [['蒋涛', id, phone(), unit.name, '', a.place.code, '', '']]))).json<DryRunResult>()
    expect((await commit(a.account.token, first.importId)).json<CommitResult>()).toMatchObject({ inserted: 1 })
    const memberId = (await t.request(a.account.token, 'GET', `/api/v1/registrations?place=${a.place.code}`)).json<PageOf<Registration>>().items[0]!.member.id
    // the member signs in and registers at b too; b imports its sheet, which names the same ID number (and a new phone)
    const member = await buildAccount(t, { role: 'partyMember', scope: b.place.path, partyMemberId: Number(memberId) })
    const submitted = await t.request(member.token, 'POST', '/api/v1/registrations', { communityCode: b.place.code, unitId: String(unit.id) })
    expect(submitted.statusCode, submitted.body).toBe(201)
    const before = await counts()
    const second = (await dryRun(b.account.token, await xlsx(HEADERS, [['蒋涛', id, phone(), unit.name, '县发改局机关党支部', b.place.name, '矛盾调解员', '']]))).json<DryRunResult>()
    expect((await commit(b.account.token, second.importId)).json<CommitResult>()).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 })
    const after = await counts()
    expect(after.party_member).toBe(before.party_member)
    expect(after.party_registration).toBe(before.party_registration)
    const r = (await t.request(b.account.token, 'GET', `/api/v1/registrations/${submitted.json<Registration>().id}`)).json<Registration>()
    expect(r).toMatchObject({ status: 'confirmed', member: { id: memberId }, postName: '矛盾调解员' })
    expect(r.events!.map((e) => [e.action, e.fromStatus, e.toStatus])).toEqual([
      ['submit', null, 'submitted'],
      ['confirm', 'submitted', 'confirmed'],
    ])
  })

  it('two commits of one batch at once: one publishes, the other is 409, and the rows are written once', async () => {
    const { place, account } = await communityWithAccount()
    const [unit] = await registeredUnits(1)
    const d = (await dryRun(account.token, await xlsx(HEADERS, [['冯雪', '', phone(), unit, '', place.code, '', ''], ['褚航', '', phone(), unit, '', place.code, '', '']]))).json<DryRunResult>()
    const before = await counts()
    const [a, b] = await Promise.all([commit(account.token, d.importId), commit(account.token, d.importId)])
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409])
    const after = await counts()
    expect(after.party_registration).toBe(before.party_registration! + 2)
    expect(after.audit_log).toBe(before.audit_log! + 1)
    expect(await importAudits(d.importId)).toHaveLength(1)
  })

  it('is the uploader\'s own: another community\'s account cannot see or commit the batch (404)', async () => {
    const { place, account } = await communityWithAccount()
    const other = await communityWithAccount()
    const [unit] = await registeredUnits(1)
    const d = (await dryRun(account.token, await xlsx(HEADERS, [['郑爽', '', phone(), unit, '', place.code, '', '']]))).json<DryRunResult>()
    const before = await counts()
    expect((await commit(other.account.token, d.importId)).statusCode).toBe(404)
    expect((await t.request(other.account.token, 'GET', `/api/v1/imports/${d.importId}`)).statusCode).toBe(404)
    expect(await counts()).toEqual(before)
    expect((await t.request(account.token, 'GET', `/api/v1/imports/${d.importId}`)).json<ImportProgress>()).toMatchObject({ status: 'checked', total: 1, valid: 1, errorCount: 0 })
  })
})

describe('the units importer (报到单位)', () => {
  const UNITS = 'party-units'
  const UNIT_HEADERS = ['单位名称', '单位类型', '党组织名称', '联系人', '联系电话', '协议开始日期', '协议结束日期', '可提供资源', '年度共建计划']
  let unitSeq = 0
  const unitName = () => `镇宁导入测试单位${unitSeq++}`
  const unitDryRun = async (token: string, data: Buffer) => {
    const m = multipart({ data, name: '报到单位.xlsx' })
    return t.request(token, 'POST', `/api/v1/imports/${UNITS}/dry-run`, m.body, m.headers)
  }
  const unitCommit = (token: string, importId: string) => t.request(token, 'POST', `/api/v1/imports/${UNITS}/${importId}/commit`, {})
  const unitTables = async () => {
    const res = await t.database.db.execute(
      sql`select (select count(*)::int from party_unit) as units, (select count(*)::int from unit_registration) as regs, (select count(*)::int from workflow_event) as events`,
    )
    return rowsOf<{ units: number; regs: number; events: number }>(res)[0]!
  }

  it('the dry run reports exactly the faulty rows in Chinese and writes nothing', async () => {
    const { account } = await communityWithAccount()
    const good = [unitName(), '机关', '县财政局机关党支部', '张科长', '0851-3222111', '2026-01-01', '2027-12-31', '会议室、党员志愿者', '每季度一次共建活动']
    const file = await xlsx(UNIT_HEADERS, [
      good, // row 2
      [unitName(), '学校', '某党支部', '', '', '2026-01-01', '2027-12-31', '', ''], // row 3: not a kind
      [unitName(), '企业', '某公司党支部', '', '', '2027-01-01', '2026-01-01', '', ''], // row 4: ends before it starts
      [unitName(), '企业', '', '', '', '2026-01-01', '2027-12-31', '', ''], // row 5: no party organisation
      good, // row 6: the same unit twice
    ])
    const before = await unitTables()
    const res = await unitDryRun(account.token, file)
    expect(res.statusCode, res.body).toBe(200)
    const d = res.json<DryRunResult>()
    expect(d).toMatchObject({ total: 5, valid: 1, errorCount: 4 })
    expect(d.errors.map((e) => [e.row, e.column])).toEqual([
      [3, '单位类型'],
      [4, '协议结束日期'],
      [5, '党组织名称'],
      [6, ''],
    ])
    expect(d.errors[1]!.message).toContain('协议结束日期须晚于开始日期')
    expect(await unitTables()).toEqual(before)
    expect((await unitCommit(account.token, d.importId)).statusCode).toBe(422)
    expect(await unitTables()).toEqual(before)
  })

  it('commits the units as confirmed pairings with the community; re-importing changes nothing; a member may then name them', async () => {
    const { place, account } = await communityWithAccount()
    const [a, b] = [unitName(), unitName()]
    const file = await xlsx(UNIT_HEADERS, [
      [a, '机关', `${a}机关党支部`, '张科长', '0851-3222111', '2026-01-01', '2027-12-31', '会议室、党员志愿者', '每季度一次共建活动'],
      [b, '新兴领域组织', `${b}党支部`, '', '', '2026-03-01', '2026-12-31', '', ''],
    ])
    const before = await unitTables()
    const d = (await unitDryRun(account.token, file)).json<DryRunResult>()
    expect(d).toMatchObject({ total: 2, valid: 2, errorCount: 0 })
    expect((await unitCommit(account.token, d.importId)).json<CommitResult>()).toMatchObject({ inserted: 2, updated: 0, unchanged: 0 })
    const after = await unitTables()
    expect(after).toEqual({ units: before.units + 2, regs: before.regs + 2, events: before.events + 2 })
    const regs = (await t.request(account.token, 'GET', `/api/v1/unit-registrations?place=${place.code}`)).json<PageOf<UnitRegistration>>()
    const ra = regs.items.find((r) => r.unit.name === a)!
    expect(ra).toMatchObject({ status: 'confirmed', agreement: { termStart: '2026-01-01', termEnd: '2027-12-31', resources: ['会议室', '党员志愿者'], yearPlan: '每季度一次共建活动' } })

    // the same sheet again: nothing changes
    const again = (await unitDryRun(account.token, file)).json<DryRunResult>()
    expect((await unitCommit(account.token, again.importId)).json<CommitResult>()).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 })
    expect(await unitTables()).toEqual(after)

    // the units are registered now: the member import accepts them
    const m = (await dryRun(account.token, await xlsx(HEADERS, [['秦川', '', phone(), a, '', place.code, '', '']]))).json<DryRunResult>()
    expect(m).toMatchObject({ valid: 1, errorCount: 0 })
  })

  it('refuses a sheet with the wrong columns with 400 and writes nothing; a party member may not import units (403)', async () => {
    const { account } = await communityWithAccount()
    const before = await unitTables()
    const res = await unitDryRun(account.token, await xlsx(['名称', '电话'], [['某单位', '0851-3222111']]))
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'IMPORT_COLUMNS_MISMATCH' })
    expect(res.json<{ message: string }>().message).toContain('单位名称')
    expect(await unitTables()).toEqual(before)
    const member = await buildPartyMember(t, (await communityWithAccount()).place)
    expect((await t.request(member.account.token, 'GET', `/api/v1/imports/${UNITS}/template`)).statusCode).toBe(403)
  })
})
