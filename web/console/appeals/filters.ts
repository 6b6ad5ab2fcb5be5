/**
 * The appeal filter as it lives in the URL: ids and codes only — never row data or personal data —
 * so a filtered list can be shared by copying the address.
 */
import type { ListAppealsQuery } from '#contracts/appeals'
import type { Query } from '../../shared/api'

export interface AppealFilter {
  number?: string
  q?: string
  status: string[]
  color: string[]
  channel: string[]
  category?: string
  place?: string
  from?: string
  to?: string
}

export function readFilter(p: URLSearchParams): AppealFilter {
  const one = (k: string) => p.get(k) || undefined
  return {
    number: one('number'),
    q: one('q'),
    status: p.getAll('status'),
    color: p.getAll('color'),
    channel: p.getAll('channel'),
    category: one('category'),
    place: one('place'),
    from: one('from'),
    to: one('to'),
  }
}

export function writeFilter(f: AppealFilter): URLSearchParams {
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(f)) {
    if (Array.isArray(v)) for (const x of v) p.append(k, x)
    else if (v) p.set(k, v)
  }
  return p
}

/** The list API's query: an exact number search goes through `q` (it matches the number exactly). */
export function toApiQuery(f: AppealFilter): Query & Partial<ListAppealsQuery> {
  return {
    q: f.number?.trim() || f.q?.trim() || undefined,
    status: f.status.length ? f.status : undefined,
    color: f.color.length ? f.color : undefined,
    channel: f.channel.length ? f.channel : undefined,
    category: f.category,
    place: f.place,
    from: f.from,
    to: f.to,
  } as Query & Partial<ListAppealsQuery>
}

export const isEmptyFilter = (f: AppealFilter) => Object.values(f).every((v) => (Array.isArray(v) ? v.length === 0 : !v))
