/**
 * The county-level registers: departments (部门, whistled in by the streets) and property companies
 * (物业公司, which serve compounds and take appeals). Kept by the county's system administrator; read by
 * every place account of the county, which chooses from them.
 */
import type { Ctx } from '../../context'
import { AppError, notFound } from '../../errors'
import { decodeCursor } from '../../lib/cursor'
import { authorize } from '../../permissions'
import type { PageOf } from '#contracts/common'
import type {
  CreateDepartmentBody,
  CreatePropertyCompanyBody,
  Department,
  ListDepartmentsQuery,
  ListPropertyCompaniesQuery,
  PropertyCompany,
  Removed,
  UpdateDepartmentBody,
  UpdatePropertyCompanyBody,
} from '#contracts/registry'
import { commitCreate, commitRemove, commitUpdate, countyOf, OUT_OF_SCOPE, pageOf, patchOf, sameVersion } from './common'
import { presentDepartment, presentPropertyCompany } from './presenter'
import {
  countDepartments,
  countPropertyCompanies,
  deleteDepartmentVersioned,
  deletePropertyCompanyVersioned,
  findDepartmentRow,
  findPropertyCompanyRow,
  insertDepartment,
  insertPropertyCompanyRow,
  isDepartmentUsed,
  isPropertyCompanyUsed,
  listDepartmentRows,
  listPropertyCompanyRows,
  updateDepartmentVersioned,
  updatePropertyCompanyVersioned,
} from './queries'

// ---- 部门 -----------------------------------------------------------------------------------------

export async function listDepartments(ctx: Ctx, q: ListDepartmentsQuery): Promise<PageOf<Department>> {
  authorize(ctx.actor, 'registry.readCounty')
  const countyCode = countyOf(ctx, q.county)
  const limit = q.limit ?? 20
  const cursor = decodeCursor(q.cursor, { code: 'code' })
  const rows = await listDepartmentRows(ctx.db, { countyCode, limit, ...(cursor ? { afterCode: cursor.code } : {}) })
  return pageOf(rows, limit, presentDepartment, (d) => ({ code: d.code }), q.withTotal ? () => countDepartments(ctx.db, countyCode) : undefined)
}

/** A department the caller administers: 403 for any role but the system administrator, 404 outside their county. */
async function keptDepartment(ctx: Ctx, code: string) {
  authorize(ctx.actor, 'registry.keepCounty')
  const d = await findDepartmentRow(ctx.db, code)
  if (!d) throw notFound(OUT_OF_SCOPE)
  authorize(ctx.actor, 'registry.county', d.countyCode)
  return d
}

/** 新增部门: its code is the county code and a short name (520402-zjj), unique. */
export async function createDepartment(ctx: Ctx, body: CreateDepartmentBody): Promise<Department> {
  authorize(ctx.actor, 'registry.keepCounty')
  const countyCode = ctx.actor.placeCode!
  authorize(ctx.actor, 'registry.county', countyCode)
  const d = await commitCreate(
    ctx,
    'department',
    (tx) => insertDepartment(tx, { code: `${countyCode}-${body.suffix}`, countyCode, name: body.name.trim() }).then((r) => r && { ...r, id: r.code }),
    { conflict: { code: 'DEPARTMENT_CODE_TAKEN' } },
  )
  return presentDepartment(d)
}

export async function updateDepartment(ctx: Ctx, code: string, body: UpdateDepartmentBody): Promise<Department> {
  const d = await keptDepartment(ctx, code)
  sameVersion(d.version, body.version)
  const patch = patchOf(body)
  const updated = await commitUpdate(ctx, {
    entityType: 'department',
    id: code,
    before: d,
    fields: Object.keys(patch),
    apply: (tx) => updateDepartmentVersioned(tx, code, body.version, { ...(patch.name ? { name: patch.name.trim() } : {}) }),
  })
  return presentDepartment(updated)
}

/** 删除部门: only one never whistled in and without an account (its history names it). */
export async function removeDepartment(ctx: Ctx, code: string, version: number): Promise<Removed> {
  const d = await keptDepartment(ctx, code)
  return commitRemove(ctx, {
    entityType: 'department',
    id: code,
    version,
    current: d,
    inUse: (tx) => isDepartmentUsed(tx, code),
    inUseCode: 'DEPARTMENT_IN_USE',
    apply: (tx) => deleteDepartmentVersioned(tx, code, version),
  })
}

