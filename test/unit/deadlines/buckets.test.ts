import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BUCKETS,
  bucketEdges,
  bucketOf,
  bucketRange,
  HOUR_MS,
  localDay,
  type BucketRules,
} from '../../../shared/domain/deadlines/buckets';

const MIN = 60_000;
const UTC: BucketRules = { atRiskMs: 6 * HOUR_MS, utcOffsetMinutes: 0 };
const at = (iso: string) => Date.parse(iso);

/** Instants between 2000 and 2100, offsets of real time zones (UTC-12 to UTC+14, quarter hours). */
const instant = fc.integer({ min: at('2000-01-01T00:00:00Z'), max: at('2100-01-01T00:00:00Z') });
const offset = fc.integer({ min: -48, max: 56 }).map((quarters) => quarters * 15);
const rules = fc.record({ atRiskMs: fc.integer({ min: 0, max: 72 * HOUR_MS }), utcOffsetMinutes: offset });

describe('deadline buckets at their boundaries', () => {
  const now = at('2026-03-10T08:00:00Z');
  const edges = bucketEdges(now, UTC);

  it('is overdue only once the deadline has passed', () => {
    expect(bucketOf(now - 1, edges)).toBe('overdue');
    expect(bucketOf(now, edges)).toBe('atRisk');
  });

  it('is at risk with under 6 hours left, not with exactly 6', () => {
    expect(bucketOf(now + 6 * HOUR_MS - 1, edges)).toBe('atRisk');
    expect(bucketOf(now + 6 * HOUR_MS, edges)).toBe('dueToday');
  });

  it('is due today up to the last millisecond of the local day, later from midnight', () => {
    expect(bucketOf(at('2026-03-10T23:59:59.999Z'), edges)).toBe('dueToday');
    expect(bucketOf(at('2026-03-11T00:00:00Z'), edges)).toBe('later');
  });

  it('takes "today" from the station offset, not the machine: 08:00 UTC is 16:00 in Shanghai', () => {
    const shanghai = bucketEdges(now, { ...UTC, utcOffsetMinutes: 480 });
    // Shanghai's day ends at 16:00 UTC; at-risk runs to 14:00 UTC.
    expect(bucketOf(at('2026-03-10T15:59:59Z'), shanghai)).toBe('dueToday');
    expect(bucketOf(at('2026-03-10T16:00:00Z'), shanghai)).toBe('later');
    // Los Angeles (UTC-7 in March) is still on the 10th until 07:00 UTC on the 11th.
    const losAngeles = bucketEdges(now, { ...UTC, utcOffsetMinutes: -420 });
    expect(bucketOf(at('2026-03-11T06:59:59Z'), losAngeles)).toBe('dueToday');
    expect(bucketOf(at('2026-03-11T07:00:00Z'), losAngeles)).toBe('later');
  });

  it('has no due-today orders when the at-risk window reaches past midnight', () => {
    const late = bucketEdges(at('2026-03-10T21:00:00Z'), UTC);
    expect(bucketOf(at('2026-03-10T23:30:00Z'), late)).toBe('atRisk');
    expect(bucketOf(at('2026-03-11T02:59:59Z'), late)).toBe('atRisk');
    expect(bucketOf(at('2026-03-11T03:00:00Z'), late)).toBe('later');
    expect(bucketRange('dueToday', late)).toEqual({ from: late[1], to: late[1] });
  });

  it('uses a configurable at-risk window', () => {
    const twoHours = bucketEdges(now, { ...UTC, atRiskMs: 2 * HOUR_MS });
    expect(bucketOf(now + 2 * HOUR_MS - 1, twoHours)).toBe('atRisk');
    expect(bucketOf(now + 3 * HOUR_MS, twoHours)).toBe('dueToday');
  });
});

describe('the station local day', () => {
  it('starts at local midnight for half-hour and quarter-hour zones', () => {
    expect(localDay(at('2026-03-10T20:00:00Z'), 330)).toEqual({
      start: at('2026-03-10T18:30:00Z'),
      end: at('2026-03-11T18:30:00Z'),
    });
    expect(localDay(at('2026-03-10T18:00:00Z'), 345)).toEqual({
      start: at('2026-03-09T18:15:00Z'),
      end: at('2026-03-10T18:15:00Z'),
    });
  });

  it('always holds now, lasts 24 hours and starts on a local midnight', () => {
    fc.assert(
      fc.property(instant, offset, (now, minutes) => {
        const day = localDay(now, minutes);
        expect(day.start).toBeLessThanOrEqual(now);
        expect(day.end).toBeGreaterThan(now);
        expect(day.end - day.start).toBe(24 * HOUR_MS);
        expect(new Date(day.start + minutes * MIN).toISOString().endsWith('T00:00:00.000Z')).toBe(true);
      }),
    );
  });
});

describe('bucket properties', () => {
  it('puts every deadline in exactly one bucket, the one whose range holds it', () => {
    fc.assert(
      fc.property(instant, rules, fc.integer({ min: -200 * HOUR_MS, max: 200 * HOUR_MS }), (now, r, delta) => {
        const edges = bucketEdges(now, r);
        const deadline = now + delta;
        const holding = BUCKETS.filter((bucket) => {
          const { from, to } = bucketRange(bucket, edges);
          return (from === null || deadline >= from) && (to === null || deadline < to);
        });
        expect(holding).toEqual([bucketOf(deadline, edges)]);
      }),
    );
  });

  it('never makes a later deadline more urgent', () => {
    fc.assert(
      fc.property(
        instant,
        rules,
        fc.integer({ min: -100 * HOUR_MS, max: 100 * HOUR_MS }),
        fc.nat(10 * HOUR_MS),
        (now, r, delta, more) => {
          const edges = bucketEdges(now, r);
          expect(BUCKETS.indexOf(bucketOf(now + delta + more, edges))).toBeGreaterThanOrEqual(
            BUCKETS.indexOf(bucketOf(now + delta, edges)),
          );
        },
      ),
    );
  });

  it('is at risk exactly when 0 <= time left < the window, and due today only within the local day', () => {
    fc.assert(
      fc.property(instant, rules, fc.integer({ min: -100 * HOUR_MS, max: 100 * HOUR_MS }), (now, r, delta) => {
        const bucket = bucketOf(now + delta, bucketEdges(now, r));
        expect(bucket === 'overdue').toBe(delta < 0);
        expect(bucket === 'atRisk').toBe(delta >= 0 && delta < r.atRiskMs);
        if (bucket === 'dueToday') expect(now + delta).toBeLessThan(localDay(now, r.utcOffsetMinutes).end);
        if (bucket === 'later') expect(now + delta).toBeGreaterThanOrEqual(localDay(now, r.utcOffsetMinutes).end);
      }),
    );
  });
});
