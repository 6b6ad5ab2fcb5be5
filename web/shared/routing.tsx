/**
 * Routing for both apps, in React Router's declarative mode (BrowserRouter + Routes): half the
 * bytes of the data router, which these apps do not need. Each page is its own lazily loaded
 * chunk; a chunk that fails to load (a new deployment replaced it, the network dropped) is caught
 * by PageBoundary. Code outside React (the query client's 401 path) navigates through navigateTo.
 */
import { Component, lazy, type ComponentType, type ReactNode } from 'react'
import { useNavigate, type NavigateFunction } from 'react-router'

export interface PageRoute {
  path: string
  load: () => Promise<{ default: ComponentType }>
}

const cache = new Map<PageRoute['load'], ComponentType>()
/** The lazy component of a route (made once per loader, so navigation keeps it mounted). */
export function pageOf(load: PageRoute['load']): ComponentType {
  let c = cache.get(load)
  if (!c) {
    c = lazy(load)
    cache.set(load, c)
  }
  return c
}

let navigator: NavigateFunction | null = null
/** Navigate from outside React; falls back to a full page load before the router is up. */
export function navigateTo(to: string, basename = '', replace = true): void {
  if (navigator) navigator(to, { replace })
  else location.assign(`${basename}${to}`)
}

/** Mounted once inside the router: lends its navigate function to navigateTo. */
export function NavigateBridge() {
  navigator = useNavigate()
  return null
}

/** Catches a page that failed to load or threw, and offers a reload. */
export class PageBoundary extends Component<{ fallback: (reload: () => void) => ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false }
  static getDerivedStateFromError() {
    return { failed: true }
  }
  override render() {
    return this.state.failed ? this.props.fallback(() => location.reload()) : this.props.children
  }
}
