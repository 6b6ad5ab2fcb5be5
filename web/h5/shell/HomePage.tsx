import { useMe } from '../../shared/session'
import { pageOf } from '../../shared/routing'
import { DOMAINS } from '../domains'

const staffHome = () => import('./StaffHome')

/** Each role's own home, as its domain declares it (each its own chunk). */
export function HomePage() {
  const me = useMe().data!
  const load = DOMAINS.find((d) => d.home?.roles.includes(me.role))?.home?.load ?? staffHome
  const Home = pageOf(load)
  return <Home />
}
