/** The signed-in account, read once from GET /me and kept in the query cache. */
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import type { LoginResponse, Me, SessionResponse } from '#contracts/auth'
import { get, post } from './api'

export const ME_KEY = ['me'] as const

export const meQuery = ({ signal }: { signal?: AbortSignal } = {}) => get<Me>('/me', undefined, signal)

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: meQuery, staleTime: 5 * 60_000, retry: false })
}

/** After the password: signed in, or (an account with 两步验证) the code is asked for with this challenge. */
export type LoginStep = { me: Me } | { challenge: string }

export async function login(client: QueryClient, username: string, password: string): Promise<LoginStep> {
  const r = await post<LoginResponse>('/auth/login', { username, password })
  if ('challenge' in r) return { challenge: r.challenge }
  client.clear()
  client.setQueryData(ME_KEY, r.user)
  return { me: r.user }
}

/** The second step: the authenticator's 6-digit code, or a recovery code. */
export async function loginWithCode(client: QueryClient, challenge: string, code: string): Promise<Me> {
  const r = await post<SessionResponse>('/auth/login/mfa', { challenge, code: code.trim() })
  client.clear()
  client.setQueryData(ME_KEY, r.user)
  return r.user
}

/** The account's role requires 两步验证 and it has none yet: it may only enrol (the console's /mfa page). */
export const mustEnrolMfa = (me: Me): boolean => me.mfaRequired && !me.mfaEnabled

export function useLogout() {
  const client = useQueryClient()
  return async () => {
    try {
      await post('/auth/logout')
    } finally {
      client.clear()
    }
  }
}

/** Where to come back to after logging in: a path of this app only (never another site). */
export function safeNext(next: string | null, fallback: string): string {
  if (!next || !next.startsWith('/') || next.startsWith('//')) return fallback
  return next
}

/** "/login?next=…" for the page the person is on (paths relative to the router's basename). */
export function loginUrl(loginPath: string, message?: string, basename = ''): string {
  const path = basename && location.pathname.startsWith(basename) ? location.pathname.slice(basename.length) || '/' : location.pathname
  const here = `${path}${location.search}`
  const p = new URLSearchParams({ next: here })
  if (message) sessionStorage.setItem('yw.loginMessage', message)
  return `${loginPath}?${p.toString()}`
}

/** The message the login page shows once (why the person was sent there). */
export function takeLoginMessage(): string | null {
  const m = sessionStorage.getItem('yw.loginMessage')
  sessionStorage.removeItem('yw.loginMessage')
  return m
}
