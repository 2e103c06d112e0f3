import { describe, expect, it } from 'vitest';
import { MarketplaceError } from '../../../electron/core/marketplace/errors';
import { nextSlot, toWriteFailure } from '../../../electron/core/sync/tiktok-writer';

describe("TikTok's answers in the sync worker's terms", () => {
  it('takes the earliest available pickup slot that has not started, or none', () => {
    const now = 10_000;
    const slots = [
      { start: 30_000, end: 40_000, available: true },
      { start: 5_000, end: 20_000, available: true },
      { start: 20_000, end: 30_000, available: false },
      { start: 25_000, end: 35_000, available: true },
    ];
    expect(nextSlot(slots, now)).toEqual({ start: 25_000, end: 35_000 });
    expect(
      nextSlot(
        slots.filter((slot) => slot.start < now || !slot.available),
        now,
      ),
    ).toBeNull();
  });

  it('reads every kind of client failure the way TIKTOK-API.md means it', () => {
    const failure = (
      kind: MarketplaceError['kind'],
      extra: Partial<ConstructorParameters<typeof MarketplaceError>[0]> = {},
    ) => toWriteFailure(new MarketplaceError({ kind, call: 'shipPackage', message: kind, ...extra }));
    expect(failure('reconnect', { code: 36009004 })).toMatchObject({ kind: 'reconnect', code: '36009004' });
    expect(failure('transient', { code: 36009003, httpStatus: 200, mayHaveApplied: true })).toMatchObject({
      kind: 'transient',
      mayHaveApplied: true,
      unreachable: false,
    });
    expect(failure('transient')).toMatchObject({ kind: 'transient', unreachable: true });
    expect(failure('already_shipped', { code: 21011020 })).toMatchObject({ kind: 'already_applied' });
    expect(failure('tracking_in_use', { code: 21011025 })).toMatchObject({ kind: 'tracking_in_use' });
    expect(failure('invalid_tracking', { code: 21011022 })).toMatchObject({ kind: 'invalid_tracking' });
    expect(failure('malformed')).toMatchObject({ kind: 'transient', mayHaveApplied: true });
    expect(failure('rejected', { code: 21001001 })).toMatchObject({ kind: 'rejected' });
  });
});
