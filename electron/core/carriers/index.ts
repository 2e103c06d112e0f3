// The carriers feature's public entry: the carrier of an order, tracking-number lookup, and its calls.
// Other features import only from here, and only those that declare this one (electron/core/features.mjs).
export { carriersHandlers } from './carriers-handlers';
export { carrierForOrder } from './resolve';
export { findOrderByTracking } from './tracking-lookup';
