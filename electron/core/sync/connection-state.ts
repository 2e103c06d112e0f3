import type { OutboxStore } from '../outbox';

/**
 * What the marketplace's answers say about the connection to it. Kept apart from the writes so the worker's status
 * can report it and a refused connection can hold every write until someone asks to sync again.
 */
export class ConnectionState {
  offline = false;
  lastContactAt: number | null = null;
  lastError: string | null = null;
  /** The shop must be reconnected (or its connection settings fixed): nothing is sent until someone says so. */
  reconnectRequired = false;

  constructor(
    private readonly store: OutboxStore,
    private readonly now: () => number,
  ) {}

  /** The marketplace answered: the station is online, and writes that waited out the outage may go at once. */
  contact(): void {
    if (this.offline) {
      this.offline = false;
      this.store.expediteAll();
    }
    this.lastContactAt = this.now();
  }
}
