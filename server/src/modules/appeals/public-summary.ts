/** 晒单摘要: what the public board says of an appeal — the matter and its result, without the people. */
import { publicSummaryOf } from '../../lib/scrub'
import type { AppealRow } from './queries'

/** The people named on an appeal, whose names never reach the public board. */
export const namesOn = (a: Pick<AppealRow, 'contactName' | 'people'>) => [a.contactName, ...a.people.map((p) => p.name)]

/** The server's suggestion, offered to the community when it replies. */
export const suggestedPublicSummary = (a: Pick<AppealRow, 'title' | 'result' | 'contactName' | 'people'>) =>
  publicSummaryOf(a.title, a.result, namesOn(a))
