/** County-level registers: departments and property companies (the county system administrator). */
import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { IdParams, Page } from '#contracts/common'
import {
  CreateDepartmentBody,
  CreatePropertyCompanyBody,
  Department,
  DepartmentParams,
  ListDepartmentsQuery,
  ListPropertyCompaniesQuery,
  PropertyCompany,
  RemoveQuery,
  Removed,
  UpdateDepartmentBody,
  UpdatePropertyCompanyBody,
} from '#contracts/registry'
import type { AppDeps } from '../../context'
import { ctxOf, errorResponses } from '../../http'
import {
  createDepartment,
  createPropertyCompany,
  getPropertyCompany,
  listDepartments,
  listPropertyCompanies,
  removeDepartment,
  removePropertyCompany,
  updateDepartment,
  updatePropertyCompany,
} from './county'

export function countyRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['registry']
    app.get(
      '/registry/departments',
      {
        schema: {
          tags,
          summary: '县直部门（街道吹哨的对象）：本县系统管理员维护；县内各级地点账号可查看',
          querystring: ListDepartmentsQuery,
          response: { 200: Page(Department), ...errorResponses(403, 404) },
        },
      },
      async (request) => listDepartments(ctxOf(deps, request), request.query),
    )
    app.post(
      '/registry/departments',
      { schema: { tags, summary: '登记部门', body: CreateDepartmentBody, response: { 201: Department, ...errorResponses(403, 404, 409, 422) } } },
      async (request, reply) => reply.status(201).send(await createDepartment(ctxOf(deps, request), request.body)),
    )
    app.patch(
      '/registry/departments/:code',
      {
        schema: {
          tags,
          summary: '修改部门（带上看到的 version；过期为 409）',
          params: DepartmentParams,
          body: UpdateDepartmentBody,
          response: { 200: Department, ...errorResponses(403, 404, 409, 422) },
        },
      },
      async (request) => updateDepartment(ctxOf(deps, request), request.params.code, request.body),
    )
    app.delete(
      '/registry/departments/:code',
      {
        schema: {
          tags,
          summary: '删除部门（?version=；仍被引用时 422）',
          params: DepartmentParams,
          querystring: RemoveQuery,
          response: { 200: Removed, ...errorResponses(403, 404, 409, 422) },
        },
      },
      async (request) => removeDepartment(ctxOf(deps, request), request.params.code, request.query.version),
    )
    app.get(
      '/registry/property-companies',
      {
        schema: {
          tags,
          summary: '物业公司：本县系统管理员维护；县内各级地点账号可查看（登记小区时选择）',
          querystring: ListPropertyCompaniesQuery,
          response: { 200: Page(PropertyCompany), ...errorResponses(403, 404) },
        },
      },
      async (request) => listPropertyCompanies(ctxOf(deps, request), request.query),
    )
    app.post(
      '/registry/property-companies',
      { schema: { tags, summary: '登记物业公司', body: CreatePropertyCompanyBody, response: { 201: PropertyCompany, ...errorResponses(403, 404, 409, 422) } } },
      async (request, reply) => reply.status(201).send(await createPropertyCompany(ctxOf(deps, request), request.body)),
    )
    app.get(
      '/registry/property-companies/:id',
      { schema: { tags, summary: '物业公司详情', params: IdParams, response: { 200: PropertyCompany, ...errorResponses(403, 404) } } },
      async (request) => getPropertyCompany(ctxOf(deps, request), Number(request.params.id)),
    )
    app.patch(
      '/registry/property-companies/:id',
      {
        schema: {
          tags,
          summary: '修改物业公司（带上看到的 version；过期为 409）',
          params: IdParams,
          body: UpdatePropertyCompanyBody,
          response: { 200: PropertyCompany, ...errorResponses(403, 404, 409, 422) },
        },
      },
      async (request) => updatePropertyCompany(ctxOf(deps, request), Number(request.params.id), request.body),
    )
    app.delete(
      '/registry/property-companies/:id',
      {
        schema: {
          tags,
          summary: '删除物业公司（?version=；仍被引用时 422）',
          params: IdParams,
          querystring: RemoveQuery,
          response: { 200: Removed, ...errorResponses(403, 404, 409, 422) },
        },
      },
      async (request) => removePropertyCompany(ctxOf(deps, request), Number(request.params.id), request.query.version),
    )
  }
}
