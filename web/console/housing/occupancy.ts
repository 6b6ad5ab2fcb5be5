/** The colours of a room's use, on the rooms grid and its legend (text on the fill keeps ≥ 4.5:1 contrast). */
import type { Occupancy } from '#contracts/ledger-names'

export const OCCUPANCY_COLORS: Record<Occupancy, { fill: string; border: string; text: string }> = {
  owner: { fill: '#e6f4ff', border: '#91caff', text: '#0b4f9c' },
  rented: { fill: '#fff1e6', border: '#ffbb96', text: '#a8071a' },
  vacant: { fill: '#f5f5f5', border: '#d9d9d9', text: '#434343' },
  other: { fill: '#f9f0ff', border: '#d3adf7', text: '#531dab' },
}

/** The same uses as status pills (shell/Pill tones). */
export const OCCUPANCY_TONES = { owner: 'blue', rented: 'red', vacant: 'gray', other: 'purple' } as const satisfies Record<Occupancy, string>
