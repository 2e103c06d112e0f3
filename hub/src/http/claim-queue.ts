import type { Queryable } from '../db/pool';
import { claimNext, type LeaseTimes, type NextClaim } from '../store/lease-store';

/** The most requests one statement serves. */
const MAX_GATHERED = 100;
/**
 * The longest the first request waits for others. Desks that ask together arrive over a few milliseconds: sent at
 * once, the first went alone and the rest waited a whole statement for the next; 20 desks measured p95 37 ms (p50 17).
 */
const GATHER_MS = 6;
/**
 * A pause in arrivals this long ends the wait sooner: 20 desks asking together arrived within 1 to 2.5 ms, and
 * waiting out the whole GATHER_MS was a third of each claim.
 */
const QUIET_MS = 2;

/**
 * Gathers the "next order" requests of desks claiming at once into one statement: the first request waits a moment
 * for the others, and the ones that arrive while a statement runs go together in the next. Twenty desks asking
 * together then cost one or two statements instead of twenty transactions contending for the same rows and cores.
 */
export class ClaimQueue {
  private pending: Array<{ request: NextClaim; resolve(json: string | null): void; reject(error: unknown): void }> = [];
  private running = false;
  private gathering: { timer: NodeJS.Timeout; until: number } | null = null;

  constructor(
    private readonly db: Queryable,
    private readonly times: () => LeaseTimes,
  ) {}

  /** The leased order as the JSON text a desk receives, or null when the queue is empty. */
  claim(request: NextClaim): Promise<string | null> {
    return new Promise((resolve, reject) => {
      this.pending.push({ request, resolve, reject });
      if (this.running) return;
      if (this.gathering) {
        // Another arrival: wait for the next pause, but never past the first request's longest wait.
        if (performance.now() + QUIET_MS < this.gathering.until) this.gathering.timer.refresh();
        return;
      }
      const timer = setTimeout(() => {
        this.gathering = null;
        void this.flush();
      }, QUIET_MS);
      this.gathering = { timer, until: performance.now() + GATHER_MS };
    });
  }

  private async flush(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.pending.length > 0) {
        const gathered = this.pending.splice(0, MAX_GATHERED);
        try {
          const answers = await claimNext(
            this.db,
            gathered.map((entry) => entry.request),
            this.times(),
          );
          gathered.forEach((entry, i) => entry.resolve(answers[i]!));
        } catch (error) {
          for (const entry of gathered) entry.reject(error);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
