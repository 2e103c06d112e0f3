// The server feature's public entry: the station's HTTP server, the LAN view and its pairing calls.
// Other features import only from here, and only those that declare this one (electron/core/features.mjs).
export { startBrowserView } from './browser-view';
export { startStationServer } from './http-server';
export { lanHandlers } from './lan-handlers';
export { startLanView } from './lan-server';
export { LanStatus } from './lan-status';
