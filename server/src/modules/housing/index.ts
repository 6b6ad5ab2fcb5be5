/** 实有房屋 / 出租房屋: rooms of buildings and their use, rental housing with landlords and tenants. */
export { housingRoutes } from './routes'
export { housingRegisterUpdates } from './register-updates'
export { roomsImporter, rentalsImporter } from './import'
export { getRental, getRoom } from './service'
/** for the demo seed */
export { insertDemoRental, insertDemoTenant, listRoomsWithPeople, setRoomOccupancy } from './demo'
