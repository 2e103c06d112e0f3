import { describe, expect, it } from 'vitest';
import { colourOfShown } from '../../../renderer/src/features/pack/verdict-message';
import { VerdictKind } from '../../../shared/domain/scan/verification';

const verdict = (kind: VerdictKind) => ({ type: 'verdict' as const, verdict: { kind } as never });

describe('the verdict banner has one meaning per colour', () => {
  it('holds, cancels and opened orders are information (blue), never green', () => {
    for (const kind of ['held', 'cancelled', 'order_opened', 'released', 'print_requested'] as const)
      expect(colourOfShown(verdict(kind)), kind).toBe('info');
  });
  it('counted items are done (green), what the packer must answer waits (amber), a wrong item or a failure stops (red)', () => {
    expect(colourOfShown(verdict('match'))).toBe('done');
    expect(colourOfShown(verdict('overridden'))).toBe('done');
    expect(colourOfShown(verdict('hold_reason_needed'))).toBe('waiting');
    expect(colourOfShown(verdict('over_scan'))).toBe('waiting');
    expect(colourOfShown(verdict('wrong_item'))).toBe('stop');
    expect(colourOfShown(verdict('unknown'))).toBe('stop');
    expect(colourOfShown({ type: 'failed', message: 'x' })).toBe('stop');
    expect(colourOfShown({ type: 'stopped', orderId: '1', reason: 'cancelled' })).toBe('stop');
    expect(colourOfShown(null)).toBe('idle');
  });
  it('every verdict kind has a colour', () => {
    for (const kind of VerdictKind.options)
      expect(['done', 'waiting', 'stop', 'info'], kind).toContain(colourOfShown(verdict(kind)));
  });
});
