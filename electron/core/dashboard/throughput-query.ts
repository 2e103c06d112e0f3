import type { Period, Throughput } from '../../../shared/contract/dashboard';
import { HOUR_MS } from '../../../shared/domain/deadlines/buckets';
import type { Db } from '../db/database';
import { periodRange, type PeriodRange } from './period';
import type { StationClock } from './station-clock';
import { hasColumns, notAvailable } from './tables';

/** Pack-screen verdicts of an item scan: the ones that counted, and the ones a packer got wrong. */
export const ITEM_SCAN_OK = ['match', 'line_done'] as const;
export const ITEM_SCAN_ERRORS = ['wrong_item', 'unknown', 'over_scan'] as const;
/** Sessions that ended with the order packed (verified, or signed off by a supervisor). */
export const PACKED_SESSIONS = ['completed', 'overridden'] as const;

export const sqlList = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

const rate = (packed: number, hours: number) => (hours === 0 ? 0 : Math.round((packed / hours) * 10) / 10);

/** Orders packed per hour of the period and per who (a packer or a desk): the one pass each chart and table is built from. */
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
 * actually worked. Hours count from the start of the period, which is a local midnight, so days split on hours.
 */
function tally(rows: readonly HourRow[], range: PeriodRange, chart: Throughput['slots'], into: 'byPacker' | 'byStation'): Map<string | number | null, Tally> {
  const totals = new Map<string | number | null, Tally>();
  const perSlot = range.slotMs / HOUR_MS;
  for (const row of rows) {
    const slot = chart[Math.floor(row.hour / perSlot)];
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
  for (let start = range.from; start < range.to; start += range.slotMs) list.push({ start, packed: 0, byPacker: {}, byStation: {} });
  return list;
}

function stations(db: Db, range: PeriodRange, chart: Throughput['slots']): Throughput['stations'] {
  if (!hasColumns(db, 'pack_sessions', ['station_id', 'state', 'closed_at'])) return notAvailable('pack_sessions');
  const rows = db
    .prepare(
      `SELECT CAST((closed_at - @from) / ${HOUR_MS} AS INTEGER) AS hour, station_id AS who, count(*) AS packed
       FROM pack_sessions WHERE state IN (${sqlList(PACKED_SESSIONS)}) AND closed_at >= @from AND closed_at < @to
       GROUP BY hour, station_id`,
    )
    .all(range) as HourRow[];
  const totals = [...tally(rows, range, chart, 'byStation')].sort((a, b) => b[1].packed - a[1].packed);
  return { available: true, stations: totals.map(([who, t]) => ({ stationId: String(who), packed: t.packed, perHour: rate(t.packed, t.hours.size) })) };
}

function scans(db: Db, range: PeriodRange): Throughput['scans'] {
  if (!hasColumns(db, 'scan_events', ['at', 'verdict'])) return notAvailable('scan_events');
  const row = db
    .prepare(
      `SELECT count(*) FILTER (WHERE verdict IN (${sqlList(ITEM_SCAN_ERRORS)})) AS errors, count(*) AS scans
       FROM scan_events WHERE at >= @from AND at < @to AND verdict IN (${sqlList([...ITEM_SCAN_OK, ...ITEM_SCAN_ERRORS])})`,
    )
    .get(range) as { errors: number; scans: number };
  return { available: true, scans: row.scans, errors: row.errors, rate: row.scans === 0 ? null : row.errors / row.scans };
}

function holds(db: Db, range: PeriodRange): Throughput['holds'] {
  if (!hasColumns(db, 'pack_holds', ['held_at', 'reason'])) return notAvailable('pack_holds');
  const reasons = db
    .prepare('SELECT reason, count(*) AS count FROM pack_holds WHERE held_at >= @from AND held_at < @to GROUP BY reason ORDER BY count DESC')
    .all(range) as Array<{ reason: string; count: number }>;
  return { available: true, reasons };
}

/** Orders packed per packer and per station over the period, with scan errors, holds and paid-to-packed time. */
export function throughput(db: Db, period: Period, clock: StationClock): Throughput {
  const range = periodRange(period, clock);
  const chart = slots(range);
  // One pass over the period's packed orders (a covering index) feeds the chart, the packers and paid-to-packed.
  const rows = db
    .prepare(
      `SELECT CAST((packed_at - @from) / ${HOUR_MS} AS INTEGER) AS hour, packed_by AS who, count(*) AS packed,
         sum(packed_at - paid_at) AS paidToPacked, count(paid_at) AS paid
       FROM orders WHERE packed_at >= @from AND packed_at < @to GROUP BY hour, packed_by`,
    )
    .all(range) as Array<HourRow & { who: number | null; paidToPacked: number | null; paid: number }>;
  const names = new Map((db.prepare('SELECT id, name FROM users').all() as Array<{ id: number; name: string }>).map((u) => [u.id, u.name]));
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
      return { userId, name: userId === null ? null : (names.get(userId) ?? null), packed: t.packed, perHour: rate(t.packed, t.hours.size) };
    }),
    stations: stations(db, range, chart),
    avgPaidToPackedMs: paid === 0 ? null : Math.round(paidToPacked / paid),
    scans: scans(db, range),
    holds: holds(db, range),
  };
}
