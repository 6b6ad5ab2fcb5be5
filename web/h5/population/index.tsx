import type { H5Domain } from '../shell/domain'

/** 实有人口 on the phone: the grid worker's household lookup by building. */
export const populationDomain: H5Domain = {
  key: 'population',
  routes: [
    { path: '/population/buildings', load: () => import('./BuildingsPage') },
    { path: '/population/buildings/:id', load: () => import('./BuildingPage') },
  ],
}
