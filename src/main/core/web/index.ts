export { startWebHost, type WebHost, type WebHostOptions } from './web-host'
export { MISSING_BUILD_HINT } from './static-files'
