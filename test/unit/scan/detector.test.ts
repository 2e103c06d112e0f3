import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCANNER_CONFIG,
  detectKey,
  idleDetector,
  type Detection,
  type ScannerConfig,
} from '../../../shared/domain/scan/scanner-detector';

/** Feeds keys with the given gaps (ms) and returns the last detection. */
function feed(keys: string[], gaps: number[], config: ScannerConfig = DEFAULT_SCANNER_CONFIG): Detection[] {
  let state = idleDetector();
  let time = 1000;
  const out: Detection[] = [];
  keys.forEach((key, i) => {
    time += gaps[i] ?? 0;
    const r = detectKey(state, key, time, config);
    state = r.state;
    if (r.detection.type !== 'none') out.push(r.detection);
  });
  return out;
}

const chars = (text: string) => text.split('');

describe('scanner detector', () => {
  it('reads a fast burst ending in Enter as a scan', () => {
    const keys = [...chars('LAMP-01'), 'Enter'];
    expect(
      feed(
        keys,
        keys.map(() => 5),
      ),
    ).toEqual([{ type: 'scan', text: 'LAMP-01' }]);
  });

  it('reads the same keys typed by a person as typed, and a short burst as typed', () => {
    const keys = [...chars('LAMP-01'), 'Enter'];
    expect(
      feed(
        keys,
        keys.map(() => 150),
      ),
    ).toEqual([{ type: 'typed', text: 'LAMP-01' }]);
    expect(feed(['1', '2', 'Enter'], [0, 5, 5])).toEqual([{ type: 'typed', text: '12' }]);
  });

  it('drops stray keys typed before a scan, and ignores Shift', () => {
    const keys = ['x', ...chars('AB'), 'Shift', ...chars('CD'), 'Enter'];
    const gaps = [0, 2000, 5, 5, 5, 5, 5];
    expect(feed(keys, gaps)).toEqual([{ type: 'scan', text: 'ABCD' }]);
  });

  it('honours a Tab suffix and a minimum length', () => {
    const config = { suffix: 'Tab' as const, minLength: 6, maxGapMs: 30 };
    expect(feed([...chars('ABCDEF'), 'Tab'], new Array(7).fill(3), config)).toEqual([{ type: 'scan', text: 'ABCDEF' }]);
    expect(feed([...chars('ABCDE'), 'Tab'], new Array(6).fill(3), config)).toEqual([{ type: 'typed', text: 'ABCDE' }]);
    expect(feed([...chars('ABCDEF'), 'Enter'], new Array(7).fill(3), config)).toEqual([]);
  });

  it('caps a stuck key so the result is refused as too long instead of growing without end', () => {
    const keys = [...new Array(5000).fill('A'), 'Enter'];
    const [detection] = feed(
      keys,
      keys.map(() => 1),
    );
    expect(detection?.type).toBe('scan');
    expect(detection && 'text' in detection ? detection.text.length : 0).toBe(129);
  });

  it('any text typed at scanner speed comes back whole (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9-]{4,40}$/),
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 41, maxLength: 41 }),
        (text, gaps) => {
          const keys = [...chars(text), 'Enter'];
          expect(feed(keys, [0, ...gaps])).toEqual([{ type: 'scan', text }]);
        },
      ),
    );
  });
});
