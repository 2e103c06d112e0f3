import type { Period, Throughput } from '../../../shared/contract/dashboard';
import { HOUR_MS } from '../../../shared/domain/deadlines/buckets';
import type { Db } from '../db/database';
import { periodRange, type PeriodRange } from './period';
import type { StationClock } from './station-clock';

/** Pack-screen verdicts of an item scan: the ones that counted, and the ones a packer got wrong. */
const ITEM_SCAN_OK = ['match', 'line_done'] as const;
export const ITEM_SCAN_ERRORS = ['wrong_item', 'unknown', 'over_scan'] as const;
/** Sessions that ended with the order packed (verified, or signed off by a supervisor). */
export const PACKED_SESSIONS = ['completed', 'overridden'] as const;

export const sqlList = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

const rate = (packed: number, hours: number) => (hours === 0 ? 0 : Math.round((packed / hours) * 10) / 10);

/**
 * Grouped first by quarter hour since the epoch (`at / 900000`, as migration 10 indexes them, so SQLite aggregates in
 * index order without sorting), then folded into hours since the start of the period. Every time zone's midnight
 * falls on a quarter hour, so those are the station's own local hours, half-hour zones included.
 */
const QUARTER_MS = 900_000;

function byHour(column: string, who: string, from: string, where = ''): string {
  return `SELECT CAST((quarter - @fromQuarter) / 4 AS INTEGER) AS hour, who, sum(packed) AS packed, sum(paidToPacked) AS paidToPacked, sum(paid) AS paid
    FROM (SELECT ${column} / ${QUARTER_MS} AS quarter, ${who} AS who, count(*) AS packed, ${from}
          WHERE ${column} / ${QUARTER_MS} >= @fromQuarter AND ${column} / ${QUARTER_MS} < @toQuarter ${where}
          GROUP BY ${column} / ${QUARTER_MS}, ${who})
    GROUP BY hour, who`;
}

const quarters = (range: PeriodRange) => ({
  fromQuarter: Math.floor(range.from / QUARTER_MS),
  toQuarter: Math.ceil(range.to / QUARTER_MS),
});

/** Orders packed per local hour of the period and per who (a packer or a desk): what each chart and table is built from. */
interface HourRow {
  hour: number;
  who: string | number | null;
  packed: number;
}

interface Tally {
  packed: number;
  hours: Set<number>;
}

/**
 * Spreads hourly rows over the chart's slots (hours or days) and totals them per packer or desk, with the hours each
 * actually worked.
 */
function tally(
  rows: readonly HourRow[],
  range: PeriodRange,
  chart: Throughput['slots'],
  into: 'byPacker' | 'byStation',
): Map<string | number | null, Tally> {
  const totals = new Map<string | number | null, Tally>();
  for (const row of rows) {
    const slot = chart[Math.floor((row.hour * HOUR_MS) / range.slotMs)];
    if (!slot) continue;
    const key = String(row.who ?? 0);
    slot[into][key] = (slot[into][key] ?? 0) + row.packed;
    if (into === 'byPacker') slot.packed += row.packed;
    const total = totals.get(row.who) ?? { packed: 0, hours: new Set<number>() };
    total.packed += row.packed;
    total.hours.add(row.hour);
    totals.set(row.who, total);
  }
  return totals;
}

function slots(range: PeriodRange): Throughput['slots'] {
  const list: Throughput['slots'] = [];
  for (let start = range.from; start < range.to; start += range.slotMs)
    list.push({ start, packed: 0, byPacker: {}, byStation: {} });
  return list;
}

function stations(db: Db, range: PeriodRange, chart: Throughput['slots']): Throughput['stations'] {
  const rows = db
    .prepare(
      byHour(
        'closed_at',
        'station_id',
        `NULL AS paidToPacked, NULL AS paid FROM pack_sessions`,
        `AND state IN (${sqlList(PACKED_SESSIONS)})`,
      ),
    )
    .all(quarters(range)) as HourRow[];
  const totals = [...tally(rows, range, chart, 'byStation')].sort((a, b) => b[1].packed - a[1].packed);
  return {
    stations: totals.map(([who, t]) => ({
      stationId: String(who),
      packed: t.packed,
      perHour: rate(t.packed, t.hours.size),
    })),
  };
}

function scans(db: Db, range: PeriodRange): Throughput['scans'] {
  // One index range per verdict: counting ranges is cheaper than testing every scan of the week against a list.
  const count = (verdicts: readonly string[]) =>
    verdicts
      .map((verdict) => `(SELECT count(*) FROM scan_events WHERE verdict = '${verdict}' AND at >= @from AND at < @to)`)
      .join(' + ');
  const row = db.prepare(`SELECT ${count(ITEM_SCAN_OK)} AS ok, ${count(ITEM_SCAN_ERRORS)} AS errors`).get(range) as {
    ok: number;
    errors: number;
  };
  const total = row.ok + row.errors;
  return { scans: total, errors: row.errors, rate: total === 0 ? null : row.errors / total };
}

function holds(db: Db, range: PeriodRange): Throughput['holds'] {
  const reasons = db
    .prepare(
      'SELECT reason, count(*) AS count FROM pack_holds WHERE held_at >= @from AND held_at < @to GROUP BY reason ORDER BY count DESC',
    )
    .all(range) as Array<{ reason: string; count: number }>;
  return { reasons };
}

/** Orders packed per packer and per station over the period, with scan errors, holds and paid-to-packed time. */
export function throughput(db: Db, period: Period, clock: StationClock): Throughput {
  const range = periodRange(period, clock);
  const chart = slots(range);
  // One pass over the period's packed orders (a covering index) feeds the chart, the packers and paid-to-packed.
  const rows = db
    .prepare(
      byHour('packed_at', 'packed_by', 'sum(packed_at - paid_at) AS paidToPacked, count(paid_at) AS paid FROM orders'),
    )
    .all(quarters(range)) as Array<HourRow & { who: number | null; paidToPacked: number | null; paid: number }>;
  const names = new Map(
    (db.prepare('SELECT id, name FROM users').all() as Array<{ id: number; name: string }>).map((u) => [u.id, u.name]),
  );
  const packers = [...tally(rows, range, chart, 'byPacker')].sort((a, b) => b[1].packed - a[1].packed);
  const paid = rows.reduce((sum, row) => sum + row.paid, 0);
  const paidToPacked = rows.reduce((sum, row) => sum + (row.paidToPacked ?? 0), 0);
  return {
    period,
    from: range.from,
    to: range.to,
    slotMs: range.slotMs,
    slots: chart,
    packed: packers.reduce((sum, [, t]) => sum + t.packed, 0),
    packers: packers.map(([who, t]) => {
      const userId = who === null ? null : Number(who);
      return {
        userId,
        name: userId === null ? null : (names.get(userId) ?? null),
        packed: t.packed,
        perHour: rate(t.packed, t.hours.size),
      };
    }),
    stations: stations(db, range, chart),
    avgPaidToPackedMs: paid === 0 ? null : Math.round(paidToPacked / paid),
    scans: scans(db, range),
    holds: holds(db, range),
  };
}
