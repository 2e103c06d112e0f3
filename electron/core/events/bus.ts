import type { EventName, EventPayload, StationEvent } from '../../../shared/contract';

export type EventListener = (event: StationEvent) => void;

/** Fans station events out to every connected UI (Electron windows, HTTP/SSE clients). */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    const event = { name, payload } as StationEvent;
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        // One broken subscriber (a closed window) must not stop the others from hearing about the change.
        console.error(`event listener failed on ${name}:`, error);
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
