/** A small status label with colours that keep 4.5:1 contrast (antd's preset tags do not, on some tones). */
import type { ReactNode } from 'react'

const TONES = {
  green: { fg: '#135200', bg: '#f6ffed', border: '#b7eb8f' },
  red: { fg: '#a8071a', bg: '#fff1f0', border: '#ffa39e' },
  orange: { fg: '#873800', bg: '#fff7e6', border: '#ffd591' },
  blue: { fg: '#003eb3', bg: '#e6f4ff', border: '#91caff' },
  purple: { fg: '#391085', bg: '#f9f0ff', border: '#d3adf7' },
  gray: { fg: '#434343', bg: '#fafafa', border: '#d9d9d9' },
} as const
export type Tone = keyof typeof TONES

export function Pill({ tone, children }: { tone: Tone; children: ReactNode }) {
  const c = TONES[tone]
  return (
    <span style={{ display: 'inline-block', color: c.fg, background: c.bg, border: `1px solid ${c.border}`, borderRadius: 4, padding: '0 7px', fontSize: 12, lineHeight: '20px', whiteSpace: 'nowrap' }}>
      {children}
    </span>
  )
}
