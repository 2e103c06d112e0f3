// The desk's link to a warehouse hub, public entry: the leased queue, the hub writer and their errors.
// Other features import only from here, and only those that declare this one (electron/core/features.mjs).
export { hubLinkFromEnv, startDeskQueue } from './desk-join';
export type { DeskQueue } from './desk-queue';
export { HubLinkError } from './hub-link';
export { HubWriter } from './hub-writer';
