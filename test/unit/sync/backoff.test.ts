import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../electron/core/sync/backoff';
import { RateLimiter } from '../../../electron/core/sync/rate-limiter';

describe('backoff', () => {
  const policy = { baseMs: 1000, capMs: 300_000 };

  it('doubles per attempt, jittered between half and all of the step, never above the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        (attempts, r) => {
          const step = Math.min(policy.capMs, policy.baseMs * 2 ** (attempts - 1));
          const delay = backoffDelay(attempts, policy, null, () => r);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(step / 2));
          expect(delay).toBeLessThanOrEqual(step);
        },
      ),
    );
  });

  it('never retries before a Retry-After hint', () => {
    expect(backoffDelay(1, policy, 30_000, () => 0)).toBe(30_000);
    expect(backoffDelay(12, policy, 1_000, () => 1)).toBe(300_000);
  });
});

describe('rate limiter', () => {
  it('lets no more than its rate through in any second, however many callers wait', async () => {
    const clock = { t: 0 };
    const starts: number[] = [];
    const limiter = new RateLimiter(
      10,
      () => clock.t,
      async (ms) => {
        clock.t += ms;
      },
    );
    for (let i = 0; i < 45; i += 1) {
      await limiter.take();
      starts.push(clock.t);
    }
    for (const t of starts) expect(starts.filter((s) => s > t - 1000 && s <= t).length).toBeLessThanOrEqual(12);
    expect(starts.at(-1)!).toBeGreaterThanOrEqual(4200);
  });

  it('holds everyone back for the pause a 429 asked for', async () => {
    const clock = { t: 0 };
    const limiter = new RateLimiter(
      100,
      () => clock.t,
      async (ms) => {
        clock.t += ms;
      },
    );
    limiter.pause(2_000);
    expect(limiter.pausedUntilTime()).toBe(2_000);
    await limiter.take();
    expect(clock.t).toBeGreaterThanOrEqual(2_000);
  });
});
