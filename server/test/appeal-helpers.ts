/** Small helpers for driving appeals through the HTTP API the way a client does. */
import { expect } from 'vitest'
import type { Appeal } from '#contracts/appeals'
import type { TestApp } from './setup'

/** The demo county's grids, for the tests whose point is the demo data (statistics over 北街 and 烟棚). */
export const BEIJIE_GRID_1 = '520423002013001'
export const BEIJIE_GRID_2 = '520423002013002'
export const YANPENG_GRID_1 = '520423002014001'

export async function submitAppeal(t: TestApp, token: string, body: Record<string, unknown> = {}, headers?: Record<string, string>) {
  const res = await t.request(
    token,
    'POST',
    '/api/v1/appeals',
    { categoryCode: 'elevator.fault', title: '龙城印象1栋电梯坏了', description: '1栋2单元电梯停在三楼不动，老人上下楼困难。', ...body },
    headers,
  )
  expect(res.statusCode, res.body).toBe(201)
  return res.json<Appeal>()
}

/** Perform an action with the version the caller last saw; returns the raw response. */
export function actRaw(t: TestApp, token: string, appeal: Pick<Appeal, 'id' | 'version'>, action: string, fields: Record<string, unknown> = {}) {
  return t.request(token, 'POST', `/api/v1/appeals/${appeal.id}/actions`, { action, version: appeal.version, ...fields })
}

/** Perform an action that must succeed; returns the updated appeal. */
export async function act(t: TestApp, token: string, appeal: Pick<Appeal, 'id' | 'version'>, action: string, fields: Record<string, unknown> = {}) {
  const res = await actRaw(t, token, appeal, action, fields)
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200)
  return res.json<Appeal>()
}

export async function getAppeal(t: TestApp, token: string, id: string) {
  const res = await t.request(token, 'GET', `/api/v1/appeals/${id}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json<Appeal>()
}

/** A tiny valid PNG (1×1), built in memory. */
export function tinyPng(): Buffer {
  return Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  )
}

export function multipart(field: string, filename: string, content: Buffer, contentType = 'application/octet-stream') {
  const boundary = `----yiwang${Math.random().toString(16).slice(2)}`
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  return { payload: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

export async function uploadPhoto(t: TestApp, token: string, content = tinyPng(), filename = 'photo.png') {
  const { payload, headers } = multipart('file', filename, content, 'image/png')
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/files', payload, headers: { ...headers, authorization: `Bearer ${token}` } })
  expect(res.statusCode, res.body).toBe(201)
  return res.json<{ id: string }>().id
}
