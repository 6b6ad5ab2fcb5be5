/** Places: the region tree, coded grids, departments and property companies. */
export { placeRoutes } from './routes'
export { gridCodeOf, gridName } from './grid-code'
export {
  findDepartment,
  findGrid,
  findPropertyCompany,
  findRegion,
  listDepartmentsOfCounty,
  listGridsOfCommunity,
  listRegionChildren,
} from './queries'
