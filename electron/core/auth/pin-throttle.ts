/** Wrong PINs allowed before the station makes the desk wait. */
export const FREE_ATTEMPTS = 5;
const FIRST_WAIT_MS = 30_000;
const MAX_WAIT_MS = 60 * 60_000;

/**
 * Slows PIN guessing at this desk: after FREE_ATTEMPTS wrong PINs in a row every further wrong one makes the next
 * attempt wait, 30 s doubling up to an hour; a right PIN clears it. A PIN identifies no user before it is checked,
 * so the count is the desk's, shared by sign-in and every supervisor PIN asked for inside a call.
 */
export class PinThrottle {
  private failures = 0;
  private lockedUntil = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** How long until a PIN may be checked again; 0 when it may now. */
  waitMs(): number {
    return Math.max(0, this.lockedUntil - this.now());
  }

  /** Counts a wrong PIN and answers the wait it starts (0 while still within the free attempts). */
  fail(): number {
    this.failures += 1;
    const beyond = this.failures - FREE_ATTEMPTS;
    if (beyond < 0) return 0;
    const wait = Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** beyond);
    this.lockedUntil = this.now() + wait;
    return wait;
  }

  succeed(): void {
    this.failures = 0;
    this.lockedUntil = 0;
  }

  get consecutiveFailures(): number {
    return this.failures;
  }
}
