/**
 * The one API client of both apps. The session is the server's httpOnly cookie (no token in
 * script-readable storage). Every failure becomes an ApiError carrying the server's {code, message}
 * as written; the apps decide once, in their QueryClient, what a 401, a 403 PASSWORD_EXPIRED and a
 * 409 do (see query.ts) — pages never write their own error handling.
 */
import type { ErrorBody } from '#contracts/common'

export const API_BASE = '/api/v1'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorBody['details'] = undefined,
  ) {
    super(message)
    this.name = 'ApiError'
  }
  get isConflict(): boolean {
    return this.status === 409
  }
  get isUnauthenticated(): boolean {
    return this.status === 401
  }
}

/** What a person reads for a 409: someone else acted first; the page refreshes itself. */
export const CONFLICT_MESSAGE = '已被他人处理，请刷新'
export const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试'

export type Query = Record<string, string | number | boolean | readonly (string | number)[] | null | undefined>

/** ?a=1&b=x&b=y — arrays repeat the key, empty values are left out. */
export function toSearch(query: Query | undefined): string {
  if (!query) return ''
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue
    if (Array.isArray(v)) for (const x of v) p.append(k, String(x))
    else p.append(k, String(v))
  }
  const s = p.toString()
  return s ? `?${s}` : ''
}

interface RequestOptions {
  query?: Query
  body?: unknown
  signal?: AbortSignal
  idempotencyKey?: string
}

/** The CSRF cookie the server sets with the session (readable by our pages, not by other sites). */
function csrfToken(): string | undefined {
  const m = /(?:^|;\s*)yw_csrf=([^;]+)/.exec(document.cookie)
  return m ? decodeURIComponent(m[1]!) : undefined
}

async function send(method: string, path: string, init: RequestInit): Promise<Response> {
  // every request that changes something proves it comes from our own page (double-submit CSRF token)
  const headers = new Headers(init.headers)
  const csrf = method === 'GET' || method === 'HEAD' ? undefined : csrfToken()
  if (csrf) headers.set('x-csrf-token', csrf)
  try {
    return await fetch(`${API_BASE}${path}`, { method, credentials: 'same-origin', ...init, headers })
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e
    throw new ApiError(0, 'NETWORK_ERROR', NETWORK_MESSAGE)
  }
}

async function failure(res: Response): Promise<ApiError> {
  let body: Partial<ErrorBody> = {}
  try {
    body = (await res.json()) as ErrorBody
  } catch {
    // not JSON: a proxy or the network, not our server
  }
  const code = body.code ?? `HTTP_${res.status}`
  const message = res.status === 409 ? CONFLICT_MESSAGE : (body.message ?? `请求失败（${res.status}），请稍后重试`)
  return new ApiError(res.status, code, message, body.details)
}

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, o: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (o.body !== undefined) headers['content-type'] = 'application/json'
  if (o.idempotencyKey) headers['idempotency-key'] = o.idempotencyKey
  const res = await send(method, `${path}${toSearch(o.query)}`, {
    headers,
    body: o.body === undefined ? undefined : JSON.stringify(o.body),
    signal: o.signal,
  })
  if (!res.ok) throw await failure(res)
  if (res.status === 204) return undefined as T
  return (await res.json()) as T
}

export const get = <T>(path: string, query?: Query, signal?: AbortSignal) => api<T>('GET', path, { query, signal })
export const post = <T>(path: string, body?: unknown, o: Omit<RequestOptions, 'body'> = {}) => api<T>('POST', path, { ...o, body: body ?? {} })

export interface UploadedFile {
  id: string
  mime: string
  size: number
  sha256: string
}

/** Upload one photo (multipart field `file`); `path` lets the anonymous report use its own endpoint. */
export async function uploadFile(file: Blob, name: string, path = '/files'): Promise<UploadedFile> {
  const form = new FormData()
  form.append('file', file, name)
  const res = await send('POST', path, { body: form })
  if (!res.ok) throw await failure(res)
  return (await res.json()) as UploadedFile
}

/** Send a multipart form (an Excel import: the file and its column mapping) and read the JSON answer. */
export async function postForm<T>(path: string, form: FormData, headers: Record<string, string> = {}): Promise<T> {
  const res = await send('POST', path, { body: form, headers: { accept: 'application/json', ...headers } })
  if (!res.ok) throw await failure(res)
  return (await res.json()) as T
}

/** Download a server-made file (the .xlsx exports) through the same error path. */
export async function download(path: string, query: Query | undefined, fallbackName: string): Promise<void> {
  const res = await send('GET', `${path}${toSearch(query)}`, { headers: { accept: '*/*' } })
  if (!res.ok) throw await failure(res)
  await saveResponse(res, fallbackName)
}

export async function downloadPost(path: string, body: unknown, fallbackName: string): Promise<void> {
  const res = await send('POST', path, { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  if (!res.ok) throw await failure(res)
  await saveResponse(res, fallbackName)
}

async function saveResponse(res: Response, fallbackName: string): Promise<void> {
  const disposition = res.headers.get('content-disposition') ?? ''
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1]
  const name = star ? decodeURIComponent(star) : fallbackName
  const url = URL.createObjectURL(await res.blob())
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** A failure found in the page itself (a number that matches nothing …), worded for the person. */
export class UserError extends Error {
  override name = 'UserError'
}

/** The text a person reads for any failure. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError || e instanceof UserError) return e.message
  if (e instanceof Error && e.name === 'AbortError') return '已取消'
  return '出现了意外错误，请刷新页面后重试'
}

/** A fresh Idempotency-Key for one submission (a retry reuses it, a new submission does not). */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16)
  crypto.getRandomValues(bytes)
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`
}
