import type { StationState } from '../orders/order';

export const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MINUTE_MS = 60_000;

/** The two clocks the marketplace runs on every paid order: packed and labelled, then handed to the carrier. */
export const DEADLINES = ['packBy', 'handoverBy'] as const;
export type Deadline = (typeof DEADLINES)[number];

/** Most urgent first: the order a supervisor reads them in. */
export const BUCKETS = ['overdue', 'atRisk', 'dueToday', 'later'] as const;
export type Bucket = (typeof BUCKETS)[number];

export const DEFAULT_AT_RISK_HOURS = 6;

/**
 * Orders still running against each deadline. Pack-by is met once the parcel is labelled (packed alone is not
 * ready to ship); handover-by once the carrier has it.
 */
export const OPEN_STATES: Record<Deadline, readonly StationState[]> = {
  packBy: ['queued', 'packing', 'held', 'packed'],
  handoverBy: ['queued', 'packing', 'held', 'packed', 'labelled'],
};

export interface BucketRules {
  /** An order is at risk when less than this is left before its deadline. */
  atRiskMs: number;
  /**
   * The station's offset from UTC at `now`, in minutes (UTC+8 is 480). "Today" is the station's local day, so the
   * caller passes the offset of the warehouse's time zone rather than relying on the machine's.
   */
  utcOffsetMinutes: number;
}

/** [start, end) of the station's local day that contains `now`, in Unix ms. */
export function localDay(now: number, utcOffsetMinutes: number): { start: number; end: number } {
  const offset = utcOffsetMinutes * MINUTE_MS;
  const start = Math.floor((now + offset) / DAY_MS) * DAY_MS - offset;
  return { start, end: start + DAY_MS };
}

/**
 * The three deadlines that split time into the four buckets, ascending: before edges[0] is overdue, then at risk
 * up to edges[1], due today up to edges[2] (the end of the local day, or nothing when the at-risk window already
 * reaches past midnight), later from there on. Every deadline falls in exactly one bucket.
 */
export type BucketEdges = readonly [number, number, number];

export function bucketEdges(now: number, rules: BucketRules): BucketEdges {
  const riskEnd = now + rules.atRiskMs;
  return [now, riskEnd, Math.max(riskEnd, localDay(now, rules.utcOffsetMinutes).end)];
}

/** The deadlines in a bucket as a half-open range [from, to); null is unbounded. */
export function bucketRange(bucket: Bucket, edges: BucketEdges): { from: number | null; to: number | null } {
  switch (bucket) {
    case 'overdue':
      return { from: null, to: edges[0] };
    case 'atRisk':
      return { from: edges[0], to: edges[1] };
    case 'dueToday':
      return { from: edges[1], to: edges[2] };
    case 'later':
      return { from: edges[2], to: null };
  }
}

export function bucketOf(deadline: number, edges: BucketEdges): Bucket {
  if (deadline < edges[0]) return 'overdue';
  if (deadline < edges[1]) return 'atRisk';
  if (deadline < edges[2]) return 'dueToday';
  return 'later';
}

export type BucketCounts = Record<Bucket, number>;

export const emptyCounts = (): BucketCounts => ({ overdue: 0, atRisk: 0, dueToday: 0, later: 0 });
