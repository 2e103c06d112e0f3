// The images feature's public entry: the product image cache.
// Other features import only from here, and only those that declare this one (electron/core/features.mjs).
export { ImageCache } from './image-cache';
