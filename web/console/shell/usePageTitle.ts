import { useEffect } from 'react'

/** "诉求列表 · 一网" in the browser tab. */
export function usePageTitle(title: string | undefined) {
  useEffect(() => {
    if (title) document.title = `${title} · 一网`
  }, [title])
}
