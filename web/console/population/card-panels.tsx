/**
 * Panels other registers add to the person card (人员档案), after its own sections: the special-groups and the
 * visits pages each build one, and the lead lists them here. Each gets the resident's id and loads its own data.
 */
import type { JSX } from 'react'
import { PersonGroupsPanel } from '../special-groups/PersonGroupsPanel'
import { PersonVisitsPanel } from '../visits/PersonVisitsPanel'

export const PERSON_CARD_PANELS: { key: string; title: string; Panel: (p: { residentId: string }) => JSX.Element | null }[] = [
  { key: 'special-groups', title: '特殊人群', Panel: PersonGroupsPanel },
  { key: 'visits', title: '走访记录', Panel: PersonVisitsPanel },
]
