/**
 * A token bucket per marketplace API: TikTok allows a number of requests per second per API, app and shop, and
 * answers 429 beyond it. `take` waits for a token; `pause` holds every caller back after a 429 with Retry-After.
 */
export class RateLimiter {
  private tokens: number;
  private refilledAt: number;
  private pausedUntil = 0;
  /** A small burst allowance: in any one-second window at most perSecond + burst requests leave. */
  private readonly burst: number;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    this.burst = Math.max(1, Math.floor(perSecond / 4));
    this.tokens = this.burst;
    this.refilledAt = now();
  }

  async take(): Promise<void> {
    for (;;) {
      const now = this.now();
      if (now < this.pausedUntil) {
        await this.sleep(this.pausedUntil - now);
        continue;
      }
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.perSecond);
      this.refilledAt = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.sleep(Math.ceil(((1 - this.tokens) / this.perSecond) * 1000));
    }
  }

  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
    this.tokens = 0;
  }

  /** Until when a 429 holds requests back, or null. */
  pausedUntilTime(): number | null {
    return this.pausedUntil > this.now() ? this.pausedUntil : null;
  }
}
