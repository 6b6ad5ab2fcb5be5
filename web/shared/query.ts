/**
 * The data cache both apps share, and the one place that decides what a failure does:
 * 401 → the login page, then back where the person was; 403 PASSWORD_EXPIRED or PASSWORD_CHANGE_REQUIRED → change password;
 * 403 MFA_ENROLMENT_REQUIRED → enrol a second factor (两步验证);
 * 409 → "已被他人处理，请刷新" and every query refetches, so the page shows what the other person did.
 * Any other failure of a write is shown as the server wrote it. Reads show their error in place.
 */
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query'
import { ApiError, errorText } from './api'

export interface FailureHandlers {
  /** show a short message (antd message / antd-mobile Toast) */
  notify(text: string, kind: 'error' | 'warning'): void
  /** the session is gone: go to login and come back to `returnTo` */
  onUnauthenticated(message: string): void
  onPasswordExpired(): void
  /** the account must enrol a second factor before anything else */
  onMfaEnrolmentRequired(): void
}

export function makeQueryClient(h: FailureHandlers): QueryClient {
  let client: QueryClient | undefined
  const common = (e: unknown): boolean => {
    if (!(e instanceof ApiError)) return false
    if (e.status === 401) {
      h.onUnauthenticated(e.message)
      return true
    }
    if (e.status === 403 && (e.code === 'PASSWORD_EXPIRED' || e.code === 'PASSWORD_CHANGE_REQUIRED')) {
      h.onPasswordExpired()
      return true
    }
    if (e.status === 403 && e.code === 'MFA_ENROLMENT_REQUIRED') {
      h.onMfaEnrolmentRequired()
      return true
    }
    return false
  }
  client = new QueryClient({
    queryCache: new QueryCache({ onError: (e) => void common(e) }),
    mutationCache: new MutationCache({
      onError: (e, _v, _c, mutation) => {
        if (common(e)) return
        if (e instanceof ApiError && e.status === 409) {
          h.notify(e.message, 'warning')
          void client?.invalidateQueries()
          return
        }
        // a form that shows the error itself opts out with meta.silent
        if (mutation.meta?.silent) return
        h.notify(errorText(e), 'error')
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: true,
        retry: (count, e) => !(e instanceof ApiError && e.status >= 400 && e.status < 500) && count < 2,
      },
      mutations: { retry: false },
    },
  })
  return client
}

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: { silent?: boolean }
  }
}
