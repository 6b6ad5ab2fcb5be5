/**
 * The writes the demo seed makes in the people register (seed/demo-population.ts decides what, with its PRNG):
 * exported through index.ts so the seed never reaches into this module's queries.
 */
export {
  clearHouseholdHead,
  closeStay,
  findOpenStay,
  listPeopleRows,
  setHouseholdHeads,
  setHouseholdOccupancy,
  updatePeopleFacts,
  type PersonFacts,
  updatePersonVersioned,
  updateStayStart,
} from './queries'
