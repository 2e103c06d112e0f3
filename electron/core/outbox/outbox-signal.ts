/**
 * Wakes the sync worker when a write is queued, so it does not wait for its next poll. Listeners run on a later
 * tick: enqueueWrite is called inside the caller's transaction, and the worker must only look once it committed.
 */
type Listener = () => void;

const listeners = new Set<Listener>();

export function onWriteQueued(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function signalWriteQueued(): void {
  setImmediate(() => {
    for (const listener of listeners) listener();
  });
}
