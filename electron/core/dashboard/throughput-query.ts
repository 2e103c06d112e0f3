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

function slots(range: PeriodRange): Throughput['slots'] {
  const list: Throughput['slots'] = [];
  for (let start = range.from; start < range.to; start += range.slotMs) list.push({ start, packed: 0, byPacker: {}, byStation: {} });
  return list;
}

function packers(db: Db, range: PeriodRange): Throughput['packers'] {
  const rows = db
    .prepare(
      `SELECT o.packed_by AS userId, u.name AS name, count(*) AS packed, count(DISTINCT o.packed_at / ${HOUR_MS}) AS hours
       FROM orders o LEFT JOIN users u ON u.id = o.packed_by
       WHERE o.packed_at >= @from AND o.packed_at < @to
       GROUP BY o.packed_by ORDER BY packed DESC`,
    )
    .all(range) as Array<{ userId: number | null; name: string | null; packed: number; hours: number }>;
  return rows.map((row) => ({ userId: row.userId, name: row.name, packed: row.packed, perHour: rate(row.packed, row.hours) }));
}

function stations(db: Db, range: PeriodRange, chart: Throughput['slots']): Throughput['stations'] {
  if (!hasColumns(db, 'pack_sessions', ['station_id', 'state', 'closed_at'])) return notAvailable('pack_sessions');
  const bySlot = db
    .prepare(
      `SELECT CAST((closed_at - @from) / @slotMs AS INTEGER) AS slot, station_id AS stationId, count(*) AS packed
       FROM pack_sessions WHERE state IN (${sqlList(PACKED_SESSIONS)}) AND closed_at >= @from AND closed_at < @to
       GROUP BY slot, station_id`,
    )
    .all(range) as Array<{ slot: number; stationId: string; packed: number }>;
  for (const row of bySlot) {
    const slot = chart[row.slot];
    if (slot) slot.byStation[row.stationId] = row.packed;
  }
  const totals = db
    .prepare(
      `SELECT station_id AS stationId, count(*) AS packed, count(DISTINCT closed_at / ${HOUR_MS}) AS hours
       FROM pack_sessions WHERE state IN (${sqlList(PACKED_SESSIONS)}) AND closed_at >= @from AND closed_at < @to
       GROUP BY station_id ORDER BY packed DESC`,
    )
    .all(range) as Array<{ stationId: string; packed: number; hours: number }>;
  return { available: true, stations: totals.map((row) => ({ stationId: row.stationId, packed: row.packed, perHour: rate(row.packed, row.hours) })) };
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
  const bySlot = db
    .prepare(
      `SELECT CAST((packed_at - @from) / @slotMs AS INTEGER) AS slot, packed_by AS userId, count(*) AS packed
       FROM orders WHERE packed_at >= @from AND packed_at < @to GROUP BY slot, packed_by`,
    )
    .all(range) as Array<{ slot: number; userId: number | null; packed: number }>;
  let packed = 0;
  for (const row of bySlot) {
    const slot = chart[row.slot];
    if (!slot) continue;
    slot.byPacker[String(row.userId ?? 0)] = row.packed;
    slot.packed += row.packed;
    packed += row.packed;
  }
  const paidToPacked = db
    .prepare('SELECT avg(packed_at - paid_at) AS ms FROM orders WHERE packed_at >= @from AND packed_at < @to AND paid_at IS NOT NULL')
    .get(range) as { ms: number | null };
  return {
    period,
    from: range.from,
    to: range.to,
    slotMs: range.slotMs,
    slots: chart,
    packed,
    packers: packers(db, range),
    stations: stations(db, range, chart),
    avgPaidToPackedMs: paidToPacked.ms === null ? null : Math.round(paidToPacked.ms),
    scans: scans(db, range),
    holds: holds(db, range),
  };
}
