/**
 * A short message in the middle of the screen, read out by screen readers (role=status). Plain DOM,
 * no animation library: antd-mobile's Toast brings react-spring into every page's first load.
 */
let box: HTMLDivElement | null = null
let timer: ReturnType<typeof setTimeout> | undefined

export function toast(text: string, kind: 'success' | 'fail' | 'info' = 'info', ms = kind === 'fail' ? 3000 : 2000): void {
  if (!box) {
    box = document.createElement('div')
    box.className = 'yw-toast'
    box.setAttribute('role', 'status')
    box.setAttribute('aria-live', 'polite')
    document.body.appendChild(box)
  }
  box.textContent = `${kind === 'success' ? '✓ ' : kind === 'fail' ? '✕ ' : ''}${text}`
  box.dataset.kind = kind
  box.hidden = false
  clearTimeout(timer)
  timer = setTimeout(() => {
    if (box) box.hidden = true
  }, ms)
}