// ---- 物业公司 ---------------------------------------------------------------------------------------

export async function listPropertyCompanies(ctx: Ctx, q: ListPropertyCompaniesQuery): Promise<PageOf<PropertyCompany>> {
  authorize(ctx.actor, 'registry.readCounty')
  const countyCode = countyOf(ctx, q.county)
  const limit = q.limit ?? 20
  const cursor = decodeCursor(q.cursor, { id: 'id' })
  const filter = { countyCode, ...(q.q ? { q: q.q } : {}) }
  const rows = await listPropertyCompanyRows(ctx.db, { ...filter, limit, ...(cursor ? { afterId: cursor.id } : {}) })
  return pageOf(rows, limit, presentPropertyCompany, (r) => ({ id: r.company.id }), q.withTotal ? () => countPropertyCompanies(ctx.db, filter) : undefined)
}

export async function getPropertyCompany(ctx: Ctx, id: number): Promise<PropertyCompany> {
  authorize(ctx.actor, 'registry.readCounty')
  const r = await findPropertyCompanyRow(ctx.db, id)
  if (!r) throw notFound(OUT_OF_SCOPE)
  authorize(ctx.actor, 'registry.countyReach', r.company.countyCode)
  return presentPropertyCompany(r)
}

async function keptPropertyCompany(ctx: Ctx, id: number) {
  authorize(ctx.actor, 'registry.keepCounty')
  const r = await findPropertyCompanyRow(ctx.db, id)
  if (!r) throw notFound(OUT_OF_SCOPE)
  authorize(ctx.actor, 'registry.county', r.company.countyCode)
  return r.company
}

/** 登记物业公司 of the administrator's county; its account is then made by the security administrator (scope property:<id>). */
export async function createPropertyCompany(ctx: Ctx, body: CreatePropertyCompanyBody): Promise<PropertyCompany> {
  authorize(ctx.actor, 'registry.keepCounty')
  const countyCode = ctx.actor.placeCode!
  authorize(ctx.actor, 'registry.county', countyCode)
  const c = await commitCreate(ctx, 'propertyCompany', (tx) =>
    insertPropertyCompanyRow(tx, { name: body.name.trim(), countyCode, creditCode: body.creditCode ?? null, contactPhone: body.contactPhone ?? null }),
  )
  return getPropertyCompany(ctx, c.id)
}

export async function updatePropertyCompany(ctx: Ctx, id: number, body: UpdatePropertyCompanyBody): Promise<PropertyCompany> {
  const c = await keptPropertyCompany(ctx, id)
  sameVersion(c.version, body.version)
  const patch = patchOf(body)
  await commitUpdate(ctx, {
    entityType: 'propertyCompany',
    id,
    before: c,
    fields: Object.keys(patch),
    apply: (tx) => updatePropertyCompanyVersioned(tx, id, body.version, { ...patch, ...(patch.name ? { name: patch.name.trim() } : {}) }),
  })
  return getPropertyCompany(ctx, id)
}

/** 删除物业公司: only one that serves no compound, has no account and never held an appeal. */
export async function removePropertyCompany(ctx: Ctx, id: number, version: number): Promise<Removed> {
  const c = await keptPropertyCompany(ctx, id)
  return commitRemove(ctx, {
    entityType: 'propertyCompany',
    id,
    version,
    current: c,
    inUse: (tx) => isPropertyCompanyUsed(tx, id, c.countyCode),
    inUseCode: 'PROPERTY_COMPANY_IN_USE',
    apply: (tx) => deletePropertyCompanyVersioned(tx, id, version),
  })
}

/** A property company of the county, to be named by a compound (400 otherwise). */
export async function companyOfCounty(ctx: Ctx, id: number, countyCode: string, field: string) {
  const r = await findPropertyCompanyRow(ctx.db, id)
  if (!r || r.company.countyCode !== countyCode) throw new AppError('UNKNOWN_PROPERTY_COMPANY', undefined, [{ field, message: '物业公司不存在或不在本县' }])
  return r.company
}
