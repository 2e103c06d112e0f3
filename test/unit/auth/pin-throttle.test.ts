import { describe, expect, it } from 'vitest';
import { FREE_ATTEMPTS, PinThrottle } from '../../../electron/core/auth/pin-throttle';

describe('the PIN throttle', () => {
  it('lets five wrong PINs through, then makes the desk wait 30 s, doubling with each further wrong one', () => {
    let now = 1_000_000;
    const throttle = new PinThrottle(() => now);
    for (let i = 1; i < FREE_ATTEMPTS; i++) expect(throttle.fail()).toBe(0);
    expect(throttle.waitMs()).toBe(0);
    expect(throttle.fail()).toBe(30_000);
    expect(throttle.waitMs()).toBe(30_000);
    now += 10_000;
    expect(throttle.waitMs()).toBe(20_000);
    now += 20_000;
    expect(throttle.waitMs()).toBe(0);
    expect(throttle.fail()).toBe(60_000);
    now += 60_000;
    expect(throttle.fail()).toBe(120_000);
    expect(throttle.consecutiveFailures).toBe(7);
  });

  it('never waits more than an hour', () => {
    const throttle = new PinThrottle(() => 0);
    let last = 0;
    for (let i = 0; i < 40; i++) last = throttle.fail();
    expect(last).toBe(60 * 60_000);
  });

  it('starts over after a right PIN', () => {
    const throttle = new PinThrottle(() => 0);
    for (let i = 0; i < FREE_ATTEMPTS; i++) throttle.fail();
    expect(throttle.waitMs()).toBeGreaterThan(0);
    throttle.succeed();
    expect(throttle.waitMs()).toBe(0);
    expect(throttle.fail()).toBe(0);
  });
});
