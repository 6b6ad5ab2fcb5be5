/**
 * 特殊人群 through the HTTP API: each kind visible only to the roles that need it (a record out of sight is 404 and
 * absent from lists and counts), masked by default, the unmasked read limited to the kind's keepers and audited,
 * every read audited, refused writes writing nothing; the two street roles (综治中心, 司法所) made by the security
 * administrator and able to log in.
 */
import { randomBytes } from 'node:crypto'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql, type SQL } from 'drizzle-orm'
import type { SpecialGroup } from '#contracts/special-groups'
import type { CommitResult, DryRunResult } from '#contracts/imports'
import { makeIdNumber } from '../../lib/id-number'
import { rowsOf } from '../../db/client'
import { placePath, SYSTEM_ACTOR, type Actor } from '../../permissions'
import { makeCtx } from '../../context'
import { specialGroupFigures } from './index'
import {
  buildAccount,
  buildAdmin,
  buildGrid,
  buildGridWorker,
  buildPlaceAccount,
  buildResidentRecord,
  buildStreetAccount,
  FACTORY_STREET,
  type BuiltAccount,
} from '../../../test/factories'
import { createTestApp, type TestApp } from '../../../test/setup'

let t: TestApp
const q = async <T = Record<string, unknown>>(s: SQL) => rowsOf<T>(await t.database.db.execute(s))

type Grid = Awaited<ReturnType<typeof buildGrid>>
let gridA: Grid
let gridB: Grid
let communityA: BuiltAccount
let communityB: BuiltAccount
let workerA: BuiltAccount
let street: BuiltAccount
let zz: BuiltAccount
let sfs: BuiltAccount
let zzElsewhere: BuiltAccount
let r1: { id: number; name: string }
let r2: { id: number; name: string }
let r3: { id: number; name: string }

beforeAll(async () => {
  t = await createTestApp()
  gridA = await buildGrid(t)
  gridB = await buildGrid(t)
  communityA = await buildPlaceAccount(t, gridA.community, 'community')
  communityB = await buildPlaceAccount(t, gridB.community, 'community')
  workerA = await buildGridWorker(t, gridA)
  street = await buildStreetAccount(t)
  zz = await buildAccount(t, { role: 'publicSafety', scope: placePath(FACTORY_STREET), displayName: '环翠街道综治中心' })
  sfs = await buildAccount(t, { role: 'judicialOffice', scope: placePath(FACTORY_STREET), displayName: '环翠街道司法所' })
  // another street of the county (宁西街道)
  zzElsewhere = await buildAccount(t, { role: 'publicSafety', scope: placePath('520423001'), displayName: '宁西街道综治中心' })
  r1 = await buildResidentRecord(t, { grid: gridA })
  r2 = await buildResidentRecord(t, { grid: gridA })
  r3 = await buildResidentRecord(t, { grid: gridB })
})
afterAll(async () => t?.close())

