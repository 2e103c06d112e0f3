// The pack feature's public entry: its calls, and stopping an order the marketplace cancelled while open.
// Other features import only from here, and only those that declare this one (electron/core/features.mjs).
export { packHandlers } from './pack-handlers';
export { isOpenAt, stopOpenOrder } from './stop-order';
