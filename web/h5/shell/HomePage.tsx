import { useMe } from '../../shared/session'
import { DOMAINS } from '../domains'
import { StaffHome } from './StaffHome'

/** Each role's own home, as its domain declares it. */
export function HomePage() {
  const me = useMe().data!
  const home = DOMAINS.find((d) => d.home?.roles.includes(me.role))?.home
  const Component = home?.Component ?? StaffHome
  return <Component />
}
