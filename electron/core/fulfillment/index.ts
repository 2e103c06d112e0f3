// The fulfillment feature's public entry: the parcel's life after packing.
// Other features import only from here, and only those that declare this one (electron/core/features.mjs).
export { Fulfillment } from './fulfillment';
