/** Places: the region tree, coded grids, departments and property companies. */
export { placeRoutes } from './routes'
export { gridCodeOf, gridName } from './grid-code'
export {
  findBuildingWithGrid,
  findDepartment,
  findGrid,
  findHousehold,
  findPropertyCompany,
  findRegion,
  listDepartmentsOfCounty,
  listGridsOfCommunity,
  listRegionChildren,
  listRegionsUnder,
} from './queries'
