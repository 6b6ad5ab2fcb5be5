/** Place codes and names: levels from code length, the caller's root place, tree loading. */
import { get } from './api'
import type { PlaceSummary } from '#contracts/places'

export function levelOfCode(code: string): 'province' | 'city' | 'county' | 'street' | 'community' | 'grid' {
  switch (code.length) {
    case 2:
      return 'province'
    case 4:
      return 'city'
    case 6:
      return 'county'
    case 9:
      return 'street'
    case 12:
      return 'community'
    default:
      return 'grid'
  }
}

export const LEVEL_NAMES = { province: '省', city: '市', county: '县', street: '街道', community: '社区', grid: '网格' } as const

/** The place code an account's scope path ends with (null for department and property scopes). */
export function scopePlaceCode(scope: string): string | null {
  if (scope.includes(':')) return null
  return scope.split('.').pop() ?? null
}

export const placeChildren = (code: string, signal?: AbortSignal) => get<PlaceSummary[]>(`/places/${code}/children`, undefined, signal)
