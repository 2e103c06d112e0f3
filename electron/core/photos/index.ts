// The photos feature's public entry: parcel and handover photos, evidence export, and its calls.
// Other features import only from here, and only those that declare this one (electron/core/features.mjs).
export { PhotoStore } from './photo-store';
export { photosHandlers } from './photos-handlers';
