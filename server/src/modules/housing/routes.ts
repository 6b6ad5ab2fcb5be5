import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { IdParams, Page } from '#contracts/common'
import {
  AddTenantBody,
  BuildingRooms,
  CreateRentalBody,
  CreateRoomBody,
  EndRentalBody,
  EndTenantBody,
  ExportRentalsQuery,
  ExportRoomsQuery,
  HousingBuilding,
  ListHousingBuildingsQuery,
  ListRentalsQuery,
  Rental,
  RevealedField,
  RevealLandlordBody,
  Room,
  RoomUseHistory,
  TenantParams,
  UpdateRentalBody,
  UpdateRoomBody,
} from '#contracts/housing'
import type { AppDeps } from '../../context'
import { XLSX_MIME } from '../../core/excel/index'
import { loggable } from '../../errors'
import { ctxOf, errorResponses } from '../../http'
import { exportRentals, exportRooms } from './export'
import {
  addTenant,
  createRental,
  createRoom,
  endRental,
  endTenant,
  getBuildingRooms,
  getRental,
  getRoom,
  getRoomUseHistory,
  listHousingBuildingsFor,
  listRentalsFor,
  revealLandlordField,
  updateRental,
  updateRoom,
} from './service'

export function housingRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app0) => {
    const app = app0.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['housing']
    app.get(
      '/housing/buildings',
      { schema: { tags, summary: '实有房屋：辖区内楼栋，含各使用状态的房屋数与在租数', querystring: ListHousingBuildingsQuery, response: { 200: Page(HousingBuilding), ...errorResponses(403, 404) } } },
      async (request) => listHousingBuildingsFor(ctxOf(deps, request), request.query),
    )
    app.get(
      '/housing/buildings/:id/rooms',
      { schema: { tags, summary: '楼栋的每一间房：单元、楼层、使用状态、户主（脱敏）、在住人数、在租登记', params: IdParams, response: { 200: BuildingRooms, ...errorResponses(403, 404) } } },
      async (request) => getBuildingRooms(ctxOf(deps, request), Number(request.params.id)),
    )
    app.get(
      '/housing/rooms/:id',
      { schema: { tags, summary: '一间房屋', params: IdParams, response: { 200: Room, ...errorResponses(403, 404) } } },
      async (request) => getRoom(ctxOf(deps, request), Number(request.params.id)),
    )
    app.get(
      '/housing/rooms/:id/use-history',
      { schema: { tags, summary: '房屋用途变更记录（自住/出租/空置/其他的每次变更，最近的在前）', params: IdParams, response: { 200: RoomUseHistory, ...errorResponses(403, 404) } } },
      async (request) => getRoomUseHistory(ctxOf(deps, request), Number(request.params.id)),
    )
    app.patch(
      '/housing/rooms/:id',
      {
        schema: {
          tags,
          summary: '修改房屋使用状态（自住/出租/空置/其他）；有在租登记的房屋须先退租（422）；版本过期 409',
          params: IdParams,
          body: UpdateRoomBody,
          response: { 200: Room, ...errorResponses(403, 404, 409, 422) },
        },
      },
      async (request) => updateRoom(ctxOf(deps, request), Number(request.params.id), request.body),
    )
    app.post(
      '/housing/rooms',
      { schema: { tags, summary: '在楼栋（单元）中新增一间房屋（社区、街道、县）', body: CreateRoomBody, response: { 201: Room, ...errorResponses(400, 403, 404, 409) } } },
      async (request, reply) => reply.status(201).send(await createRoom(ctxOf(deps, request), request.body)),
    )
    app.get(
      '/housing/rentals',
      {
        schema: {
          tags,
          summary: '出租房屋列表（网格、楼栋、状态、用途、房东姓名；房东手机号或身份证号按盲索引精确查找）',
          querystring: ListRentalsQuery,
          response: { 200: Page(Rental), ...errorResponses(403, 404) },
        },
      },
      async (request) => listRentalsFor(ctxOf(deps, request), request.query),
    )
    app.get(
      '/housing/rentals/:id',
      { schema: { tags, summary: '出租登记详情：房东（电话、身份证号脱敏）与租客（含已搬离的）', params: IdParams, response: { 200: Rental, ...errorResponses(403, 404) } } },
      async (request) => getRental(ctxOf(deps, request), Number(request.params.id)),
    )
    app.post(
      '/housing/rentals',
      {
        schema: {
          tags,
          summary: '出租登记：房屋变为出租；每间房屋同时只能有一条在租登记（422 RENTAL_ALREADY_ACTIVE）',
          body: CreateRentalBody,
          response: { 201: Rental, ...errorResponses(400, 403, 422) },
        },
      },
      async (request, reply) => reply.status(201).send(await createRental(ctxOf(deps, request), request.body)),
    )
    app.patch(
      '/housing/rentals/:id',
      { schema: { tags, summary: '修改出租登记（用途、起租日期、治安责任书、房东电话、备注）', params: IdParams, body: UpdateRentalBody, response: { 200: Rental, ...errorResponses(400, 403, 404, 409, 422) } } },
      async (request) => updateRental(ctxOf(deps, request), Number(request.params.id), request.body),
    )
    app.post(
      '/housing/rentals/:id/end',
      { schema: { tags, summary: '退租：在住租客同日搬离（记录保留），房屋变为空置（或所给状态）', params: IdParams, body: EndRentalBody, response: { 200: Rental, ...errorResponses(403, 404, 409, 422) } } },
      async (request) => endRental(ctxOf(deps, request), Number(request.params.id), request.body),
    )
    app.post(
      '/housing/rentals/:id/tenants',
      { schema: { tags, summary: '登记租客：关联已登记的居民（不在此新建人员）', params: IdParams, body: AddTenantBody, response: { 200: Rental, ...errorResponses(400, 403, 404, 422) } } },
      async (request) => addTenant(ctxOf(deps, request), Number(request.params.id), request.body),
    )
    app.post(
      '/housing/rentals/:id/tenants/:tenantId/end',
      { schema: { tags, summary: '租客搬离（记录保留搬离日期）', params: TenantParams, body: EndTenantBody, response: { 200: Rental, ...errorResponses(403, 404, 422) } } },
      async (request) => endTenant(ctxOf(deps, request), Number(request.params.id), Number(request.params.tenantId), request.body),
    )
    app.post(
      '/housing/rentals/:id/reveal',
      { schema: { tags, summary: '查看房东完整电话或身份证号（社区、网格员；每次查看留审计）', params: IdParams, body: RevealLandlordBody, response: { 200: RevealedField, ...errorResponses(403, 404) } } },
      async (request) => revealLandlordField(ctxOf(deps, request), Number(request.params.id), request.body.field),
    )
    const xlsx = { description: '.xlsx 文件（流式输出）', content: { [XLSX_MIME]: { schema: { type: 'string', format: 'binary' } } } }
    app.get(
      '/exports/rentals',
      { schema: { tags: ['exports'], summary: '导出出租房屋台账（.xlsx，按角色脱敏，含导出人水印，留审计）', querystring: ExportRentalsQuery, response: { 200: xlsx, ...errorResponses(403, 404) } } },
      async (request, reply) => {
        const d = await exportRentals(ctxOf(deps, request), request.query, (e) => request.log.error({ err: loggable(e) }, 'rental export failed'))
        return reply.header('content-type', XLSX_MIME).header('content-disposition', d.filename).header('cache-control', 'no-store').send(d.stream)
      },
    )
    app.get(
      '/exports/rooms',
      { schema: { tags: ['exports'], summary: '导出一栋楼的实有房屋（.xlsx，户主姓名脱敏，含导出人水印，留审计）', querystring: ExportRoomsQuery, response: { 200: xlsx, ...errorResponses(403, 404) } } },
      async (request, reply) => {
        const d = await exportRooms(ctxOf(deps, request), request.query, (e) => request.log.error({ err: loggable(e) }, 'room export failed'))
        return reply.header('content-type', XLSX_MIME).header('content-disposition', d.filename).header('cache-control', 'no-store').send(d.stream)
      },
    )
  }
}
