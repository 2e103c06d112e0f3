// The scale feature's public entry: parcel weights, the desk's scale, and its calls.
// Other features import only from here, and only those that declare this one (electron/core/features.mjs).
export { scaleHandlers } from './scale-handlers';
export { ScaleService } from './scale-service';
export { ParcelWeightStore } from './weight-store';
