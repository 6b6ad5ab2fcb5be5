/** 扫码反映 (reporting from a grid's QR poster without an account): what other parts of the server may use. */
export { qrReportRoutes } from './routes'
