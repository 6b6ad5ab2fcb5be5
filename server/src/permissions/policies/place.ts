/** Places: a caller reads the places they are rooted at, their ancestors and their descendants. */
import { rule } from '../policy'

export const placeRules = {
  /** `roots`: the caller's own places (their scope; a department's county; a property company's communities) */
  'place.read': rule(
    (_actor, p: { code: string; roots: string[] }) => p.roots.some((r) => p.code.startsWith(r) || r.startsWith(p.code)),
    'NOT_FOUND',
    '地点不存在或不在您的辖区内',
  ),
}
