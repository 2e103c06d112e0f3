// The sync feature's public entry: the worker that sends the outbox, the writer's failure kinds, and its calls.
// Other features import only from here, and only those that declare this one (electron/core/features.mjs).
export {
  WriteFailure,
  type MarketplaceWriter,
  type MarkShippedItem,
  type PackageOutcome,
  type ShipItem,
  type UpstreamPackage,
  type WriteFailureKind,
} from './marketplace-writer';
export { syncHandlers } from './sync-handlers';
export { startSync } from './sync-service';
export type { SyncWorker } from './sync-worker';