const create = (a: BuiltAccount, body: Record<string, unknown>) => t.request(a.token, 'POST', '/api/v1/special-groups', body)
const get = (a: BuiltAccount, id: string, full = false) => t.request(a.token, 'GET', `/api/v1/special-groups/${id}${full ? '/full' : ''}`)
const list = async (a: BuiltAccount, query = '') => {
  const res = await t.request(a.token, 'GET', `/api/v1/special-groups?limit=100&withTotal=true${query}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json<{ items: SpecialGroup[]; total: number }>()
}
const counts = async (a: BuiltAccount) => {
  const res = await t.request(a.token, 'GET', '/api/v1/special-groups/counts')
  expect(res.statusCode, res.body).toBe(200)
  return res.json<{ items: { kind: string; active: number }[] }>().items
}
const groupRows = async () => (await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM special_group`))[0]!.n
const auditRows = async () => (await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'specialGroup'`))[0]!.n
const auditOf = (action: string, userId: number) =>
  q<{ entity_id: string | null; detail: { ids?: string[]; masked?: boolean } }>(
    sql`SELECT entity_id, detail FROM audit_log WHERE action = ${action} AND actor_user_id = ${userId} ORDER BY id`,
  )

async function created(a: BuiltAccount, body: Record<string, unknown>): Promise<SpecialGroup> {
  const res = await create(a, body)
  expect(res.statusCode, res.body).toBe(201)
  return res.json<SpecialGroup>()
}

describe('who sees which kind', () => {
  let elderly: SpecialGroup
  let correction: SpecialGroup
  let mental: SpecialGroup

  beforeAll(async () => {
    elderly = await created(communityA, {
      residentId: String(r1.id),
      kind: 'elderlyAlone',
      level: 'attention',
      details: { emergencyContactName: '李小红', emergencyContactPhone: '13912345678' },
      since: '2026-01-01',
    })
    correction = await created(sfs, {
      residentId: String(r1.id),
      kind: 'communityCorrection',
      level: 'key',
      details: { correctionType: '缓刑', termStart: '2026-03-01', termEnd: '2027-03-01', crime: '盗窃罪' },
    })
    mental = await created(zz, { residentId: String(r2.id), kind: 'severeMental', details: { riskLevel: 3, guardianName: '王大山', guardianPhone: '13800001111' } })
  })

  it('hides the managed groups from the community and the grid worker: 404 on the detail, absent from lists and counts', async () => {
    for (const a of [communityA, workerA]) {
      for (const g of [correction, mental]) {
        const res = await get(a, g.id)
        expect(res.statusCode).toBe(404)
        expect(res.json()).toMatchObject({ code: 'NOT_FOUND' })
        expect((await get(a, g.id, true)).statusCode).toBe(404)
      }
      const all = await list(a)
      expect(all.items.map((g) => g.id)).toContain(elderly.id)
      expect(all.items.every((g) => g.category === 'care')).toBe(true)
      expect(all.total).toBe(all.items.length)
      const asked = await list(a, '&kind=communityCorrection')
      expect(asked.items).toEqual([])
      expect(asked.total).toBe(0)
      expect((await list(a, '&category=managed')).items).toEqual([])
      // filtering by the person does not reveal their other records either
      expect((await list(a, `&residentId=${r1.id}`)).items.map((g) => g.kind)).not.toContain('communityCorrection')
      const c = await counts(a)
      expect(c.map((x) => x.kind)).not.toContain('communityCorrection')
      expect(c.map((x) => x.kind)).not.toContain('severeMental')
      expect(c.find((x) => x.kind === 'elderlyAlone')?.active).toBeGreaterThanOrEqual(1)
    }
  })

  it('lets 司法所 see 社区矫正 but not 严重精神障碍, nor the care groups', async () => {
    expect((await get(sfs, correction.id)).statusCode).toBe(200)
    expect((await get(sfs, mental.id)).statusCode).toBe(404)
    expect((await get(sfs, elderly.id)).statusCode).toBe(404)
    const seen = (await list(sfs)).items
    expect(seen.map((g) => g.id)).toContain(correction.id)
    expect(seen.every((g) => g.kind === 'communityCorrection' || g.kind === 'released')).toBe(true)
    expect((await counts(sfs)).map((x) => x.kind)).toEqual(['communityCorrection', 'released'])
  })

  it('lets the 综治中心 of the street see all of them, and another street’s 综治中心 none', async () => {
    expect((await list(zz)).items.map((g) => g.id)).toEqual(expect.arrayContaining([elderly.id, correction.id, mental.id]))
    for (const g of [elderly, correction, mental]) expect((await get(zzElsewhere, g.id)).statusCode).toBe(404)
    const none = await list(zzElsewhere)
    expect(none.items).toEqual([])
    expect(none.total).toBe(0)
    expect((await counts(zzElsewhere)).every((x) => x.active === 0)).toBe(true)
  })

  it('shows the street the care groups, masked, but never the managed ones, and no full read', async () => {
    const seen = (await list(street)).items
    expect(seen.map((g) => g.id)).toContain(elderly.id)
    expect(seen.every((g) => g.category === 'care')).toBe(true)
    expect((await get(street, correction.id)).statusCode).toBe(404)
    const d = (await get(street, elderly.id)).json<SpecialGroup>()
    expect(d.allowedActions).toEqual([])
    const full = await get(street, elderly.id, true)
    expect(full.statusCode).toBe(403)
  })

  it('masks the detail — ID number, phones, crime, risk level — unless read in full by a keeper, which is audited', async () => {
    const masked = (await get(sfs, correction.id)).json<SpecialGroup>()
    expect(masked.full).toBe(false)
    expect(masked.resident.idNumber).toMatch(/^520423\*{8}[0-9]{3}[0-9X]$/)
    expect(masked.details).toMatchObject({ correctionType: '缓刑', crime: '已登记', termEnd: '2027-03-01' })
    expect(masked.allowedActions).toEqual(['update', 'end', 'readFull'])
    const m2 = (await get(zz, mental.id)).json<SpecialGroup>()
    expect(m2.details).toMatchObject({ riskLevel: '已登记', guardianName: '王大山', guardianPhone: '138****1111' })
    const e = (await get(communityA, elderly.id)).json<SpecialGroup>()
    expect(e.details).toEqual({ emergencyContactName: '李小红', emergencyContactPhone: '139****5678' })
    // the phone of the details is stored encrypted
    const [stored] = await q<{ details: Record<string, unknown> }>(sql`SELECT details FROM special_group WHERE id = ${Number(elderly.id)}`)
    expect(JSON.stringify(stored!.details)).not.toContain('13912345678')

    const before = (await auditOf('specialGroup.readFull', sfs.id)).length
    const full = await get(sfs, correction.id, true)
    expect(full.statusCode, full.body).toBe(200)
    const f = full.json<SpecialGroup>()
    expect(f.full).toBe(true)
    expect(f.details).toMatchObject({ crime: '盗窃罪' })
    expect(f.resident.idNumber).toMatch(/^520423[0-9]{11}[0-9X]$/)
    const rows = await auditOf('specialGroup.readFull', sfs.id)
    expect(rows.length).toBe(before + 1)
    expect(rows.at(-1)).toMatchObject({ entity_id: correction.id, detail: { masked: false } })

    // a record for a person named by their full ID number (blind index, under the caller's place)
    const byNumber = await created(zz, { idNumber: f.resident.idNumber, kind: 'keyYouth', details: { type: '闲散青少年' } })
    expect(byNumber.resident.id).toBe(String(r1.id))
    expect((await create(zzElsewhere, { idNumber: f.resident.idNumber, kind: 'drugUser' })).json().code).toBe('UNKNOWN_RESIDENT')

    // search by the full ID number (blind index), and by name
    const byId = await list(sfs, `&q=${f.resident.idNumber}`)
    expect(byId.items.map((g) => g.id)).toEqual([correction.id])
    expect((await list(zz, `&q=${f.resident.idNumber}`)).items.map((g) => g.kind).sort()).toEqual(['communityCorrection', 'elderlyAlone', 'keyYouth'])
    expect((await list(communityA, `&kind=elderlyAlone&q=${encodeURIComponent(r1.name)}`)).items.map((g) => g.id)).toEqual([elderly.id])
    expect((await list(communityA, `&kind=elderlyAlone&q=${encodeURIComponent(r2.name)}`)).items).toEqual([])
  })

  it('exports the caller’s kinds only, masked, with a watermark line, audited with the ids exported', async () => {
    const sheet = async (a: BuiltAccount) => {
      const res = await t.request(a.token, 'GET', `/api/v1/exports/special-groups?place=${gridA.code}`)
      expect(res.statusCode, res.body).toBe(200)
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
      const ws = wb.worksheets[0]!
      const text: string[] = []
      ws.eachRow((row) => text.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')).join('|')))
      return text
    }
    const byCommunity = await sheet(communityA)
    expect(byCommunity[1]).toContain(`导出人：${communityA.displayName}`)
    expect(byCommunity.join('\n')).toContain('独居老人')
    expect(byCommunity.join('\n')).not.toContain('社区矫正')
    expect(byCommunity.join('\n')).not.toContain('13912345678')
    const byZz = (await sheet(zz)).join('\n')
    expect(byZz).toContain('社区矫正对象')
    expect(byZz).toContain('罪名：已登记')
    expect(byZz).not.toContain('盗窃罪')
    const [row] = (await auditOf('specialGroup.export', zz.id)).slice(-1)
    expect(row!.detail.ids).toEqual(expect.arrayContaining([elderly.id, correction.id, mental.id]))
  })

  it('gives the monthly tables figures of the caller’s readable kinds only', async () => {
    const scope = { placePrefix: gridA.community.code, from: null, to: t.clock.now(), today: '2026-11-23', groupBy: 15 }
    const as = (role: Actor['role'], placeCode: string) => makeCtx(t.deps, { ...SYSTEM_ACTOR, userId: 1, role, placeCode, scope: placePath(placeCode) }, null)
    const community = await specialGroupFigures(as('community', gridA.community.code), scope)
    expect(community.map((r) => r.kind)).toContain('elderlyAlone')
    expect(community.map((r) => r.kind)).not.toContain('communityCorrection')
    expect(community.every((r) => r.key === gridA.code)).toBe(true)
    const zzFigures = await specialGroupFigures(as('publicSafety', FACTORY_STREET), scope)
    expect(zzFigures.find((r) => r.kind === 'severeMental')?.n).toBe(1)
  })

  it('audits every read: a list one row naming the ids it returned, a detail one row', async () => {
    const lists = (await auditOf('specialGroup.list', workerA.id)).length
    const page = await list(workerA)
    const listRows = await auditOf('specialGroup.list', workerA.id)
    expect(listRows.length).toBe(lists + 1)
    expect(listRows.at(-1)!.detail.ids).toEqual(page.items.map((g) => g.id))

    const reads = (await auditOf('specialGroup.read', workerA.id)).length
    expect((await get(workerA, elderly.id)).statusCode).toBe(200)
    const readRows = await auditOf('specialGroup.read', workerA.id)
    expect(readRows.length).toBe(reads + 1)
    expect(readRows.at(-1)).toMatchObject({ entity_id: elderly.id, detail: { masked: true } })
  })
})

describe('writes', () => {
  it('refused writes write nothing: a kind not the caller’s (403), a person out of scope (400), a record out of sight (404)', async () => {
    const [rows, audits] = [await groupRows(), await auditRows()]
    const kindRefused = await create(communityA, { residentId: String(r1.id), kind: 'communityCorrection', details: {} })
    expect(kindRefused.statusCode).toBe(403)
    expect(kindRefused.json().code).toBe('SPECIAL_GROUP_KIND_FORBIDDEN')
    expect((await create(sfs, { residentId: String(r1.id), kind: 'severeMental' })).statusCode).toBe(403)
    const outside = await create(communityA, { residentId: String(r3.id), kind: 'disabled' })
    expect(outside.statusCode).toBe(400)
    expect(outside.json().code).toBe('UNKNOWN_RESIDENT')
    const badDetails = await create(communityA, { residentId: String(r1.id), kind: 'disabled', details: { grade: '五级' } })
    expect(badDetails.statusCode).toBe(400)

    const theirs = await created(communityB, { residentId: String(r3.id), kind: 'veteran', details: { type: '退役士兵' } })
    const [rows2, audits2] = [await groupRows(), await auditRows()]
    for (const res of [
      await t.request(communityA.token, 'PATCH', `/api/v1/special-groups/${theirs.id}`, { version: 1, level: 'key' }),
      await t.request(communityA.token, 'POST', `/api/v1/special-groups/${theirs.id}/end`, { version: 1, until: '2026-11-23', endReason: '迁出' }),
      await t.request(zzElsewhere.token, 'PATCH', `/api/v1/special-groups/${theirs.id}`, { version: 1, level: 'key' }),
    ]) {
      expect(res.statusCode).toBe(404)
    }
    // a reader that keeps nothing (the street)
    const streetPatch = await t.request(street.token, 'PATCH', `/api/v1/special-groups/${theirs.id}`, { version: 1, level: 'key' })
    expect(streetPatch.statusCode).toBe(403)
    expect(await groupRows()).toBe(rows2)
    expect(await auditRows()).toBe(audits2)
    expect(rows2).toBe(rows + 1)
    expect(audits2).toBe(audits + 1)
  })

  it('keeps one active record per person and kind (409 in Chinese), updates with a version (409 when stale), ends and keeps the record', async () => {
    const r = await buildResidentRecord(t, { grid: gridA })
    const g = await created(workerA, { residentId: String(r.id), kind: 'disabled', details: { grade: '二级', type: '肢体', certificateNo: '52042319500101123X42' } })
    const again = await create(communityA, { residentId: String(r.id), kind: 'disabled' })
    expect(again.statusCode).toBe(409)
    expect(again.json()).toMatchObject({ code: 'SPECIAL_GROUP_EXISTS', message: '该居民已有一条在册的同类特殊人群记录' })

    const patched = await t.request(communityA.token, 'PATCH', `/api/v1/special-groups/${g.id}`, { version: g.version, level: 'key', details: { grade: '一级', type: '肢体' } })
    expect(patched.statusCode, patched.body).toBe(200)
    expect(patched.json<SpecialGroup>()).toMatchObject({ level: 'key', levelName: '重点', version: 2, details: { grade: '一级', type: '肢体' } })
    const stale = await t.request(workerA.token, 'PATCH', `/api/v1/special-groups/${g.id}`, { version: g.version, level: 'normal' })
    expect(stale.statusCode).toBe(409)

    const ended = await t.request(workerA.token, 'POST', `/api/v1/special-groups/${g.id}/end`, { version: 2, until: '2026-11-20', endReason: '不再符合条件' })
    expect(ended.statusCode, ended.body).toBe(200)
    expect(ended.json<SpecialGroup>()).toMatchObject({ status: 'ended', statusName: '已解除', until: '2026-11-20', endReason: '不再符合条件', allowedActions: ['readFull'] })
    expect((await list(communityA, `&residentId=${r.id}&status=ended`)).items.map((x) => x.id)).toEqual([g.id])
    const late = await t.request(communityA.token, 'PATCH', `/api/v1/special-groups/${g.id}`, { version: 3, level: 'normal' })
    expect(late.statusCode).toBe(422)
    expect(late.json().code).toBe('SPECIAL_GROUP_ENDED')
    // a new record of the same kind may follow the ended one
    expect((await create(communityA, { residentId: String(r.id), kind: 'disabled' })).statusCode).toBe(201)
  })
})

describe('the street roles', () => {
  it('are created by the security administrator with a street scope, and log in to their pages', async () => {
    const sec = await buildAdmin(t, 'securityAdmin')
    const wrongDepth = await t.request(sec.token, 'POST', '/api/v1/users', {
      username: 'zz_wrong',
      password: 'Zong@Zhi2026',
      displayName: '综治',
      role: 'publicSafety',
      scope: gridA.community.path,
    })
    expect(wrongDepth.statusCode).toBe(400)
    for (const [username, role] of [
      ['hc_zz_new', 'publicSafety'],
      ['hc_sfs_new', 'judicialOffice'],
    ] as const) {
      const res = await t.request(sec.token, 'POST', '/api/v1/users', { username, password: 'Zong@Zhi2026', displayName: '街道', role, scope: placePath(FACTORY_STREET) })
      expect(res.statusCode, res.body).toBe(201)
      const first = await t.login(username, 'Zong@Zhi2026')
      const changed = await t.request(first, 'POST', '/api/v1/auth/password', { oldPassword: 'Zong@Zhi2026', newPassword: 'Own#Choice2026' })
      expect(changed.statusCode, changed.body).toBe(200)
      const token = changed.json<{ token: string }>().token
      const me = await t.request(token, 'GET', '/api/v1/me')
      expect(me.json()).toMatchObject({ role })
      const page = await t.request(token, 'GET', '/api/v1/special-groups')
      expect(page.statusCode, page.body).toBe(200)
      const abilities = await t.request(token, 'GET', '/api/v1/special-groups/abilities')
      expect(abilities.json().readable).toContain('communityCorrection')
    }
  })
})

describe('the demo', () => {
  it('gives 北街 typed care records and a few managed ones, seen by 综治中心 and 司法所 only', async () => {
    const token = async (u: string) => t.login(u)
    const countsOf = async (u: string) => {
      const res = await t.request(await token(u), 'GET', '/api/v1/special-groups/counts?place=520423002013')
      expect(res.statusCode, res.body).toBe(200)
      return Object.fromEntries(res.json<{ items: { kind: string; active: number }[] }>().items.map((x) => [x.kind, x.active]))
    }
    const zzCounts = await countsOf('hc_zz')
    expect(zzCounts).toMatchObject({ communityCorrection: 2, released: 2, severeMental: 1 })
    expect(zzCounts.elderlyAlone).toBeGreaterThan(0)
    expect(await countsOf('hc_sfs')).toEqual({ communityCorrection: 2, released: 2 })
    const sq = await countsOf('bj_sq')
    expect(Object.keys(sq)).not.toContain('communityCorrection')
    expect(sq.elderlyAlone).toBe(zzCounts.elderlyAlone)
    expect(sq.disabled! + sq.minimumLiving! + sq.veteran!).toBeGreaterThan(0)
  })
})

describe('the Excel import', () => {
  async function xlsx(headers: string[], rows: unknown[][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('特殊人群')
    ws.addRow(headers)
    for (const r of rows) ws.addRow(r)
    return Buffer.from(await wb.xlsx.writeBuffer())
  }
  async function upload(a: BuiltAccount, register: string, data: Buffer) {
    const boundary = `----yw${randomBytes(8).toString('hex')}`
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="特殊人群.xlsx"\r\ncontent-type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ])
    return t.request(a.token, 'POST', `/api/v1/imports/${register}/dry-run`, body, { 'content-type': `multipart/form-data; boundary=${boundary}` })
  }
  /** a resident's full ID number, as the community reads it (an audited full read of a care record) */
  async function idNumberOf(residentId: number): Promise<string> {
    const g = await created(communityA, { residentId: String(residentId), kind: 'advancedAge' })
    return (await get(communityA, g.id, true)).json<SpecialGroup>().resident.idNumber!
  }

  it('reports faulty rows and writes nothing, then imports the corrected sheet once: a second import changes nothing', async () => {
    const p1 = await buildResidentRecord(t, { grid: gridA })
    const p2 = await buildResidentRecord(t, { grid: gridA })
    const [id1, id2] = [await idNumberOf(p1.id), await idNumberOf(p2.id)]
    const stranger = makeIdNumber('520423', '19700101', 987)
    const headers = ['身份证号', '姓名', '人群类别', '等级', '起始日期', '备注', '残疾等级', '残疾类别', '紧急联系人', '紧急联系人电话']
    const good = [
      [id1, p1.name, '残疾人', '关注', '2025-05-01', '', '二级', '肢体', '', ''],
      [id2, p2.name, '独居老人', '', '2024-01-01', '子女在外地', '', '', '张三', '13911112222'],
    ]
    const before = await groupRows()
    const faulty = await upload(communityA, 'special-groups', await xlsx(headers, [...good, [stranger, '某某', '低保对象', '', '', '', '', '', '', ''], [id1, p1.name, '独居老人', '', '', '', '三级', '', '', '']]))
    expect(faulty.statusCode, faulty.body).toBe(200)
    const report = faulty.json<DryRunResult>()
    expect(report.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [4, '身份证号', '居民不在台账中'],
      [5, '残疾等级', '「残疾等级」不适用于独居老人，请留空'],
    ])
    expect(await groupRows()).toBe(before)

    const dry = await upload(communityA, 'special-groups', await xlsx(headers, good))
    const ok = dry.json<DryRunResult>()
    expect(ok.errors).toEqual([])
    const commit = await t.request(communityA.token, 'POST', `/api/v1/imports/special-groups/${ok.importId}/commit`, {})
    expect(commit.statusCode, commit.body).toBe(200)
    expect(commit.json<CommitResult>()).toMatchObject({ inserted: 2, updated: 0, unchanged: 0 })
    const again = (await upload(communityA, 'special-groups', await xlsx(headers, good))).json<DryRunResult>()
    const second = await t.request(communityA.token, 'POST', `/api/v1/imports/special-groups/${again.importId}/commit`, {})
    expect(second.json<CommitResult>()).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 })
    const mine = await list(communityA, `&residentId=${p2.id}&kind=elderlyAlone`)
    expect(mine.items[0]!.details).toEqual({ emergencyContactName: '张三', emergencyContactPhone: '139****2222' })

    // a community may not import the managed groups at all
    expect((await upload(communityA, 'managed-groups', await xlsx(['身份证号', '人群类别'], [[id1, '社区矫正对象']]))).statusCode).toBe(403)
  })
})
