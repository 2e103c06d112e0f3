// The outbox feature's public entry: queueing a marketplace write and reading the queue.
// Other features import only from here, and only those that declare this one (electron/core/features.mjs).
export { defaultIdempotencyKey, enqueueWrite } from './outbox';
export { onWriteQueued } from './outbox-signal';
export { OutboxStore, type AttemptRecord } from './outbox-store';
